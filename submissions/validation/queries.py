"""Building ``ReportFigures`` from saved reports, in a constant number of queries."""

from __future__ import annotations

import datetime

from django.db.models import Count, Prefetch

from .. import periods
from ..defined import figures_from_rows, stated_to_date
from ..models import (
    FigureDefinition,
    FigureValue,
    MonthlyReport,
    RateDefinition,
)
from ..stored import stored_values
from .types import (
    Finding,
    LevelSums,
    PreviousTotals,
    ReportFigures,
)

# How many earlier periods (months, or a quarter's report's quarters) a figure
# is compared with for plausibility.
HISTORY_MONTHS = 3


def _with_figures(queryset):
    """Reports with everything ``_snapshot`` reads: two queries in all."""
    return (
        queryset.select_related("centre")
        .prefetch_related(
            Prefetch(
                "figure_values",
                queryset=FigureValue.objects.select_related("definition", "option"),
            ),
        )
        .annotate(validation_work_items=Count("work_items"))
    )


def _printed_totals(rows) -> dict[int, dict[int, object]]:
    """Report id → definition id → printed total, of ``FigureValue`` rows
    (``definition`` and ``option`` loaded)."""
    by_report: dict[int, list] = {}
    for row in rows:
        by_report.setdefault(row.report_id, []).append(row)
    return {
        report_id: {
            pk: f.printed_total
            for pk, f in figures_from_rows(report_rows).items()
            if f.printed_total is not None
        }
        for report_id, report_rows in by_report.items()
    }


def _children_by_parent(
    centre_ids, month: datetime.date, period_type: str
) -> dict[int, LevelSums]:
    """Per parent unit, the summed printed totals of its child units' reports
    of the same period, per definition (two queries). Every report counts, so
    that a parent's clerk sees the mismatch while the children are still
    entering."""
    reports = list(
        MonthlyReport.objects.for_period(month, period_type)
        .filter(centre__parent_id__in=list(centre_ids))
        .order_by("centre__order", "centre_id")
        .values_list("pk", "centre__parent_id", "centre__name")
    )
    totals = _printed_totals(
        stored_values(FigureValue.objects.filter(report_id__in=[r[0] for r in reports]))
    )
    grouped: dict[int, list] = {}
    for report_id, parent_id, name in reports:
        grouped.setdefault(parent_id, []).append((name, totals.get(report_id, {})))
    sums = {}
    for parent_id, children in grouped.items():
        summed: dict[int, object] = {}
        for _, figures in children:
            for pk, value in figures.items():
                summed[pk] = summed.get(pk, 0) + value
        sums[parent_id] = LevelSums(names=tuple(c[0] for c in children), defined=summed)
    return sums


def _history_by_centre(
    centre_ids, month: datetime.date, period_type: str
) -> dict[int, dict]:
    """Per centre, definition id → printed totals of the approved reports of
    the ``HISTORY_MONTHS`` periods of the same type before (one query): a
    quarter is compared with quarters, never with months."""
    months, before = [], month
    for _ in range(HISTORY_MONTHS):
        before = periods.previous_start(before, period_type)
        months.append(before)
    rows = stored_values(
        FigureValue.objects.filter(
            report__centre_id__in=list(centre_ids),
            report__month__in=months,
            report__period_type=period_type,
            report__status=MonthlyReport.Status.APPROVED,
        ),
        centre_id="report__centre_id",
    )
    by_report: dict[int, list] = {}
    centre_of = {}
    for row in rows:
        by_report.setdefault(row.report_id, []).append(row)
        centre_of[row.report_id] = row.centre_id
    history: dict[int, dict[int, list]] = {}
    for report_id, report_rows in sorted(by_report.items()):
        per_definition = history.setdefault(centre_of[report_id], {})
        for definition_id, figure in figures_from_rows(report_rows).items():
            if figure.printed_total is not None:
                per_definition.setdefault(definition_id, []).append(
                    figure.printed_total
                )
    return {
        centre_id: {pk: tuple(values) for pk, values in per_definition.items()}
        for centre_id, per_definition in history.items()
    }


