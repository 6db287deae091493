"""An issue's figures as open data: CSV, XLSX and JSON, from the frozen snapshot.

Two audiences, two shapes (docs/opendata.md):

* people open the CSV and the XLSX in Excel or WPS: Chinese headings and
  values throughout (units named, 是/否 rather than True/False), the tables
  exactly as the issue prints them. The CSV is one long table (one figure a
  row) so that any tool reads it; it starts with a UTF-8 BOM because Excel
  otherwise guesses a legacy encoding for Chinese. The XLSX has one sheet per
  table, with numbers as numbers, and a sheet 说明 about the issue;
* programs read the JSON: the snapshot's structured ``figures`` under their
  machine keys (``centres[0].figures[0].daily_average``), and every table with raw
  values beside the printed text. Machine keys appear only there.

Text that a spreadsheet would run as a formula (a note typed as ``=1+1``) is
exported inert (``config.spreadsheets``).
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from bulletins.document import Document, Section, Table
from config.spreadsheets import neutralise

CSV_HEADER = ["期号", "表格", "行", "指标", "单位", "数值", "显示文本"]
# The 说明 sheet: the issue's facts under Chinese names.
INFO_LABELS = {
    "series": "刊物",
    "publisher": "编印单位",
    "number": "期号",
    "label": "期次",
    "period": "报告期",
    "publication_date": "印发日期",
    "revision": "修订版次",
}
JSON_NOTE = "完整的结构化指标（含程序使用的英文键名）见同期的 JSON 文件。"
_UNIT = re.compile(r"[（(]([^（）()]+)[）)]\s*$")


def unit_of(label: str) -> str:
    """The unit a column heading names: "交易金额（亿元）" → "亿元"; "" if none."""
    match = _UNIT.search(label or "")
    return match[1] if match else ""


def for_people(value):
    """A value as a person reads it: True/False as 是/否, None as blank."""
    if isinstance(value, bool):
        return "是" if value else "否"
    return "" if value is None else value


def issue_info(issue) -> dict[str, Any]:
    return {
        "series": issue.series.title,
        "publisher": issue.series.publisher,
        "number": issue.number,
        "label": issue.label,
        "period": issue.period().key,
        "publication_date": issue.publication_date.isoformat(),
        "revision": issue.revision,
    }


def tables(document: Document) -> list[tuple[str, str, Table]]:
    """(key, title, table) of every table: body tables, then attachments."""
    found = []

    def walk(blocks, where):
        for block in blocks:
            if isinstance(block, Section):
                walk(block.blocks, block.key or block.title)
            elif isinstance(block, Table):
                key = f"{where}.table{len(found) + 1}"
                found.append((key, block.caption or where, block))

    walk(document.sections, "body")
    for n, attachment in enumerate(document.attachments, start=1):
        found.append(
            (attachment.key or f"attachment{n}", attachment.title, attachment.table)
        )
    return found


def _value(cell) -> Any:
    """A cell's raw value as JSON: int, a Decimal string kept exact, or None."""
    return cell.value


def _number(value):
    """For XLSX and sorting: int stays int, a decimal string becomes Decimal."""
    if value is None or isinstance(value, int | float):
        return value
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return value


def _row_label(row, columns) -> str:
    index = 1 if columns and columns[0].label.strip() == "序号" else 0
    return row[index].text if index < len(row) else ""


def _column_key(column, n: int) -> str:
    return column.key or column.label or f"col{n}"


def table_json(key: str, title: str, table: Table) -> dict[str, Any]:
    columns = table.columns

    def cells(row):
        return {
            _column_key(c, i): {"value": _value(cell), "text": cell.text}
            for i, (c, cell) in enumerate(zip(columns, row, strict=False))
        }

    return {
        "key": key,
        "title": title,
        "columns": [
            {"key": _column_key(c, i), "label": c.label} for i, c in enumerate(columns)
        ],
        "rows": [cells(row) for row in table.rows],
        "totals": cells(table.totals) if table.totals is not None else None,
    }


def as_json(issue) -> dict[str, Any]:
    document = Document.from_dict(issue.snapshot)
    return {
        "issue": issue_info(issue),
        "metadata": document.metadata,
        "figures": document.figures,
        "tables": [table_json(*t) for t in tables(document)],
    }


def long_rows(issue) -> list[list[Any]]:
    """One figure a row: 期号, 表格, 行, 指标, 单位, 数值, 显示文本."""
    document = Document.from_dict(issue.snapshot)
    rows = []
    for _key, title, table in tables(document):
        body = list(table.rows)
        if table.totals is not None:
            body.append(table.totals)
        for row in body:
            label = "合计" if row is table.totals else _row_label(row, table.columns)
            for column, cell in zip(table.columns, row, strict=False):
                if column.label.strip() == "序号" or cell.text == label:
                    continue
                rows.append(
                    [
                        issue.number,
                        title,
                        label,
                        column.label,
                        unit_of(column.label),
                        cell.value,
                        cell.text,
                    ]
                )
    return rows


def as_csv(issue) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for row in long_rows(issue):
        writer.writerow(neutralise(for_people(_number(v))) for v in row)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(issue) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    document = Document.from_dict(issue.snapshot)
    book = Workbook()
    book.remove(book.active)
    used = set()
    for key, title, table in tables(document):
        name = _sheet_name(title or key, used)
        sheet = book.create_sheet(name)
        sheet.append([neutralise(title)])
        sheet["A1"].font = Font(bold=True)
        sheet.append([neutralise(c.label) for c in table.columns])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_xlsx_cell(c) for c in row])
        if table.totals is not None:
            sheet.append([_xlsx_cell(c) for c in table.totals])
    info = book.create_sheet(_sheet_name("说明", used))
    facts = issue_info(issue) | {"period": issue.period_label}
    for key, label in INFO_LABELS.items():
        info.append([label, neutralise(for_people(facts[key]))])
    for key, value in document.metadata.items():
        info.append([neutralise(key), neutralise(for_people(value))])
    info.append(["数据说明", JSON_NOTE])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(cell):
    if cell.value is None:
        return neutralise(cell.text) or None
    return neutralise(for_people(_number(cell.value)))


def _sheet_name(title: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ , unique in the book.
    base = "".join("_" if ch in "[]:*?/\\" else ch for ch in title)[:28] or "表"
    name, n = base, 2
    while name in used:
        name, n = f"{base}{n}", n + 1
    used.add(name)
    return name
