"""Writes across rows: importing a trades file, saving a month's manual totals."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice

import tablib
from django.conf import settings
from django.db import transaction

from .models import MonthlyTradeTotal, TradeCategory
from .resources import TradeResource
from .spreadsheets import SheetError, SheetLimits, check_size, open_sheet
from .trade_columns import COLUMN_OF, ROW_KEY

# Rows handed to the resource at a time: memory stays bounded by this, not the file.
CHUNK_ROWS = 5000

ROW_FAILED = "导入出错：{error}"


@dataclass(frozen=True)
class RowProblem:
    row: int  # the spreadsheet's row number (the header is row 1)
    cells: tuple[tuple[str, str], ...]  # (column heading, Chinese reason)

    @property
    def messages(self) -> tuple[str, ...]:
        return tuple(message for _column, message in self.cells)

    def __str__(self):
        return f"第{self.row}行：{''.join(self.messages)}"


@dataclass
class ImportSummary:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def rejected(self) -> int:
        return len(self.problems)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.file_errors

    @property
    def saved(self) -> bool:
        return self.ok and not self.dry_run

    def __str__(self):
        prefix = "（试导入，未保存）" if self.dry_run else ""
        if not self.ok:
            prefix = "（有错误，未保存任何数据）"
        return (
            f"{prefix}共{self.rows}行：新增{self.created}，更新{self.updated}，"
            f"未变{self.unchanged}，有误{self.rejected}。"
        )


def _cells(validation_error) -> tuple[tuple[str, str], ...]:
    """(column heading, reason) per message; "" when no one column is at fault."""
    if hasattr(validation_error, "error_dict"):
        return tuple(
            (COLUMN_OF.get(attribute, ""), message)
            for attribute, errors in validation_error.error_dict.items()
            for error in errors
            for message in error.messages
        )
    return tuple(("", message) for message in validation_error.messages)


def trades_import(
    *,
    bureau,
    source,
    name: str,
    size: int,
    dry_run: bool = False,
    user=None,
    on_rows: Callable[[int], None] | None = None,
    on_start: Callable[[int | None], None] | None = None,
) -> ImportSummary:
    """Import a trades spreadsheet into ``bureau``: all rows or, if any row is
    bad, none.

    ``source`` is a path or binary file, ``name`` its file name (for the format),
    ``size`` its size in bytes (checked against ``UPLOAD_MAX_BYTES`` before any
    parsing). Rows are read and imported ``CHUNK_ROWS`` at a time through
    ``TradeResource``; after the first bad row the rest is only checked, so that
    every bad row is reported. ``on_rows(n)`` reports progress.
    """
    summary = ImportSummary(dry_run=dry_run)
    try:
        check_size(size, settings.UPLOAD_MAX_BYTES)
        sheet = open_sheet(source, name, SheetLimits.for_import("trades"))
    except SheetError as exc:
        summary.file_errors.append(str(exc))
        return summary
    if on_start:
        on_start(sheet.total)
    resource = TradeResource(bureau=bureau, history_user=user)
    headers = [*sheet.headers, ROW_KEY]
    with transaction.atomic():
        while chunk := _next_chunk(sheet, summary):
            dataset = tablib.Dataset(
                *((*values, number) for number, values in chunk), headers=headers
            )
            result = resource.import_data(
                dataset, dry_run=dry_run or not summary.ok, use_transactions=True
            )
            summary.rows += len(chunk)
            if result.base_errors:
                for error in result.base_errors:
                    summary.file_errors.extend(
                        getattr(error.error, "messages", [str(error.error)])
                    )
                break
            for invalid in result.invalid_rows:
                summary.problems.append(
                    RowProblem(invalid.number, _cells(invalid.error))
                )
            for failed in result.error_rows:
                summary.problems.append(
                    RowProblem(
                        failed.number,
                        tuple(
                            ("", ROW_FAILED.format(error=e.error))
                            for e in failed.errors
                        ),
                    )
                )
            summary.created += result.totals["new"]
            summary.updated += result.totals["update"]
            summary.unchanged += result.totals["skip"]
            if on_rows:
                on_rows(len(chunk))
        if not summary.ok:
            summary.created = summary.updated = 0
        if dry_run or not summary.ok:
            transaction.set_rollback(True)
    return summary


def _next_chunk(sheet, summary: ImportSummary) -> list:
    """The next rows of the sheet; a file that breaks off midway is a file error."""
    try:
        return list(islice(sheet.rows, CHUNK_ROWS))
    except SheetError as exc:
        summary.file_errors.append(str(exc))
        return []


@dataclass(frozen=True)
class MonthlyFigure:
    category: TradeCategory
    count: int | None
    amount: Decimal | None  # yuan


@transaction.atomic
def monthly_totals_save(
    *, month: datetime.date, figures: Iterable[MonthlyFigure]
) -> tuple[int, int]:
    """Record a month's manual totals; a blank row removes that leaf's total.

    Returns (rows kept, rows removed). A leaf with a manual total takes precedence
    over its trade records for the month.
    """
    kept = removed = 0
    for figure in figures:
        if figure.count is None and figure.amount is None:
            deleted, _ = MonthlyTradeTotal.objects.filter(
                bureau_id=figure.category.bureau_id,
                month=month,
                category=figure.category,
            ).delete()
            removed += deleted
            continue
        total, _ = MonthlyTradeTotal.objects.get_or_create(
            bureau_id=figure.category.bureau_id,
            month=month,
            category=figure.category,
            defaults={"count": figure.count, "amount": figure.amount},
        )
        if (total.count, total.amount) != (figure.count, figure.amount):
            total.count, total.amount = figure.count, figure.amount
            total.save()
        kept += 1
    return kept, removed