def month_context(
    centre_ids, month: datetime.date, period_type: str, *, bureau_id: int
) -> dict[str, dict]:
    """What a period's snapshots read besides the reports themselves (7
    queries): previous totals, child units' sums and figure history, per
    centre, the required definitions, and the bureau's rules kept beside its
    definitions (sum links, rates); ``month`` is the period's first month."""
    centre_ids = list(centre_ids)
    definitions = FigureDefinition.objects.for_bureau(bureau_id)
    return {
        "previous": _previous_by_centre(centre_ids, month, period_type),
        "children": _children_by_parent(centre_ids, month, period_type),
        "history": _history_by_centre(centre_ids, month, period_type),
        "required": list(
            FigureDefinition.objects.active()
            .filter(required=True, bureau__centres__in=centre_ids)
            .distinct()
            .values_list("bureau_id", "pk", "name", "unit_kind")
        ),
        "sums": definitions.sum_links(),
        "rates": RateDefinition.objects.for_bureau(bureau_id).active().specs(),
    }


def required_for(centre, required: list[tuple]) -> dict[int, str]:
    """Definition id → name of the required definitions ``centre`` reports."""
    return {
        pk: name
        for bureau_id, pk, name, kind in required
        if bureau_id == centre.bureau_id and kind in ("", centre.kind)
    }


def _previous_by_centre(
    centre_ids, month: datetime.date, period_type: str
) -> dict[int, PreviousTotals]:
    """The previous period's approved printed totals per centre (one query):
    the month before, or for a quarter's report the quarter's report before.

    Only an approved report counts: a draft's figures may still change, and the
    bulletin compares with what was approved.
    """
    before = periods.previous_start(month, period_type)
    reports = (
        MonthlyReport.objects.approved()
        .for_period(before, period_type)
        .filter(centre_id__in=list(centre_ids))
    )
    rows = stored_values(
        FigureValue.objects.filter(report__in=reports), centre_id="report__centre_id"
    )
    centre_of = {row.report_id: row.centre_id for row in rows}
    return {
        centre_of[report_id]: PreviousTotals(before, period_type, defined=totals)
        for report_id, totals in _printed_totals(rows).items()
    }


def _snapshot(report, context: dict[str, dict]) -> ReportFigures:
    centre_id = report.centre_id
    return ReportFigures(
        month=report.month,
        centre_name=report.centre.name,
        centre_short_name=report.centre.short_name,
        centre_kind=report.centre.kind,
        working_days=report.working_days,
        work_item_count=getattr(report, "validation_work_items", 0),
        previous=context["previous"].get(centre_id),
        report_id=report.pk,
        defined=figures_from_rows(report.figure_values.all()),
        to_date=stated_to_date(report.figure_values.all()),
        defined_history=context["history"].get(centre_id, {}),
        required=required_for(report.centre, context["required"]),
        children=context["children"].get(centre_id),
        period_type=report.period_type,
        sums=context["sums"],
        rates=context["rates"],
    )


def report_figures(report) -> ReportFigures:
    """The snapshot of a saved report, read afresh from the database (10 queries)."""
    fresh = _with_figures(MonthlyReport.objects.filter(pk=report.pk)).get()
    return _snapshot(
        fresh,
        month_context(
            [fresh.centre_id],
            fresh.month,
            fresh.period_type,
            bureau_id=fresh.centre.bureau_id,
        ),
    )


def figures_for_month(
    month: datetime.date, *, bureau
) -> list[tuple[MonthlyReport, ReportFigures]]:
    """Every report of ``bureau`` covering ``month`` — the month's reports and
    the quarterly reports of its quarter — in centre display order, with its
    snapshot (constant queries: a quarter's reports share one context)."""
    reports = list(
        _with_figures(
            MonthlyReport.objects.for_bureau(bureau).covering(month)
        ).order_by("centre__order", "centre_id")
    )
    contexts = {
        period_type: month_context(
            {r.centre_id for r in reports if r.period_type == period_type},
            periods.period_months(month, period_type)[0],
            period_type,
            bureau_id=bureau.pk,
        )
        for period_type in {r.period_type for r in reports}
    }
    return [(r, _snapshot(r, contexts[r.period_type])) for r in reports]


def findings_for_month(month: datetime.date, *, bureau) -> dict[int, list[Finding]]:
    """Report id → findings, for every report of ``bureau`` covering ``month``
    (constant query count)."""
    from .rules import validate

    return {
        report.pk: validate(figures)
        for report, figures in figures_for_month(month, bureau=bureau)
    }
