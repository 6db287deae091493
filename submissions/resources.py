"""Reading uploaded spreadsheets (.xlsx or UTF-8/GBK .csv) within the
configured limits, and the admin's report export.

Workbooks are read with openpyxl (the engine under django-import-export); a
neutralised formula is restored (``config.spreadsheets``). The report's figure
sheet (``submissions.figure_sheets``) parses what ``load_rows`` reads.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

from import_export import fields, resources

from config.sheets import (
    SheetError,
    SheetLimits,
    bounded,
    check_csv_size,
    open_workbook,
)
from config.spreadsheets import restore

from .defined import stored_value
from .models import FigureValue, MonthlyReport

NOT_A_WORKBOOK = (
    "无法读取文件：不是有效的 .xlsx 工作簿（文件可能已损坏、不完整或设有密码），"
    "请在 Excel 中另存为 .xlsx 或 .csv 后再上传。"
)
UNKNOWN_ENCODING = "CSV 文件编码无法识别（请使用 UTF-8 或 GBK）。"
BAD_CSV = "无法读取 CSV 文件（格式错误或单元格内容过长），请在 Excel 中另存后再上传。"


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


def load_rows(content: bytes, filename: str, kind: str) -> list[list]:
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


class MonthlyReportResource(resources.ModelResource):
    """Reports with their stated totals, for the admin's export (one row per
    report): after the status, one column per definition with a total
    (``受理总数``, named as the form names it), in the definitions' order."""

    centre = fields.Field(attribute="centre__name", column_name="报送单位")
    month = fields.Field(attribute="month", column_name="月份")
    period = fields.Field(column_name="报送期间")
    status = fields.Field(column_name="状态")
    working_days = fields.Field(attribute="working_days", column_name="工作日")
    submitted_at = fields.Field(attribute="submitted_at", column_name="提交时间")

    class Meta:
        model = MonthlyReport
        fields = (
            "centre",
            "month",
            "period",
            "status",
            "working_days",
            "submitted_at",
        )
        export_order = fields

    def dehydrate_period(self, report):
        """2021年6月, 2021年第三季度: a quarter's report is not its first month's."""
        return report.period_label

    def dehydrate_status(self, report):
        return report.get_status_display()

    def get_export_queryset(self, request=None, **kwargs):
        return MonthlyReport.objects.select_related("centre")

    def export(self, queryset=None, **kwargs):
        """The model's columns, then each definition's stated total inserted
        after the status (two queries more)."""
        reports = list(self.get_export_queryset() if queryset is None else queryset)
        dataset = super().export(queryset=reports, **kwargs)
        totals = FigureValue.objects.filter(
            report__in=reports, option=None, to_date=False
        ).select_related("definition")
        by_report: dict[int, dict[str, object]] = {}
        names: dict[str, tuple] = {}
        for value in totals.order_by("definition__order", "definition_id"):
            definition = value.definition
            name = f"{definition.name}总数"
            names.setdefault(name, (definition.order, definition.pk))
            by_report.setdefault(value.report_id, {})[name] = stored_value(
                definition.value_type, value.value
            )
        for offset, name in enumerate(sorted(names, key=names.get)):
            dataset.insert_col(
                3 + offset,
                [by_report.get(r.pk, {}).get(name, "") for r in reports],
                header=name,
            )
        return dataset
