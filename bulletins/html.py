"""The document tree as a template context for the HTML bulletin.

The public issue page, an earlier revision, the signed preview link and the
editor's compose screen all render ``templates/bulletins/_document.html`` from
``document_context``; the editor's screen only adds edit links around the
paragraphs. Nodes are plain dicts with a ``kind`` so one recursive template can
lay out mixed block lists; every string is escaped by the template.
"""

from __future__ import annotations

from typing import Any

from bulletins.document import Attachment, Document, Paragraph, Section, Table

_HEADINGS = {1: "h2", 2: "h3"}


def document_context(
    document: Document,
    *,
    editing: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """``editing``: {"stale": {key: text}, "edit_url": callable(key) -> url}."""
    editing = editing or {}
    ids: dict[str, int] = {}
    return {
        "masthead": document.masthead,
        "title": document.title,
        "issuer": document.issuer,
        "introduction": document.introduction,
        "notice": document.masthead.style == "notice",
        "editor_note": document.editor_note,
        "blocks": [_node(b, editing, ids) for b in document.sections],
        "attachment_list": document.attachment_list,
        "attachments": [_attachment(a, n) for n, a in enumerate(document.attachments)],
        "metadata": list(document.metadata.items()),
        "toc": contents(document),
        "editing": bool(editing),
    }


def contents(document: Document) -> list[dict[str, str]]:
    """The table of contents: each top-level section and attachment with the
    anchor ``_node``/``_attachment`` give it (sections are numbered s0, s1, … in
    reading order, subsections included)."""
    entries = []
    count = 0

    def walk(blocks, top):
        nonlocal count
        for block in blocks:
            if isinstance(block, Section):
                if top:
                    entries.append(
                        {"id": f"s{count}", "label": f"{block.number}{block.title}"}
                    )
                count += 1
                walk(block.blocks, False)

    walk(document.sections, True)
    for n, attachment in enumerate(document.attachments):
        entries.append(
            {"id": f"a{n + 1}", "label": f"{attachment.label} {attachment.title}"}
        )
    return entries


def _node(block, editing, ids) -> dict[str, Any]:
    if isinstance(block, Section):
        n = ids.setdefault("section", 0)
        ids["section"] = n + 1
        return {
            "kind": "section",
            "id": f"s{n}",
            "number": block.number,
            "title": block.title,
            "tag": _HEADINGS.get(block.level, "h4"),
            "level": block.level,
            "blocks": [_node(b, editing, ids) for b in block.blocks],
        }
    if isinstance(block, Paragraph):
        edit_url = editing.get("edit_url")
        return {
            "kind": "paragraph",
            "key": block.key,
            "lead": block.lead,
            "text": block.text,
            "edited": block.edited,
            "generated": block.generated,
            "stale": block.key in editing.get("stale", {}),
            "edit_url": edit_url(block.key) if edit_url and block.key else "",
        }
    if isinstance(block, Table):
        return {"kind": "table", **table_context(block)}
    raise TypeError(f"not a block: {block!r}")


def _attachment(attachment: Attachment, n: int) -> dict[str, Any]:
    return {
        "id": f"a{n + 1}",
        "label": attachment.label,
        "title": attachment.title,
        "meta": attachment.meta,
        "table": table_context(attachment.table, fallback_caption=attachment.title),
    }


def table_context(table: Table, fallback_caption: str = "") -> dict[str, Any]:
    """Header cells, body rows with their row-header cell marked, the totals row
    with its merged label cell; numeric columns right-aligned."""
    columns = table.columns
    # The row header is the name column: the one after 序号 when there is one.
    header_index = 1 if columns and columns[0].label.strip() == "序号" else 0
    header_index = min(header_index, max(len(columns) - 1, 0))
    rows = []
    for row in table.rows:
        rows.append(
            [
                {
                    "text": cell.text,
                    "header": i == header_index,
                    "align": columns[i].align if i < len(columns) else "center",
                }
                for i, cell in enumerate(row)
            ]
        )
    totals = None
    if table.totals is not None:
        span = max(1, table.totals_span)
        label = "".join(c.text for c in table.totals[:span]) or "合计"
        totals = {
            "label": label,
            "span": span,
            "cells": [
                {
                    "text": cell.text,
                    "align": columns[i].align if i < len(columns) else "center",
                }
                for i, cell in enumerate(table.totals[span:], start=span)
            ],
        }
    return {
        "caption": table.caption or fallback_caption,
        # An attachment's title already names its table on screen; its caption
        # is then for screen readers only.
        "caption_hidden": not table.caption or table.caption == fallback_caption,
        "wide": len(columns) > 5,
        "columns": [{"label": c.label, "align": c.align} for c in columns],
        "rows": rows,
        "totals": totals,
    }
