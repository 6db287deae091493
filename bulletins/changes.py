"""What a person calls a paragraph, and what changed between two documents.

Pure functions over ``Document`` trees. The leader's screen and a refused
publication list the changes since sign-off figure by figure and paragraph by
paragraph; the paragraph editor titles a paragraph by its label:

    >>> from bulletins.document import Document, Masthead, Paragraph, Section
    >>> def doc(text):
    ...     summary = Paragraph(text, key="centre.2.summary")
    ...     centre = Section("（一）", "平安区政务服务中心", 2, "centre.2", [summary])
    ...     masthead = Masthead("刊", "第1期", "局", "2021年7月6日")
    ...     part = Section("一、", "区县", 1, "", [centre])
    ...     return Document(masthead, "t", sections=[part])
    >>> paragraph_labels(doc("受理1件。"))["centre.2.summary"]
    '平安区政务服务中心 · 办件情况'
    >>> [c["where"] for c in document_changes(doc("受理1件。"), doc("受理2件。"))]
    ['平安区政务服务中心 · 办件情况']
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from bulletins.document import Document, Paragraph, Section, Table

HALL = "市级大厅"
KINDS = {
    "summary": "办件情况",
    "ratings": "好差评情况",
    "figures": "其他指标",
    "cases": "办件情况",
    "trades": "公共资源交易情况",
    "missing": "未报送单位说明",
}
WORK = "主要工作"
_ITEM = re.compile(r"^workitem\.\d+(?:\.(\d+))?$")
_LEAD_NUMBER = re.compile(r"^(?:主要工作：)?\d+\.")


def snapshot_hash(snapshot: dict[str, Any]) -> str:
    """SHA-256 of a snapshot as canonical JSON (sorted keys, no spaces)."""
    data = json.dumps(
        snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(data.encode()).hexdigest()


def _lead_title(lead: str) -> str:
    return _LEAD_NUMBER.sub("", lead).rstrip("。")


def paragraph_labels(document: Document) -> dict[str, str]:
    """{paragraph key: 平安区政务服务中心 · 办件情况} for every keyed paragraph."""
    labels: dict[str, str] = {}

    def walk(section: Section, unit: str):
        item = ""
        for block in section.blocks:
            if isinstance(block, Section):
                walk(block, block.title if block.key.startswith("centre.") else unit)
            elif isinstance(block, Paragraph) and block.key:
                labels[block.key] = f"{unit} · {_kind(block, item)}"
                if _ITEM.match(block.key) and block.lead:
                    item = _lead_title(block.lead)

    for part in document.sections:
        walk(part, HALL if part.key == "hall" else part.title)
    return labels


def _kind(paragraph: Paragraph, item: str) -> str:
    match = _ITEM.match(paragraph.key)
    if match:
        if match.group(1):
            return f"{WORK} · {item}（第{match.group(1)}段）"
        return f"{WORK} · {_lead_title(paragraph.lead)}"
    return KINDS.get(paragraph.key.rsplit(".", 1)[-1], paragraph.key)


def _paragraph_texts(document: Document) -> dict[str, tuple[str, str]]:
    labels = paragraph_labels(document)
    return {
        p.key: (labels.get(p.key, p.key), f"{p.lead}{p.text}")
        for p in document.iter_paragraphs()
        if p.key
    }


def _tables(document: Document) -> dict[str, Table]:
    tables = {a.title: a.table for a in document.attachments}
    stack = list(document.sections)
    while stack:
        section = stack.pop()
        for block in section.blocks:
            if isinstance(block, Section):
                stack.append(block)
            elif isinstance(block, Table):
                tables[block.caption or section.title] = block
    return tables


def _cells(table: Table) -> dict[tuple[str, str], str]:
    """{(row label, column label): printed text}; the row label is the first
    cell that is not the 序号."""
    cells = {}
    rows = list(table.rows) + ([table.totals] if table.totals else [])
    for row in rows:
        named = [
            c.text
            for c, col in zip(row, table.columns, strict=False)
            if col.key != "number" and c.text
        ]
        label = named[0] if named else ""
        if row is table.totals:
            label = "合计"
            columns = ["合计"] * table.totals_span + [
                c.label for c in table.columns[table.totals_span :]
            ]
            texts = [row[0].text] * table.totals_span + [c.text for c in row[1:]]
        else:
            columns = [c.label for c in table.columns]
            texts = [c.text for c in row]
        seen: dict[str, int] = {}
        for column, text in zip(columns, texts, strict=False):
            if column in ("序号", "合计"):
                continue
            n = seen[column] = seen.get(column, 0) + 1
            # 办结（件） appears twice in a row: the second is the service one.
            name = column if n == 1 else f"{column}（第{n}个）"
            cells[(label, name)] = text
    return cells


def _change(where: str, before: str, after: str) -> dict[str, str]:
    return {"where": where, "before": before, "after": after}


def document_changes(before: Document, after: Document) -> list[dict[str, str]]:
    """Every difference a reader would see, in reading order: headings and
    metadata, paragraphs (by their label), then table cells (table · row ·
    column). Each is {"where", "before", "after"}; "" stands for absent."""
    changes = []
    for where, old, new in (
        ("刊头", before.masthead.issue_label, after.masthead.issue_label),
        ("印发日期", before.masthead.date_text, after.masthead.date_text),
        ("标题", before.title, after.title),
        ("编者按", before.editor_note, after.editor_note),
    ):
        if old != new:
            changes.append(_change(where, old, new))
    for name in dict.fromkeys([*before.metadata, *after.metadata]):
        old, new = before.metadata.get(name, ""), after.metadata.get(name, "")
        if old != new:
            changes.append(_change(name, old, new))
    old_paragraphs, new_paragraphs = _paragraph_texts(before), _paragraph_texts(after)
    for key in dict.fromkeys([*new_paragraphs, *old_paragraphs]):
        label, old = old_paragraphs.get(key, ("", ""))
        new_label, new = new_paragraphs.get(key, ("", ""))
        if old != new:
            changes.append(_change(new_label or label, old, new))
    old_tables, new_tables = _tables(before), _tables(after)
    for title in dict.fromkeys([*new_tables, *old_tables]):
        old_cells = _cells(old_tables[title]) if title in old_tables else {}
        new_cells = _cells(new_tables[title]) if title in new_tables else {}
        for row, column in dict.fromkeys([*new_cells, *old_cells]):
            old = old_cells.get((row, column), "")
            new = new_cells.get((row, column), "")
            if old != new:
                changes.append(_change(f"{title} · {row} · {column}", old, new))
    if not changes and before.figures != after.figures:
        changes.append(_change("开放数据中的数字", "签发时的数字", "现在的数字"))
    return changes
