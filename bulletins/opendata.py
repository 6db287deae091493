"""An issue's figures as open data: CSV, XLSX and JSON, from the frozen snapshot.

The JSON carries the snapshot's structured ``figures`` as they are and every
table (attachments and tables in the body) with raw values beside the printed
text. The CSV is one long table (one figure a row) so that any tool reads it;
it starts with a UTF-8 BOM because Excel otherwise guesses a legacy encoding
for Chinese. The XLSX has one sheet per table, as printed, with numbers as
numbers, and a sheet of the figures. Text that a spreadsheet would run as a
formula (a note typed as ``=1+1``) is exported inert (``config.spreadsheets``).
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal, InvalidOperation
from typing import Any

from bulletins.document import Document, Section, Table
from config.spreadsheets import neutralise

CSV_HEADER = ["期号", "表格", "行", "指标", "数值", "显示文本"]
FIGURES_TABLE = "figures"


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


def _flatten(data: Any, prefix: str = ""):
    """(path, value) of every scalar in nested dicts and lists."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _flatten(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(data, list):
        for n, value in enumerate(data):
            yield from _flatten(value, f"{prefix}[{n}]")
    else:
        yield prefix, data


def long_rows(issue) -> list[list[Any]]:
    """One figure a row: 期号, 表格, 行, 指标, 数值, 显示文本."""
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
                    [issue.number, title, label, column.label, cell.value, cell.text]
                )
    for path, value in _flatten(document.figures):
        rows.append([issue.number, FIGURES_TABLE, "", path, value, ""])
    return rows


def as_csv(issue) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for row in long_rows(issue):
        writer.writerow("" if v is None else neutralise(_number(v)) for v in row)
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
    figures = book.create_sheet(_sheet_name("指标", used))
    figures.append(["指标", "数值"])
    for path, value in _flatten(document.figures):
        figures.append([neutralise(path), _number(value)])
    info = book.create_sheet(_sheet_name("说明", used))
    for key, value in issue_info(issue).items():
        info.append([key, neutralise(value)])
    for key, value in document.metadata.items():
        info.append([neutralise(key), neutralise(value)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(cell):
    if cell.value is None:
        return neutralise(cell.text) or None
    return neutralise(_number(cell.value))


def _sheet_name(title: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ , unique in the book.
    base = "".join("_" if ch in "[]:*?/\\" else ch for ch in title)[:28] or "表"
    name, n = base, 2
    while name in used:
        name, n = f"{base}{n}", n + 1
    used.add(name)
    return name
