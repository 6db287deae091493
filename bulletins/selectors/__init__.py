"""What a bulletin reads from the other apps, as plain values.

This is the only module of ``bulletins`` that queries ``submissions`` and
``transactions``. It reads **approved** reports only, and a fixed number of
queries whatever the number of centres, options or work items:

    centres · reports · figure values · work items · the previous period's
    figure values · rate definitions (1, and 2 for their options
    when there are any) · the breakdowns' options · option notes ·
    year-to-date (2, in ``defined``) ·
    trades (3, in ``transactions.aggregation``)

Defined figures (DESIGN 5.3), unit levels (5.2) and year-to-date totals are
read by ``selectors.defined``; the region unit (全市 / 全州) is not one of the
per-centre sections: its figures are in ``PeriodFigures.regions``.

A quarterly period takes, per centre, its approved quarter's report when it
has one (a centre with only quarterly figures), else the sum of its approved
monthly reports, field by field; a figure blank in every month stays blank
(None), otherwise blanks count as nothing. A monthly period reads monthly reports
only: a month covered by a quarter's report alone is a missing month, never a
third of the quarter. Rates are never summed: callers compute them from the sums.
A stock (正在办理, cases open at the end of the period) is not summed over
months: it is taken from the latest approved report. The previous period's
figures are only given when every month of it is covered by approved reports
(a partial sum would make a false comparison).

Nothing here knows which figures are the cases: the profile names them
(``bulletins.profiles.cases``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from bulletins.periods import Period
from submissions.defined import DefinedFigure
from submissions.models import (
    BreakdownOption,
    Centre,
    FindingExplanation,
    MonthlyReport,
    OptionNote,
    RateDefinition,
)
from submissions.rates import RateFigure, RateSpec, rates_of
from submissions.validation import findings_for_month
from transactions.aggregation import TradeFigures, trade_figures

from .defined import (
    LevelFigures,
    YearToDate,
    defined_for,
    levels,
    previous_figures,
    values_by_report,
    year_to_date,
)


@dataclass(frozen=True)
class WorkItemText:
    id: int
    month: date
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class CentreFigures:
    """One centre's approved figures for the period (summed over its months)."""

    centre_id: int
    name: str
    short_name: str
    is_hall: bool
    report_ids: tuple[int, ...]
    months: tuple[date, ...]  # months covered by an approved report
    complete: bool  # every month of the period is approved
    working_days: int | None
    work_items: tuple[WorkItemText, ...]
    defined: tuple[DefinedFigure, ...] = ()
    # The previous period's figures; () unless every month of it is approved.
    previous: tuple[DefinedFigure, ...] = ()
    rates: tuple[RateFigure, ...] = ()
    year_to_date: YearToDate | None = None


@dataclass(frozen=True)
class OptionRow:
    """An option of one of the bureau's breakdowns, for tables by option."""

    option_id: int
    name: str
    order: int
    is_active: bool


@dataclass(frozen=True)
class MissingReport:
    """A centre-month without an approved report.

    ``status`` is what ``missing_reports`` found: 未报送 when there is no report,
    else the report's state (已提交, 已退回, …). ``period_figures`` reads approved
    reports only and leaves it empty.
    """

    centre_id: int
    name: str
    month: date
    status: str = ""


@dataclass(frozen=True)
class MonthWarning:
    """A validation finding of a report in the period, with the clerk's explanation."""

    centre: str
    month: date
    level: str  # 错误 / 预警
    message: str
    explanation: str


