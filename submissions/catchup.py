"""Catching up: which months a centre may still open, and which are overdue.

A centre that missed months files them later: any month from the bureau's first
reporting month (``REPORT_FIRST_MONTH``, else the earliest month any report
exists for), limited to the last ``REPORT_OPEN_MONTHS`` when set, up to the month
that has just ended. A month is overdue once its deadline has passed while the
centre's report is missing or still a draft or returned.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings

from config.periods import configured_first_month

from . import periods
from .models import MonthlyReport

OUTSIDE_WINDOW = "{month}不在可填报的月份范围（{first}至{last}）内。"


def first_month(bureau) -> datetime.date | None:
    """The setting's first reporting month, else ``bureau``'s first report's."""
    configured = configured_first_month()
    if configured is not None:
        return configured
    return (
        MonthlyReport.objects.for_bureau(bureau)
        .order_by("month")
        .values_list("month", flat=True)
        .first()
    )


def open_months(today: datetime.date, bureau) -> list[datetime.date]:
    """The months a report of ``bureau`` may be opened for on ``today``, oldest
    first."""
    return periods.opening_window(
        today, first_month(bureau), settings.REPORT_OPEN_MONTHS
    )


def month_label(month: datetime.date) -> str:
    """2021-10-01 → "2021年10月"."""
    return f"{month.year}年{month.month}月"


def outside_window(month: datetime.date, window: list[datetime.date]) -> str:
    """The refusal for a month outside ``window``, or "" when it may be opened."""
    if month in window:
        return ""
    return OUTSIDE_WINDOW.format(
        month=month_label(month),
        first=month_label(window[0]),
        last=month_label(window[-1]),
    )


@dataclass(frozen=True)
class Overdue:
    month: datetime.date
    deadline: datetime.date
    days: int  # days past the deadline
    report: MonthlyReport | None  # None: not created yet

    @property
    def label(self) -> str:
        """The period: the report's (a quarter's), else the month's."""
        return self.report.period_label if self.report else month_label(self.month)


def overdue(
    reports: dict[datetime.date, MonthlyReport],
    window: list[datetime.date],
    today: datetime.date,
) -> list[Overdue]:
    """Months of ``window`` past their deadline without a delivered report,
    oldest first (``reports``: the centre's reports by each month they cover).
    A quarter's report is listed once, under its first month, with its own
    deadline."""
    months = set(window) | {m for m, r in reports.items() if r.is_editable}
    late, listed = [], set()
    for month in sorted(months):
        report = reports.get(month)
        if report is not None and report.pk in listed:
            continue
        due = report.deadline if report is not None else periods.deadline(month)
        if due < today and (report is None or report.is_editable):
            late.append(
                Overdue(
                    report.month if report else month, due, (today - due).days, report
                )
            )
            if report is not None:
                listed.add(report.pk)
    return late
