"""Writes that span several models: creating and saving a report, explanations,
and the defined-figures import.

Every service is keyword-only and atomic. Saving a report claims its version first
(``MonthlyReport.claim_version``: one ``UPDATE … WHERE version = n``), so a save
made from a stale copy is refused before anything is written. Only rows whose
values actually change are saved, so the field history shows real changes only.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from . import periods
from .defined import TO_DATE
from .models import (
    Centre,
    FigureValue,
    FindingExplanation,
    MonthlyReport,
    OptionNote,
    ReportTransition,
    WorkItem,
)

ALREADY_EXISTS = "{centre}{month}的报送已存在。"
MONTHS_EXIST = (
    "{centre}{quarter}已有{months}的月报，季度数字由各月月报相加，"
    "不能再建立季报；如只有季度数字，请联系编辑处理已有的月报。"
)
QUARTER_EXISTS = (
    "{centre}已有{quarter}的季报，{month}的数字包含在其中，不能再建立月报。"
)
BACKFILLED = "编辑代为建立（补报）"


class ReportExistsError(Exception):
    """The period's report exists already (the caller opens it)."""


class PeriodTakenError(Exception):
    """Another report of the centre covers part of the period: nothing created."""


def _overlap_refusal(centre, month: datetime.date, period_type: str) -> str:
    """Why a report of this period cannot be opened beside the centre's others
    ("" when it can): a quarter is reported either by one quarterly report or
    by monthly reports, never by both."""
    others = MonthlyReport.objects.filter(centre=centre).exclude(
        month=month, period_type=period_type
    )
    if period_type == periods.QUARTER:
        taken = sorted(
            others.filter(
                period_type=periods.MONTH, month__in=periods.quarter_months(month)
            ).values_list("month", flat=True)
        )
        if taken:
            return MONTHS_EXIST.format(
                centre=centre.short_name,
                quarter=periods.period_label(month, periods.QUARTER),
                months="、".join(f"{m.month}月" for m in taken),
            )
        return ""
    quarter = others.for_period(periods.quarter_start(month), periods.QUARTER).first()
    if quarter is not None:
        return QUARTER_EXISTS.format(
            centre=centre.short_name,
            quarter=quarter.period_label,
            month=periods.period_label(month, periods.MONTH),
        )
    return ""


@transaction.atomic
def report_create(
    *,
    centre,
    month: datetime.date,
    user,
    backfill: bool = False,
    period_type: str = periods.MONTH,
) -> MonthlyReport:
    """A draft report of ``centre`` for the month, or (``period_type``
    ``quarter``) for the quarter starting at ``month``, working days from the
    calendar.

    ``backfill``: the editor opens it on the centre's behalf, recorded as such.
    Refused (``PeriodTakenError``) when another report of the centre covers
    part of the period; the centre's row is locked first, so two clerks cannot
    open a month and its quarter at once.
    """
    if period_type == periods.QUARTER:
        month = periods.quarter_start(month)
    else:
        month = periods.month_start(month)
    Centre.objects.select_for_update().filter(pk=centre.pk).first()
    if (
        MonthlyReport.objects.filter(centre=centre)
        .for_period(month, period_type)
        .exists()
    ):
        raise ReportExistsError(
            ALREADY_EXISTS.format(
                centre=centre.short_name,
                month=periods.period_label(month, period_type),
            )
        )
    refusal = _overlap_refusal(centre, month, period_type)
    if refusal:
        raise PeriodTakenError(refusal)
    report = MonthlyReport(
        centre=centre,
        month=month,
        period_type=period_type,
        working_days=periods.period_working_days(month, period_type),
        backfilled_by=user if backfill else None,
    )
    report._history_user = user
    report.save()
    ReportTransition.objects.create(
        report=report,
        from_status="",
        to_status=MonthlyReport.Status.DRAFT,
        actor=user,
        comment=BACKFILLED if backfill else "创建报送",
    )
    return report


def _apply(instance, values: dict, user) -> bool:
    """Set ``values`` on ``instance``; save only when something changed."""
    changed = instance.pk is None or any(
        getattr(instance, name) != value for name, value in values.items()
    )
    if changed:
        for name, value in values.items():
            setattr(instance, name, value)
        instance._history_user = user
        instance.save()
    return changed


def _delete(instance, user) -> None:
    instance._history_user = user
    instance.delete()