@dataclass(frozen=True)
class PeriodFigures:
    period: Period
    hall: CentreFigures | None
    centres: tuple[CentreFigures, ...]  # active non-hall centres with data, in order
    missing: tuple[MissingReport, ...]  # active centres' unapproved months
    trades: TradeFigures
    regions: tuple[CentreFigures, ...] = ()  # 全市 / 全州 units with data
    levels: tuple[LevelFigures, ...] = ()  # parent units: stated beside summed
    # Breakdown name → its options in order; option id → the period's notes.
    breakdowns: dict[str, tuple[OptionRow, ...]] = field(default_factory=dict)
    notes: dict[int, str] = field(default_factory=dict)
    rate_specs: tuple[RateSpec, ...] = ()

    @property
    def report_ids(self) -> tuple[int, ...]:
        units = (self.hall, *self.regions, *self.centres)
        ids = [i for c in units if c for i in c.report_ids]
        return tuple(sorted(ids))


def sum_given(values: Iterable[int | None]) -> int | None:
    """Sum of the non-blank values; None when every one is blank.

    >>> sum_given([1, None, 2]), sum_given([None, None]), sum_given([0, None])
    (3, None, 0)
    """
    given = [v for v in values if v is not None]
    return sum(given) if given else None


def _reports(months: Iterable[date], bureau):
    """The approved reports whose whole period lies in ``months``."""
    return (
        MonthlyReport.objects.approved()
        .for_bureau(bureau)
        .within(months)
        .filter(centre__is_active=True)
        .prefetch_related("work_items")
        .order_by("month", "id")
    )


def _centre_figures(
    centre: Centre,
    reports: list,
    period: Period,
    previous: dict[int, tuple[DefinedFigure, ...]],
    to_date: dict[int, YearToDate],
    rates: tuple[RateSpec, ...],
    values: dict,
) -> CentreFigures:
    months = tuple(m for r in reports for m in r.months)
    defined = defined_for(reports, values)
    return CentreFigures(
        centre_id=centre.id,
        name=centre.name,
        short_name=centre.short_name,
        is_hall=centre.is_hall,
        report_ids=tuple(r.id for r in reports),
        months=months,
        complete=set(months) == set(period.months),
        working_days=sum_given(r.working_days for r in reports),
        work_items=tuple(
            WorkItemText(
                id=item.id,
                month=report.month,
                title=item.title,
                paragraphs=tuple(item.paragraphs),
            )
            for report in reports
            for item in report.work_items.all()
        ),
        defined=defined,
        previous=previous.get(centre.id, ()),
        rates=rates_of(rates, defined),
        year_to_date=to_date.get(centre.id),
    )


def _breakdowns(bureau) -> dict[str, tuple[OptionRow, ...]]:
    """The bureau's breakdowns' options in display order (one query)."""
    found = defaultdict(list)
    for breakdown, *row in (
        BreakdownOption.objects.filter(breakdown__bureau=bureau)
        .order_by("breakdown_id", "order", "id")
        .values_list("breakdown__name", "id", "name", "order", "is_active")
    ):
        found[breakdown].append(OptionRow(*row))
    return {name: tuple(rows) for name, rows in found.items()}


def _notes(report_ids: Iterable[int]) -> dict[int, str]:
    """Option id → the distinct notes of the period's reports, month by month,
    joined with "；" (one query)."""
    found = defaultdict(list)
    for option_id, text in (
        OptionNote.objects.filter(report_id__in=list(report_ids))
        .order_by("report__month", "report_id")
        .values_list("option_id", "text")
    ):
        if text.strip() and text.strip() not in found[option_id]:
            found[option_id].append(text.strip())
    return {pk: "；".join(texts) for pk, texts in found.items()}


def _centres(bureau) -> list[Centre]:
    return list(
        Centre.objects.filter(bureau=bureau, is_active=True).order_by("order", "id")
    )


def _composed(reports: list) -> list:
    """A centre's reports of the period: its quarter's report when it has one,
    else its monthly reports (opening refuses a mix; this keeps a quarter from
    being counted twice whatever the data)."""
    quarterly = [r for r in reports if r.is_quarterly]
    return quarterly or reports


