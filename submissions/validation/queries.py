"""Building ``ReportFigures`` from saved reports, in a constant number of queries."""

from __future__ import annotations

import datetime

from django.db.models import Count, Prefetch

from config.periods import previous_month

from ..models import (
    CaseCount,
    DepartmentCount,
    Hotline,
    MonthlyReport,
    SatisfactionRating,
)
from .types import (
    CategoryFigures,
    DepartmentFigures,
    Finding,
    HotlineFigures,
    PreviousTotals,
    RatingFigures,
    ReportFigures,
)

HOTLINE_FIELDS = [
    f.name for f in Hotline._meta.concrete_fields if f.name not in ("id", "report")
]


def _with_figures(queryset):
    """Reports with everything ``_snapshot`` reads: five queries in all."""
    return (
        queryset.select_related("centre", "hotline")
        .prefetch_related(
            Prefetch(
                "case_counts", queryset=CaseCount.objects.select_related("category")
            ),
            Prefetch(
                "ratings", queryset=SatisfactionRating.objects.select_related("channel")
            ),
            Prefetch(
                "department_counts",
                queryset=DepartmentCount.objects.select_related("department"),
            ),
        )
        .annotate(validation_work_items=Count("work_items"))
    )


def _previous_by_centre(centre_ids, month: datetime.date) -> dict[int, PreviousTotals]:
    """The previous month's approved totals per centre (one query).

    Only an approved report counts: a draft's figures may still change, and the
    bulletin compares with what was approved.
    """
    before = previous_month(month)
    rows = (
        MonthlyReport.objects.approved()
        .for_month(before)
        .filter(centre_id__in=list(centre_ids))
        .values_list("centre_id", "accepted_total", "completed_total")
    )
    return {
        centre_id: PreviousTotals(before, accepted, completed)
        for centre_id, accepted, completed in rows
    }


def previous_totals(centre, month: datetime.date) -> PreviousTotals | None:
    """The previous month's approved totals of ``centre`` (for live validation)."""
    centre_id = getattr(centre, "pk", centre)
    return _previous_by_centre([centre_id], month).get(centre_id)


def _hotline(report) -> HotlineFigures | None:
    try:
        hotline = report.hotline
    except Hotline.DoesNotExist:
        return None
    if hotline is None:
        return None
    return HotlineFigures(**{name: getattr(hotline, name) for name in HOTLINE_FIELDS})


def _snapshot(report, previous: PreviousTotals | None) -> ReportFigures:
    return ReportFigures(
        month=report.month,
        centre_name=report.centre.name,
        centre_kind=report.centre.kind,
        accepted_total=report.accepted_total,
        completed_total=report.completed_total,
        in_progress_total=report.in_progress_total,
        working_days=report.working_days,
        case_counts={
            c.category_id: CategoryFigures(
                c.category_id, c.category.name, c.accepted, c.completed
            )
            for c in report.case_counts.all()
        },
        ratings={
            r.channel_id: RatingFigures(
                r.channel_id,
                r.channel.name,
                r.total,
                *(getattr(r, level) for level in RatingFigures.LEVELS),
            )
            for r in report.ratings.all()
        },
        hotline=_hotline(report),
        department_counts={
            d.department_id: DepartmentFigures(
                d.department_id,
                d.department.name,
                d.licensing_accepted,
                d.licensing_completed,
                d.service_accepted,
                d.service_completed,
            )
            for d in report.department_counts.all()
        },
        work_item_count=getattr(report, "validation_work_items", 0),
        previous=previous,
        report_id=report.pk,
    )


def report_figures(report) -> ReportFigures:
    """The snapshot of a saved report, read afresh from the database (6 queries)."""
    fresh = _with_figures(MonthlyReport.objects.filter(pk=report.pk)).get()
    previous = _previous_by_centre([fresh.centre_id], fresh.month)
    return _snapshot(fresh, previous.get(fresh.centre_id))


def figures_for_month(
    month: datetime.date, *, bureau
) -> list[tuple[MonthlyReport, ReportFigures]]:
    """Every report of ``bureau`` for ``month`` (centre display order) with its
    snapshot."""
    reports = list(
        _with_figures(
            MonthlyReport.objects.for_bureau(bureau).for_month(month)
        ).order_by("centre__order", "centre_id")
    )
    previous = _previous_by_centre({r.centre_id for r in reports}, month)
    return [(r, _snapshot(r, previous.get(r.centre_id))) for r in reports]


def findings_for_month(month: datetime.date, *, bureau) -> dict[int, list[Finding]]:
    """Report id → findings, for every report of ``bureau`` for ``month``
    (constant query count)."""
    from .rules import validate

    return {
        report.pk: validate(figures)
        for report, figures in figures_for_month(month, bureau=bureau)
    }
