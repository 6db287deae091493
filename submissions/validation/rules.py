"""The rule registry (DESIGN 3.4): every rule, its level and its check.

Each rule is a pure function of a ``ReportFigures``. A blank figure (``None``)
is not 0: a rule whose inputs are blank does not fire, except the rules about
missing sections. Arithmetic is exact (``int`` and ``Fraction``); the limits of
the defined figures (a change, a rate's minimum) are the definitions' fields,
the plausibility ratio a setting read when the rule runs.

Messages are ``str.format`` templates in ``messages.py`` (re-exported here) so
that tests and the documentation quote them; each states the figures it is about.
"""

from __future__ import annotations

from collections.abc import Iterator

from .defined import (
    check_defined_exceeds_bound,
    check_defined_negative,
    check_defined_parts_exceed,
    check_defined_parts_sum,
    check_defined_required,
    check_defined_sum_of,
    check_defined_sums_to,
    check_implausible,
    check_level_mismatch,
)
from .messages import (
    FIGURES_MISSING,
    NEGATIVE_NUMBER,
    REPORT_EMPTY,
    TOTAL_LABELS,
    WORKING_DAYS_EXCEED_MONTH,
    WORKING_DAYS_EXCEED_QUARTER,
    WORKING_DAYS_ZERO,
)
from .periodic import check_defined_change, check_rate_below_minimum
from .types import (
    ERROR,
    WARNING,
    Finding,
    ReportFigures,
    Rule,
)

# --- helpers --------------------------------------------------------------------


def _has_figures(figures: ReportFigures) -> bool:
    """Any defined figure (working days do not count: the form pre-fills them
    from the calendar)."""
    return any(not f.is_blank for f in figures.defined.values())


# --- checks: errors -------------------------------------------------------------


def check_negative_numbers(rule: Rule, figures: ReportFigures) -> Iterator[Finding]:
    for name, label in TOTAL_LABELS.items():
        value = getattr(figures, name)
        if value is not None and value < 0:
            message = NEGATIVE_NUMBER.format(label=label, value=value)
            yield rule.finding(message, field=name)


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
        yield rule.finding(REPORT_EMPTY)


# --- checks: warnings -----------------------------------------------------------


def check_figures_missing(rule: Rule, figures: ReportFigures):
    if not _has_figures(figures) and figures.work_item_count > 0:
        yield rule.finding(FIGURES_MISSING)


# --- the registry -----------------------------------------------------------------

RULES: list[Rule] = [
    # errors: block submission
    Rule("negative_number", ERROR, "数字为负数", check_negative_numbers),
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
    Rule("figures_missing", WARNING, "未填报指标数据", check_figures_missing),
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
        "defined_sum_of",
        WARNING,
        "指标总数与其他指标之和不一致",
        check_defined_sum_of,
    ),
    Rule("defined_change", WARNING, "指标环比变化过大", check_defined_change),
    Rule("rate_below_minimum", WARNING, "比率低于下限", check_rate_below_minimum),
    Rule(
        "level_mismatch",
        WARNING,
        "上级单位填报数与下级合计不一致",
        check_level_mismatch,
    ),
    Rule("defined_implausible", WARNING, "指标数值与以往相差悬殊", check_implausible),
]
RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}


def validate(figures: ReportFigures) -> list[Finding]:
    """Run every rule of ``RULES`` on ``figures``; errors first, then warnings."""
    found = [finding for rule in RULES for finding in rule.run(figures)]
    return sorted(found, key=lambda f: f.level != ERROR)
