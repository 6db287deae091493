"""A report's field history and what changed since it was returned, from the
django-simple-history records of the report and its rows.

One query per tracked model (plus the names of definitions and options),
whatever the number of rows or records. The case figures' history from before
they were definitions is the figure values' (``submissions/0023`` replayed it).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from .defined import TO_DATE_LABEL
from .models import (
    BreakdownOption,
    FigureDefinition,
    FigureValue,
    FindingExplanation,
    MonthlyReport,
    OptionNote,
    WorkItem,
)

REPORT_FIELDS = ("working_days",)
SKIP = {
    "id",
    "report",
    "channel",
    "order",
    "definition",
    "option",
    # A figure's kind, named in its section (指标·受理·1至本月累计), not a change.
    "to_date",
}


@dataclass(frozen=True)
class FieldChange:
    at: datetime.datetime | None
    user: str
    section: str  # "报送总数", "指标·受理·行政许可事项", …
    field: str  # verbose name
    old: object
    new: object

    @property
    def old_text(self) -> str:
        return _text(self.old)

    @property
    def new_text(self) -> str:
        return _text(self.new)


def _text(value) -> str:
    """A recorded value as shown: blank as （空）, a whole figure value without
    its decimals (29447, not 29447.00).

    >>> _text(Decimal("29447.00")), _text(Decimal("0.50")), _text(None)
    ('29447', '0.50', '（空）')
    """
    if value in (None, ""):
        return "（空）"
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(int(value))
    return str(value)


def _tracked(report):
    def fields(model):
        return [
            f
            for f in model._meta.concrete_fields
            if f.name not in SKIP and not f.name.endswith("_id")
        ]

    bureau_id = report.centre.bureau_id
    definitions = dict(
        FigureDefinition.objects.filter(bureau_id=bureau_id).values_list("pk", "name")
    )
    options = dict(
        BreakdownOption.objects.filter(breakdown__bureau_id=bureau_id).values_list(
            "pk", "name"
        )
    )

    def defined_label(r):
        name = definitions.get(r.definition_id, r.definition_id)
        if r.to_date:
            return f"指标·{name}·{TO_DATE_LABEL}"
        if r.option_id is None:
            return f"指标·{name}"
        return f"指标·{name}·{options.get(r.option_id, r.option_id)}"

    report_fields = [MonthlyReport._meta.get_field(n) for n in REPORT_FIELDS]
    return [
        (
            MonthlyReport.history.filter(id=report.pk),
            report_fields,
            lambda r: "报送总数",
        ),
        (
            FigureValue.history.filter(report_id=report.pk),
            fields(FigureValue),
            defined_label,
        ),
        (
            OptionNote.history.filter(report_id=report.pk),
            fields(OptionNote),
            lambda r: f"备注·{options.get(r.option_id, r.option_id)}",
        ),
        (
            WorkItem.history.filter(report_id=report.pk),
            fields(WorkItem),
            lambda r: f"主要工作·{r.title}",
        ),
        (
            FindingExplanation.history.filter(report_id=report.pk),
            [FindingExplanation._meta.get_field("text")],
            lambda r: f"预警说明·{r.subject or _rule_title(r.rule)}",
        ),
    ]


def _rule_title(code: str) -> str:
    from .validation import RULES_BY_CODE

    rule = RULES_BY_CODE.get(code)
    return rule.title if rule else code


def _user(record) -> str:
    user = record.history_user
    if user is None:
        return "系统"
    return user.get_full_name() or user.username


def _records(queryset):
    return list(
        queryset.select_related("history_user").order_by("history_date", "history_id")
    )


def _diff(
    before, after, model_fields, section, record, credit=None
) -> list[FieldChange]:
    """Changes from one state (or absence, None) of a row to another, made by
    the save of history ``record`` (``credit``: per field name, when another)."""
    credit = credit or {}
    changes = []
    for f in model_fields:
        old = getattr(before, f.attname) if before is not None else None
        new = getattr(after, f.attname) if after is not None else None
        if old != new:
            by = credit.get(f.attname, record)
            changes.append(
                FieldChange(
                    by.history_date, _user(by), section, str(f.verbose_name), old, new
                )
            )
    return changes


def field_history(report, limit: int = 200) -> list[FieldChange]:
    """Every recorded field change of the report and its rows, newest first."""
    changes: list[FieldChange] = []
    for queryset, model_fields, label in _tracked(report):
        last: dict[int, object] = {}
        for record in _records(queryset):
            before = last.get(record.id)
            after = None if record.history_type == "-" else record
            changes += _diff(before, after, model_fields, label(record), record)
            last[record.id] = after
    changes.sort(key=lambda c: c.at, reverse=True)
    return changes[:limit]


def changes_since(report, moment: datetime.datetime) -> list[FieldChange]:
    """The net difference between the report as it was at ``moment`` and now.

    Each changed field is credited to the person whose save last changed it,
    not to whoever saved the row last: approving or returning a report saves
    it too, and must not take over the clerk's edits.
    """
    changes: list[FieldChange] = []
    for queryset, model_fields, label in _tracked(report):
        then: dict[int, object] = {}
        now: dict[int, object] = {}
        last_record: dict[int, object] = {}
        # row → field → the record whose save last changed that field
        changed_by: dict[int, dict[str, object]] = {}
        for record in _records(queryset):
            state = None if record.history_type == "-" else record
            before = now.get(record.id)
            for f in model_fields:
                old = getattr(before, f.attname) if before is not None else None
                new = getattr(state, f.attname) if state is not None else None
                if old != new or record.id not in last_record:
                    changed_by.setdefault(record.id, {})[f.attname] = record
            if record.history_date <= moment:
                then[record.id] = state
            now[record.id] = state
            last_record[record.id] = record
        for row_id, record in last_record.items():
            changes += _diff(
                then.get(row_id),
                now.get(row_id),
                model_fields,
                label(record),
                record,
                changed_by.get(row_id),
            )
    return changes