def period_figures(period: Period, *, bureau) -> PeriodFigures:
    """Everything ``bureau``'s bulletin for ``period`` states, from its approved
    reports and trades."""
    centres = _centres(bureau)
    by_centre = defaultdict(list)
    reports = list(_reports(period.months, bureau))
    for report in reports:
        by_centre[report.centre_id].append(report)
    values = values_by_report(r.id for r in reports)
    by_centre = defaultdict(list, {k: _composed(v) for k, v in by_centre.items()})
    previous = previous_figures(period.previous.months, bureau=bureau)

    hall = next((c for c in centres if c.is_hall), None)
    rates = RateDefinition.objects.for_bureau(bureau).active().specs()
    to_date = year_to_date(period, bureau=bureau, rates=rates)
    figures = {
        c.id: _centre_figures(
            c, by_centre[c.id], period, previous, to_date, rates, values
        )
        for c in centres
        if by_centre[c.id]
    }
    missing = tuple(
        MissingReport(centre_id=c.id, name=c.name, month=month)
        for c in centres
        for month in period.months
        if month not in {m for r in by_centre[c.id] for m in r.months}
    )
    return PeriodFigures(
        period=period,
        hall=figures.get(hall.id) if hall else None,
        centres=tuple(
            figures[c.id]
            for c in centres
            if not (c.is_hall or c.is_region) and c.id in figures
        ),
        regions=tuple(
            figures[c.id] for c in centres if c.is_region and c.id in figures
        ),
        levels=levels(centres, {pk: f.defined for pk, f in figures.items()}),
        missing=missing,
        breakdowns=_breakdowns(bureau),
        notes=_notes(r.id for c in centres for r in by_centre[c.id]),
        rate_specs=rates,
        trades=trade_figures(start=period.start, end=period.months[-1], bureau=bureau),
    )


def missing_reports(period: Period, *, bureau) -> tuple[MissingReport, ...]:
    """Active centres' months in ``period`` without an approved report, with what
    there is instead (2 queries).

    The editor checks this before publishing: composition leaves such months out.
    """
    centres = _centres(bureau)
    statuses = {
        (report.centre_id, month): report.status
        for report in MonthlyReport.objects.for_bureau(bureau)
        .within(period.months)
        .only("centre_id", "month", "period_type", "status")
        for month in report.months
    }
    labels = dict(MonthlyReport.Status.choices)
    return tuple(
        MissingReport(
            centre_id=c.id,
            name=c.name,
            month=month,
            status=labels[statuses[(c.id, month)]]
            if (c.id, month) in statuses
            else "未报送",
        )
        for month in period.months
        for c in centres
        if statuses.get((c.id, month)) != MonthlyReport.Status.APPROVED
    )


def approved_report_ids(period: Period, *, bureau) -> list[int]:
    """Ids of the period's approved reports: what a publication of it uses."""
    return sorted(
        MonthlyReport.objects.approved()
        .for_bureau(bureau)
        .within(period.months)
        .values_list("pk", flat=True)
    )


def month_warnings(period: Period, *, bureau) -> list[MonthWarning]:
    """Every finding of the period's reports (those whose whole period lies in
    it: a quarter's report once, under its first month), with the clerk's
    explanation."""
    rows = []
    for month in period.months:
        findings = findings_for_month(month, bureau=bureau)
        if not findings:
            continue
        names = dict(
            MonthlyReport.objects.filter(pk__in=findings)
            .within(period.months)
            .filter(month=month)
            .values_list("pk", "centre__name")
        )
        findings = {pk: found for pk, found in findings.items() if pk in names}
        explanations = {
            (e.report_id, e.rule, e.subject): e.text
            for e in FindingExplanation.objects.filter(report_id__in=findings)
        }
        for report_id, report_findings in findings.items():
            for finding in report_findings:
                rows.append(
                    MonthWarning(
                        centre=names.get(report_id, ""),
                        month=month,
                        level=finding.level_label,
                        message=finding.message,
                        explanation=explanations.get(
                            (report_id, finding.rule, finding.subject), ""
                        ),
                    )
                )
    return rows
