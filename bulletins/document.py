"""The bulletin as a plain document tree, independent of HTML and PDF.

Composition builds a ``Document``; the HTML and PDF renderers both take one; a
published issue stores ``document.to_dict()`` as its frozen snapshot and renders
from ``Document.from_dict(snapshot)`` ever after. Every string here is final text
(already full-width punctuated, figures already formatted): renderers only lay it
out and escape it.

    >>> doc = Document(
    ...     masthead=Masthead(title="海东政务服务动态", issue_label="第63期",
    ...                       publisher="海东市政务服务监督管理局",
    ...                       date_text="2021年7月6日"),
    ...     title="6月份政务服务和公共资源工作情况",
    ...     sections=[Section(number="一、", title="市级大厅工作开展情况",
    ...                       blocks=[Paragraph(text="6月份，……。", key="hall")])],
    ... )
    >>> Document.from_dict(doc.to_dict()) == doc
    True
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = 1

Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Masthead:
    """The head of the issue. ``style`` ``masthead``: the red masthead — title,
    第N期, publisher and date on one line; ``notice`` (a 通报): no masthead and
    no number, the document's title line centred instead."""

    title: str  # 海东政务服务动态
    issue_label: str  # 第63期
    publisher: str  # 海东市政务服务监督管理局
    date_text: str  # 2021年7月6日
    subtitle: str = ""
    style: str = "masthead"  # or "notice"


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph.

    ``lead`` is a run-in heading printed before the text in the same paragraph
    (``1.办件情况。`` or ``主要工作：``); ``key`` is stable across compositions of the
    same period so an editor's override can be matched to it. ``edited`` marks text
    that an editor overrode; ``generated`` then keeps the machine text beside it.
    """

    text: str
    key: str = ""
    lead: str = ""
    edited: bool = False
    generated: str = ""


@dataclass(frozen=True)
class Cell:
    """One table cell: the printed text and, for figures, the raw value.

    ``value`` is None for a blank cell, a number (int, or a str holding an exact
    Decimal) for a figure. ``text`` is what is printed: "" for blank, "0", "—".
    """

    text: str
    value: int | str | None = None


@dataclass(frozen=True)
class Column:
    label: str
    align: Align = "center"
    key: str = ""  # machine name for open data, e.g. "licensing_accepted"


@dataclass(frozen=True)
class Table:
    """A grid table; ``totals`` is the 合计 row, whose first ``totals_span`` cells are
    one merged label cell."""

    columns: list[Column]
    rows: list[list[Cell]]
    totals: list[Cell] | None = None
    totals_span: int = 2
    caption: str = ""


@dataclass(frozen=True)
class Section:
    """A numbered part (``一、``, level 1) or section (``（一）``, level 2)."""

    number: str
    title: str
    level: int = 1
    key: str = ""
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class Attachment:
    """附件N: starts on a new page with its label, title, an optional meta line
    (单位名称：…　2021年7月6日) and its table."""

    label: str  # 附件1
    title: str
    table: Table
    meta: str = ""
    key: str = ""


Block = Paragraph | Section | Table


@dataclass(frozen=True)
class Document:
    masthead: Masthead
    title: str  # 6月份政务服务和公共资源工作情况
    issuer: str = ""  # 市政务服务监督管理局, printed above the title
    introduction: str = ""  # a 通报's opening sentence, after the title
    sections: list[Section] = field(default_factory=list)
    attachment_list: list[str] = field(default_factory=list)  # 附件：1.… 2.…
    attachments: list[Attachment] = field(default_factory=list)
    editor_note: str = ""
    # Structured figures for open data (CSV/XLSX/JSON) and charts; JSON-safe.
    figures: dict[str, Any] = field(default_factory=dict)
    metadata: dict[str, str] = field(default_factory=dict)  # 索引号, 发布机构, …
    schema: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return _tag(asdict(self), self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return Document(
            masthead=Masthead(**data["masthead"]),
            title=data["title"],
            issuer=data.get("issuer", ""),
            introduction=data.get("introduction", ""),
            sections=[_section(s) for s in data.get("sections", [])],
            attachment_list=list(data.get("attachment_list", [])),
            attachments=[
                Attachment(
                    label=a["label"],
                    title=a["title"],
                    table=_table(a["table"]),
                    meta=a.get("meta", ""),
                    key=a.get("key", ""),
                )
                for a in data.get("attachments", [])
            ],
            editor_note=data.get("editor_note", ""),
            figures=data.get("figures", {}),
            metadata=data.get("metadata", {}),
            schema=data.get("schema", SCHEMA_VERSION),
        )

    def iter_paragraphs(self):
        """Every paragraph of the body in reading order (for search and overrides)."""
        stack = list(reversed(self.sections))
        while stack:
            node = stack.pop()
            if isinstance(node, Paragraph):
                yield node
            elif isinstance(node, Section):
                stack.extend(reversed(node.blocks))


def _tag(data: Any, obj: Any) -> Any:
    """Add a ``type`` key to each block so that mixed block lists round-trip."""
    if isinstance(obj, Document):
        data["sections"] = [
            _tag(d, s) for d, s in zip(data["sections"], obj.sections, strict=True)
        ]
    elif isinstance(obj, Section):
        data["type"] = "section"
        data["blocks"] = [
            _tag(d, b) for d, b in zip(data["blocks"], obj.blocks, strict=True)
        ]
    elif isinstance(obj, Paragraph):
        data["type"] = "paragraph"
    elif isinstance(obj, Table):
        data["type"] = "table"
    return data


def _block(data: dict[str, Any]) -> Block:
    kind = data.get("type")
    if kind == "section":
        return _section(data)
    if kind == "table":
        return _table(data)
    if kind == "paragraph":
        return Paragraph(**{k: v for k, v in data.items() if k != "type"})
    raise ValueError(f"unknown block type {kind!r}")


def _section(data: dict[str, Any]) -> Section:
    return Section(
        number=data["number"],
        title=data["title"],
        level=data.get("level", 1),
        key=data.get("key", ""),
        blocks=[_block(b) for b in data.get("blocks", [])],
    )


def _table(data: dict[str, Any]) -> Table:
    totals = data.get("totals")
    return Table(
        columns=[Column(**c) for c in data["columns"]],
        rows=[[Cell(**c) for c in row] for row in data["rows"]],
        totals=[Cell(**c) for c in totals] if totals is not None else None,
        totals_span=data.get("totals_span", 2),
        caption=data.get("caption", ""),
    )