def _sync_rows(model, report, key: str, rows: dict[int, dict], user) -> None:
    """One row per ``key`` id with any figure; an all-blank row is removed."""
    existing = {
        getattr(row, f"{key}_id"): row for row in model.objects.filter(report=report)
    }
    for key_id, values in rows.items():
        row = existing.get(key_id)
        blank = all(v in (None, "") for v in values.values())
        if blank:
            if row is not None:
                _delete(row, user)
            continue
        if row is None:
            row = model(report=report, **{f"{key}_id": key_id})
        _apply(row, values, user)


def _sync_work_items(report, items: list[dict], user) -> None:
    existing = {item.pk: item for item in WorkItem.objects.filter(report=report)}
    kept = set()
    order = 0
    for values in items:
        item = existing.get(values.get("id")) if values.get("id") else None
        if values.get("delete"):
            continue
        order += 1
        if item is None:
            item = WorkItem(report=report)
        else:
            kept.add(item.pk)
        _apply(
            item,
            {"order": order, "title": values["title"], "body": values["body"]},
            user,
        )
    for pk, item in existing.items():
        if pk not in kept:
            _delete(item, user)


def _sync_defined(report, values: dict, user) -> None:
    """One ``FigureValue`` per stated figure; a blanked one is removed. Only
    the definitions on the form are touched."""
    existing = {
        (row.definition_id, TO_DATE if row.to_date else row.option_id): row
        for row in FigureValue.objects.filter(report=report)
    }
    for (definition_id, option_id), value in values.items():
        row = existing.get((definition_id, option_id))
        if value is None:
            if row is not None:
                _delete(row, user)
            continue
        if row is None:
            to_date = option_id == TO_DATE
            row = FigureValue(
                report=report,
                definition_id=definition_id,
                option_id=None if to_date else option_id,
                to_date=to_date,
            )
        _apply(row, {"value": value}, user)


@transaction.atomic
def report_save(
    *,
    report: MonthlyReport,
    user,
    expected_version: int,
    values: dict,
) -> MonthlyReport:
    """Save the figures a clerk typed (``ReportEntry.values()``) in one transaction.

    Refused (``WorkflowError``) when the report is not editable, and
    (``StaleReportError``) when it changed since ``expected_version``; then
    nothing is written.
    """
    report.check_editable()
    report.claim_version(expected_version)
    for name, value in values["figures"].items():
        setattr(report, name, value)
    report._history_user = user
    report.save()
    _sync_work_items(report, values["work_items"], user)
    _sync_defined(report, values.get("defined", {}), user)
    _sync_rows(
        OptionNote,
        report,
        "option",
        {pk: {"text": text} for pk, text in values.get("notes", {}).items()},
        user,
    )
    return report


@transaction.atomic
def explanations_save(
    *, report: MonthlyReport, user, texts: dict[tuple[str, str], str]
) -> None:
    """Store the clerk's explanation per warning ``(rule, subject)``; blank removes."""
    report.check_editable()
    existing = {(e.rule, e.subject): e for e in report.explanations.all()}
    for (rule, subject), text in texts.items():
        text = (text or "").strip()
        explanation = existing.get((rule, subject))
        if not text:
            if explanation is not None:
                _delete(explanation, user)
            continue
        _apply(
            explanation
            or FindingExplanation(report=report, rule=rule, subject=subject),
            {"text": text},
            user,
        )


def report_submit(
    *, report: MonthlyReport, user, explanations: dict[tuple[str, str], str]
) -> None:
    """Store the explanations, then submit.

    The explanations are kept even when the submission is refused, so that the
    clerk's writing is not lost while the last error is being fixed.
    """
    explanations_save(report=report, user=user, texts=explanations)
    report.refresh_from_db()
    report.submit(user)


@transaction.atomic
def defined_figures_import(
    *, report: MonthlyReport, user, expected_version: int, values: dict
) -> int:
    """Save the defined figures of an imported sheet (already checked), as
    ``report_save`` saves them from the form: ``values`` is {(definition id,
    option id, None or ``TO_DATE``): value or None}; only those figures are
    touched. Returns how many were given."""
    report.check_editable()
    report.claim_version(expected_version)
    report._history_user = user
    report.save(update_fields=["version", "updated_at"])
    _sync_defined(report, values, user)
    return len(values)
