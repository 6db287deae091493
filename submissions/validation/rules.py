"""The rule registry (DESIGN 3.4): every rule, its level and its check.

Each rule is a pure function of a ``ReportFigures``. A blank figure (``None``)
is not 0: a rule whose inputs are blank does not fire, except the rules about
missing sections. Arithmetic is exact (``int`` and ``Fraction``); thresholds are
read from settings when a rule runs, so ``settings`` overrides take effect.

Messages are ``str.format`` templates in ``messages.py`` (re-exported here) so
that tests and the documentation quote them; each states the figures it is about.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from fractions import Fraction

from django.conf import settings

from ..figures import change, format_percent
from .defined import (
    check_defined_exceeds_bound,
    check_defined_negative,
    check_defined_parts_exceed,
    check_defined_parts_sum,
    check_defined_required,
    check_defined_sums_to,
    check_implausible,
    check_level_mismatch,
)
from .messages import (
    CATEGORIES_SUM_ACCEPTED,
    CATEGORIES_SUM_COMPLETED,
    COMPLETED_EXCEEDS_ACCEPTED,
    COMPLETION_RATE_LOW,
    DEPARTMENT_GROUPS,
    DEPARTMENT_TABLE_SUM,
    FIGURES_MISSING,
    MONTHLY_CHANGE,
    MONTHLY_CHANGE_FROM_ZERO,
    NEGATIVE_NUMBER,
    REPORT_EMPTY,
    TOTAL_LABELS,
    TOTALS_INCONSISTENT,
    WORKING_DAYS_EXCEED_MONTH,
    WORKING_DAYS_EXCEED_QUARTER,
    WORKING_DAYS_ZERO,
)
from .types import (
    ERROR,
    WARNING,
    Finding,
    ReportFigures,
    Rule,
)

# --- helpers --------------------------------------------------------------------


def _given(values: Iterable[int | None]) -> list[int]:
    return [v for v in values if v is not None]


def _settings_ratio(name: str) -> Fraction:
    """A ratio setting (a float such as 0.9) as the exact fraction it was written as."""
    return Fraction(Decimal(str(getattr(settings, name))))


def _percent(ratio: Fraction) -> str:
    return format_percent(ratio.numerator, ratio.denominator)


def _has_figures(figures: ReportFigures) -> bool:
    """Any case or defined figure (working days do not
    count: the form pre-fills them from the calendar)."""
    values = [
        figures.accepted_total,
        figures.completed_total,
        figures.in_progress_total,
    ]
    for c in figures.case_counts.values():
        values += [c.accepted, c.completed]
    defined = any(not f.is_blank for f in figures.defined.values())
    return defined or any(v is not None for v in values)


def _category_named(figures: ReportFigures, name: str):
    for c in figures.case_counts.values():
        if c.name == name:
            return c
    return None


def _completed_pairs(
    figures: ReportFigures,
) -> Iterator[tuple[str, str, str, int | None, int | None]]:
    """(subject, label, field, accepted, completed) of each received/completed pair."""
    yield "", "", "completed_total", figures.accepted_total, figures.completed_total
    for c in figures.case_counts.values():
        field = f"case_counts[{c.category_id}].completed"
        yield c.name, c.name, field, c.accepted, c.completed


# --- checks: errors -------------------------------------------------------------


def check_negative_numbers(rule: Rule, figures: ReportFigures) -> Iterator[Finding]:
    def negative(label, value, subject, field):
        if value is not None and value < 0:
            message = NEGATIVE_NUMBER.format(label=label, value=value)
            return rule.finding(message, subject=subject, field=field)
        return None

    candidates = [
        negative(label, getattr(figures, name), "", name)
        for name, label in TOTAL_LABELS.items()
    ]
    for c in figures.case_counts.values():
        for name, label in (("accepted", "受理"), ("completed", "办结")):
            candidates.append(
                negative(
                    f"{c.name}{label}",
                    getattr(c, name),
                    c.name,
                    f"case_counts[{c.category_id}].{name}",
                )
            )
    return (f for f in candidates if f is not None)


def check_completed_exceeds_accepted(rule: Rule, figures: ReportFigures):
    for subject, part, field, accepted, completed in _completed_pairs(figures):
        if accepted is None or completed is None or completed <= accepted:
            continue
        message = COMPLETED_EXCEEDS_ACCEPTED.format(
            part=part,
            completed=completed,
            accepted=accepted,
            difference=completed - accepted,
        )
        yield rule.finding(message, subject=subject, field=field)


def check_totals_consistent(rule: Rule, figures: ReportFigures):
    accepted = figures.accepted_total
    completed = figures.completed_total
    in_progress = figures.in_progress_total
    if accepted is None or completed is None or in_progress is None:
        return
    total = completed + in_progress
    if total != accepted:
        message = TOTALS_INCONSISTENT.format(
            accepted=accepted,
            completed=completed,
            in_progress=in_progress,
            sum=total,
            difference=abs(accepted - total),
        )
        yield rule.finding(message, field="accepted_total")


def check_working_days(rule: Rule, figures: ReportFigures):
    days = figures.working_days
    if days is None:
        return
    month_days = figures.calendar_days
    if days == 0:
        yield rule.finding(WORKING_DAYS_ZERO, field="working_days")
    elif days > month_days and figures.is_quarterly:
        message = WORKING_DAYS_EXCEED_QUARTER.format(days=days, days_in=month_days)
        yield rule.finding(message, field="working_days")
    elif days > month_days:
        message = WORKING_DAYS_EXCEED_MONTH.format(
            days=days, month=figures.month.month, month_days=month_days
        )
        yield rule.finding(message, field="working_days")


def check_report_empty(rule: Rule, figures: ReportFigures):
    if not _has_figures(figures) and figures.work_item_count == 0:
        yield rule.finding(REPORT_EMPTY, field="accepted_total")


# --- checks: warnings -----------------------------------------------------------


def check_figures_missing(rule: Rule, figures: ReportFigures):
    if not _has_figures(figures) and figures.work_item_count > 0:
        yield rule.finding(FIGURES_MISSING, field="accepted_total")


def _categories_check(column: str, total_field: str, template: str):
    """Categories summed against a total; a category that has the other column
    but not this one makes the sum unknown, so the rule does not fire."""
    other = "completed" if column == "accepted" else "accepted"

    def check(rule: Rule, figures: ReportFigures):
        total = getattr(figures, total_field)
        rows = list(figures.case_counts.values())
        values = _given(getattr(c, column) for c in rows)
        if total is None or not values:
            return
        if any(
            getattr(c, column) is None and getattr(c, other) is not None for c in rows
        ):
            return
        if sum(values) != total:
            message = template.format(
                sum=sum(values), total=total, difference=abs(total - sum(values))
            )
            yield rule.finding(message, field=total_field)

    return check


def check_monthly_change(rule: Rule, figures: ReportFigures):
    current = figures.accepted_total
    previous = figures.previous.accepted_total if figures.previous else None
    if current is None or previous is None or current < 0 or previous < 0:
        return
    limit = _settings_ratio("VALIDATION_MAX_MONTHLY_CHANGE")
    previous_period = figures.previous.label
    if previous == 0:
        if current > 0:
            message = MONTHLY_CHANGE_FROM_ZERO.format(
                current=current, previous_period=previous_period, limit=_percent(limit)
            )
            yield rule.finding(message, field="accepted_total")
        return
    moved = change(current, previous)
    if Fraction(moved.difference, previous) > limit:
        message = MONTHLY_CHANGE.format(
            current=current,
            previous_period=previous_period,
            previous=previous,
            direction=moved.direction,
            difference=moved.difference,
            percent=format_percent(moved.difference, previous),
            limit=_percent(limit),
        )
        yield rule.finding(message, field="accepted_total")


def check_completion_rate(rule: Rule, figures: ReportFigures):
    limit = _settings_ratio("VALIDATION_MIN_COMPLETION_RATE")
    pairs = [
        ("", "", "completed_total", figures.accepted_total, figures.completed_total)
    ]
    for c in figures.case_counts.values():
        field = f"case_counts[{c.category_id}].completed"
        pairs.append((c.name, c.name, field, c.accepted, c.completed))
    for subject, part, field, accepted, completed in pairs:
        if accepted is None or completed is None or accepted <= 0 or completed < 0:
            continue
        if completed > accepted or Fraction(completed, accepted) >= limit:
            continue
        message = COMPLETION_RATE_LOW.format(
            part=part,
            rate=format_percent(completed, accepted),
            accepted=accepted,
            completed=completed,
            limit=_percent(limit),
        )
        yield rule.finding(message, subject=subject, field=field)


def _department_sum_check(column_index: int, column: str):
    """The hall's department columns (definitions, by code) against the case
    category of the same name (still typed)."""

    def check(rule: Rule, figures: ReportFigures):
        by_code = {f.code: f for f in figures.defined.values()}
        for category, *codes in DEPARTMENT_GROUPS:
            figure = by_code.get(codes[column_index])
            values = figure.parts_sum if figure is not None else None
            row = _category_named(figures, category)
            if row is None or values is None:
                continue
            total = row.accepted if column_index == 0 else row.completed
            if total is None or values == total:
                continue
            message = DEPARTMENT_TABLE_SUM.format(
                category=category,
                column=column,
                sum=values,
                total=total,
                difference=abs(total - values),
            )
            attribute = "accepted" if column_index == 0 else "completed"
            yield rule.finding(
                message,
                subject=category,
                field=f"case_counts[{row.category_id}].{attribute}",
            )

    return check


# --- the registry -----------------------------------------------------------------

RULES: list[Rule] = [
    # errors: block submission
    Rule("negative_number", ERROR, "数字为负数", check_negative_numbers),
    Rule(
        "completed_exceeds_accepted",
        ERROR,
        "办结数超过受理数",
        check_completed_exceeds_accepted,
    ),
    Rule(
        "totals_inconsistent",
        ERROR,
        "受理总数不等于办结与正在办理之和",
        check_totals_consistent,
    ),
    Rule("working_days_invalid", ERROR, "工作日天数不合理", check_working_days),
    Rule("report_empty", ERROR, "报表为空", check_report_empty),
    Rule("defined_negative", ERROR, "指标数值为负数", check_defined_negative),
    Rule(
        "defined_parts_exceed",
        ERROR,
        "指标各分项合计超过总数",
        check_defined_parts_exceed,
    ),
    Rule(
        "defined_exceeds_bound",
        ERROR,
        "指标超过其不得超过的指标",
        check_defined_exceeds_bound,
    ),
    Rule("defined_required", ERROR, "必填指标未填报", check_defined_required),
    # warnings: need a written explanation
    Rule("figures_missing", WARNING, "未填报办件数据", check_figures_missing),
    Rule(
        "categories_sum_accepted",
        WARNING,
        "分类受理合计与受理总数不一致",
        _categories_check("accepted", "accepted_total", CATEGORIES_SUM_ACCEPTED),
    ),
    Rule(
        "categories_sum_completed",
        WARNING,
        "分类办结合计与办结总数不一致",
        _categories_check("completed", "completed_total", CATEGORIES_SUM_COMPLETED),
    ),
    Rule(
        "defined_parts_sum",
        WARNING,
        "指标各分项合计与总数不一致",
        check_defined_parts_sum,
    ),
    Rule(
        "defined_sums_to",
        WARNING,
        "指标各分项合计与所对照的指标不一致",
        check_defined_sums_to,
    ),
    Rule(
        "level_mismatch",
        WARNING,
        "上级单位填报数与下级合计不一致",
        check_level_mismatch,
    ),
    Rule("defined_implausible", WARNING, "指标数值与以往相差悬殊", check_implausible),
    Rule("monthly_change", WARNING, "受理总数环比变化过大", check_monthly_change),
    Rule("completion_rate_low", WARNING, "办结率偏低", check_completion_rate),
    Rule(
        "department_table_sum_accepted",
        WARNING,
        "窗口单位受理合计与分类受理数不一致",
        _department_sum_check(0, "受理"),
    ),
    Rule(
        "department_table_sum_completed",
        WARNING,
        "窗口单位办结合计与分类办结数不一致",
        _department_sum_check(1, "办结"),
    ),
]
RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}


def validate(figures: ReportFigures) -> list[Finding]:
    """Run every rule of ``RULES`` on ``figures``; errors first, then warnings."""
    found = [finding for rule in RULES for finding in rule.run(figures)]
    return sorted(found, key=lambda f: f.level != ERROR)
