"""The department table (附件1) as a spreadsheet: import with a dry run, and export.

The layout is the seed's attachment 1: an optional title row, then the header
序号, 单位, 受理行政许可事项(件), 办结(件), 办结率(%), 受理公共服务事项(件), 办结(件),
办结率(%), 备注 (full- or half-width parentheses), one row per department, and an
optional 合计 row. Columns are read by position because two headers are both
"办结(件)"; the rates are ignored and recomputed. Workbooks are read with openpyxl
(the engine under django-import-export). Exported text cells that a spreadsheet
would run as a formula are neutralised (``config.spreadsheets``).

``parse_department_table`` never writes: it returns the rows it understood and a
row-numbered Chinese error for every row it did not; the caller saves only when
there is no error at all.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

import tablib
from import_export import fields, resources

from config.sheets import (
    SheetError,
    SheetLimits,
    bounded,
    check_csv_size,
    open_workbook,
)
from config.spreadsheets import neutralise, restore
from config.xmltext import illegal_characters

from .figures import format_percent
from .forms import MAX_COUNT, normalise_count
from .models import DepartmentCount, MonthlyReport

HEADERS = [
    "序号",
    "单位",
    "受理行政许可事项(件)",
    "办结(件)",
    "办结率(%)",
    "受理公共服务事项(件)",
    "办结(件)",
    "办结率(%)",
    "备注",
]
# (column index, field, label in messages)
FIGURE_COLUMNS = [
    (2, "licensing_accepted", "受理行政许可事项"),
    (3, "licensing_completed", "行政许可办结"),
    (5, "service_accepted", "受理公共服务事项"),
    (6, "service_completed", "公共服务办结"),
]
NOTE_COLUMN = 8
TOTAL_LABELS = {"合计", "总计"}

NO_HEADER = "未找到表头：第一列应为“序号”，第二列应为“单位”（附件1格式）。"
BAD_HEADER = "表头第{column}列应为“{expected}”，实际为“{actual}”。"
UNKNOWN_DEPARTMENT = "第{row}行：窗口单位“{name}”不在本单位的窗口单位名单中。"
DUPLICATE_DEPARTMENT = "第{row}行：窗口单位“{name}”重复出现（第{first}行已有）。"
NOT_NUMERIC = "第{row}行（{name}）：“{label}”应为整数，填写的是“{value}”。"
NEGATIVE = "第{row}行（{name}）：“{label}”不能为负数（{value}）。"
TOO_LARGE = "第{row}行（{name}）：“{label}”数值过大（{value}），不能超过{limit}。"
NOTE_TOO_LONG = "第{row}行（{name}）：备注超过{limit}个字（{length}个字），请删减。"
CONTROL_CHARACTER = (
    "第{row}行（{name}）：备注含有不可见的控制字符（{codes}），请删除后再上传。"
)
NOT_A_WORKBOOK = (
    "无法读取文件：不是有效的 .xlsx 工作簿（文件可能已损坏、不完整或设有密码），"
    "请在 Excel 中另存为 .xlsx 或 .csv 后再上传。"
)
UNKNOWN_ENCODING = "CSV 文件编码无法识别（请使用 UTF-8 或 GBK）。"
BAD_CSV = "无法读取 CSV 文件（格式错误或单元格内容过长），请在 Excel 中另存后再上传。"
COMPLETED_EXCEEDS = (
    "第{row}行（{name}）：{what}办结{completed}件，超过受理{accepted}件。"
)
EMPTY_FILE = "文件中没有窗口单位数据。"


def canonical(text) -> str:
    """Header text compared loosely: parentheses half-width, no spaces."""
    text = "" if text is None else str(text)
    text = text.replace("（", "(").replace("）", ")").replace("％", "%")
    return re.sub(r"\s+", "", text)


def cell_text(value) -> str:
    """A read cell as text: numbers in plain notation (0.00001, never 1e-05),
    a neutralised formula restored."""
    if value is None:
        return ""
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f")
    return restore(str(value).strip())


class UnreadableFile(ValueError):
    """The file as a whole cannot be read; the message is for the user."""


def _xlsx_rows(content: bytes, limits: SheetLimits) -> list[list]:
    """Cell values as Excel last computed them; a formula Excel never computed
    (a file written by a program) reads as its formula text, so that it is
    refused as "not a number" rather than read as blank. Both readings stream
    within ``limits``."""
    books, readings = [], []
    try:
        for data_only in (True, False):
            try:
                book, sheet, _ = open_workbook(
                    io.BytesIO(content), limits, data_only=data_only
                )
            except SheetError:
                raise
            except Exception as exc:  # noqa: BLE001 - not a zip, no workbook, …
                raise UnreadableFile(NOT_A_WORKBOOK) from exc
            books.append(book)
            readings.append(bounded(sheet.iter_rows(), limits))
        values, formulas = readings
        return [
            [
                f.value if v.value is None and f.data_type == "f" else v.value
                for v, f in zip(value_row, formula_row, strict=False)
            ]
            for value_row, formula_row in zip(values, formulas, strict=False)
        ]
    finally:
        for book in books:
            book.close()


@dataclass
class ParsedTable:
    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def load_rows(content: bytes, filename: str, kind: str = "departments") -> list[list]:
    """The file's rows as lists of cells (rows may differ in length), within
    ``SPREADSHEET_LIMITS[kind]``."""
    limits = SheetLimits.for_import(kind)
    if filename.lower().endswith(".xlsx"):
        return _xlsx_rows(content, limits)
    check_csv_size(len(content), limits)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnreadableFile(UNKNOWN_ENCODING)
    # The csv module rather than tablib: a title row is shorter than the table.
    return list(bounded(csv.reader(io.StringIO(text)), limits))


def _parse_count(raw: str, *, row, name, label, errors) -> int | None:
    text = normalise_count(raw)
    if text == "":
        return None
    if not re.fullmatch(r"-?\d+(\.0+)?", text):
        errors.append(NOT_NUMERIC.format(row=row, name=name, label=label, value=raw))
        return None
    number = int(text.split(".")[0])
    if number < 0:
        errors.append(NEGATIVE.format(row=row, name=name, label=label, value=raw))
        return None
    if number > MAX_COUNT:
        errors.append(
            TOO_LARGE.format(
                row=row, name=name, label=label, value=raw, limit=MAX_COUNT
            )
        )
        return None
    return number


def parse_department_table(content: bytes, filename: str, departments) -> ParsedTable:
    """Rows of the uploaded table matched to ``departments`` (by name)."""
    result = ParsedTable()
    try:
        dataset = load_rows(content, filename)
    except (UnreadableFile, SheetError) as exc:
        result.errors.append(str(exc))
        return result
    except Exception:  # noqa: BLE001 - any unreadable file is one message
        xlsx = filename.lower().endswith(".xlsx")
        result.errors.append(NOT_A_WORKBOOK if xlsx else BAD_CSV)
        return result
    lines = [[cell_text(value) for value in row] for row in dataset]
    header_at = next(
        (
            i
            for i, line in enumerate(lines[:10])
            if len(line) >= 2
            and canonical(line[0]) == "序号"
            and canonical(line[1]) == "单位"
        ),
        None,
    )
    if header_at is None:
        result.errors.append(NO_HEADER)
        return result
    header = lines[header_at] + [""] * (len(HEADERS) - len(lines[header_at]))
    for index, expected in enumerate(HEADERS[:-1]):
        if canonical(header[index]) != canonical(expected):
            result.errors.append(
                BAD_HEADER.format(
                    column=index + 1, expected=expected, actual=header[index]
                )
            )
    if result.errors:
        return result
    by_name = {canonical(d.name): d for d in departments}
    seen: dict[int, int] = {}
    for offset, line in enumerate(lines[header_at + 1 :], start=header_at + 2):
        line = line + [""] * (len(HEADERS) - len(line))
        name = line[1].strip()
        if not any(cell for cell in line):
            continue
        if canonical(name) in TOTAL_LABELS or canonical(line[0]) in TOTAL_LABELS:
            continue
        department = by_name.get(canonical(name))
        if department is None:
            result.errors.append(UNKNOWN_DEPARTMENT.format(row=offset, name=name))
            continue
        if department.pk in seen:
            result.errors.append(
                DUPLICATE_DEPARTMENT.format(
                    row=offset, name=name, first=seen[department.pk]
                )
            )
            continue
        seen[department.pk] = offset
        errors_before = len(result.errors)
        row = {"department_id": department.pk, "name": department.name, "line": offset}
        for column, field_name, label in FIGURE_COLUMNS:
            row[field_name] = _parse_count(
                line[column],
                row=offset,
                name=department.name,
                label=label,
                errors=result.errors,
            )
        row["note"] = line[NOTE_COLUMN]
        limit = DepartmentCount._meta.get_field("note").max_length
        if len(row["note"]) > limit:
            result.errors.append(
                NOTE_TOO_LONG.format(
                    row=offset,
                    name=department.name,
                    limit=limit,
                    length=len(row["note"]),
                )
            )
        elif illegal_characters(row["note"]):
            result.errors.append(
                CONTROL_CHARACTER.format(
                    row=offset,
                    name=department.name,
                    codes="、".join(illegal_characters(row["note"])),
                )
            )
        if len(result.errors) == errors_before:
            for what, accepted, completed in (
                ("行政许可", row["licensing_accepted"], row["licensing_completed"]),
                ("公共服务", row["service_accepted"], row["service_completed"]),
            ):
                if accepted is not None and completed is not None:
                    if completed > accepted:
                        result.errors.append(
                            COMPLETED_EXCEEDS.format(
                                row=offset,
                                name=department.name,
                                what=what,
                                completed=completed,
                                accepted=accepted,
                            )
                        )
        result.rows.append(row)
    if not result.rows and not result.errors:
        result.errors.append(EMPTY_FILE)
    return result


def _rate(completed, accepted) -> str:
    if accepted is None or completed is None:
        return ""
    try:
        return format_percent(completed, accepted)
    except ValueError:
        return ""


def department_dataset(report) -> tablib.Dataset:
    """The report's department table in the attachment-1 layout, with 合计."""
    counts = {c.department_id: c for c in report.department_counts.all()}
    dataset = tablib.Dataset(title=f"{report.month.month}月份办件情况统计表")
    dataset.headers = HEADERS
    totals = {name: None for _, name, _ in FIGURE_COLUMNS}
    departments = [
        d for d in report.centre.departments.all() if d.is_active or d.pk in counts
    ]
    for number, department in enumerate(departments, start=1):
        count = counts.get(department.pk)
        values = {
            name: getattr(count, name, None) if count else None
            for _, name, _ in FIGURE_COLUMNS
        }
        for name, value in values.items():
            if value is not None:
                totals[name] = (totals[name] or 0) + value
        dataset.append(
            [
                number,
                neutralise(department.name),
                _blank(values["licensing_accepted"]),
                _blank(values["licensing_completed"]),
                _rate(values["licensing_completed"], values["licensing_accepted"]),
                _blank(values["service_accepted"]),
                _blank(values["service_completed"]),
                _rate(values["service_completed"], values["service_accepted"]),
                neutralise(count.note) if count else "",
            ]
        )
    dataset.append(
        [
            "合计",
            "",
            _blank(totals["licensing_accepted"]),
            _blank(totals["licensing_completed"]),
            _rate(totals["licensing_completed"], totals["licensing_accepted"]),
            _blank(totals["service_accepted"]),
            _blank(totals["service_completed"]),
            _rate(totals["service_completed"], totals["service_accepted"]),
            "",
        ]
    )
    return dataset


def _blank(value):
    return "" if value is None else value


class MonthlyReportResource(resources.ModelResource):
    """Reports with their totals, for the admin's export (one row per report)."""

    centre = fields.Field(attribute="centre__name", column_name="报送单位")
    month = fields.Field(attribute="month", column_name="月份")
    status = fields.Field(column_name="状态")
    accepted_total = fields.Field(attribute="accepted_total", column_name="受理总数")
    completed_total = fields.Field(attribute="completed_total", column_name="办结总数")
    in_progress_total = fields.Field(
        attribute="in_progress_total", column_name="正在办理"
    )
    working_days = fields.Field(attribute="working_days", column_name="工作日")
    submitted_at = fields.Field(attribute="submitted_at", column_name="提交时间")

    class Meta:
        model = MonthlyReport
        fields = (
            "centre",
            "month",
            "status",
            "accepted_total",
            "completed_total",
            "in_progress_total",
            "working_days",
            "submitted_at",
        )
        export_order = fields

    def dehydrate_status(self, report):
        return report.get_status_display()

    def get_export_queryset(self, request=None, **kwargs):
        return MonthlyReport.objects.select_related("centre")
