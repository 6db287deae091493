"""Rules found from the figure definitions and the unit tree (DESIGN 5.2, 5.3).

Which parts must sum to which total is read from each definition (its breakdown
and ``parts_rule``), never from category names: renaming an option or a
definition keeps every rule. Level mismatches compare a unit's stated totals
with the sum of its child units' reports of the same month.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from django.conf import settings

from ..defined import DefinedFigure, implausible_ratio, value_text
from .types import Finding, ReportFigures, Rule

DEFINED_NEGATIVE = "“{name}”{part}为{value}，不能为负数。"
DEFINED_PARTS_EXCEED = (
    "“{name}”各分项（{parts}）合计{sum}，超过{whole}{total}，多{difference}。"
)
DEFINED_PARTS_SUM = (
    "“{name}”各分项（{parts}）合计{sum}，与{whole}{total}不一致，相差{difference}。"
)
DEFINED_SUM_OF = "“{name}”{total}，与{terms}之和{sum}不一致，相差{difference}。"
TOTAL = "总数"
DEFINED_EXCEEDS_BOUND = (
    "“{name}”{part}{value}，超过“{bound}”{part}{limit}，多{difference}。"
)
LEVEL_MISMATCH = (
    "{unit}填报的{label}{stated}，与下级单位（{children}）合计{sum}不一致，"
    "相差{difference}；简报以填报数为准。"
)
IMPLAUSIBLE = (
    "“{name}”本期{value}，是此前{months}期平均{mean}的{ratio}倍，"
    "请核实是否填错单位或多填了位数。"
)
DEFINED_REQUIRED = "“{name}”为必填指标，尚未填报。"
DEFINED_SUMS_TO = (
    "“{name}”各分项合计{sum}，与“{target}”{part}{total}不一致，相差{difference}。"
)


def total_field(figure: DefinedFigure) -> str:
    return f"defined[{figure.definition_id}].total"


def _difference(figure: DefinedFigure, a, b) -> str:
    return value_text(figure, abs(a - b))


def _parts_text(figure: DefinedFigure) -> str:
    """The given parts with their figures: ``承办单243件、重新办理单23件``."""
    return "、".join(
        f"{p.name}{value_text(figure, p.value)}"
        for p in figure.parts
        if p.value is not None
    )


def check_defined_negative(rule: Rule, figures: ReportFigures) -> Iterator[Finding]:
    for figure in figures.defined.values():
        if figure.total is not None and figure.total < 0:
            yield rule.finding(
                DEFINED_NEGATIVE.format(
                    name=figure.name, part="总数", value=figure.total
                ),
                subject=figure.name,
                field=total_field(figure),
            )
        for part in figure.parts:
            if part.value is not None and part.value < 0:
                yield rule.finding(
                    DEFINED_NEGATIVE.format(
                        name=figure.name, part=part.name, value=part.value
                    ),
                    subject=f"{figure.name}·{part.name}",
                    field=f"defined[{figure.definition_id}].option[{part.option_id}]",
                )


def _parts_against_total(figures: ReportFigures, rules: tuple[str, ...]):
    """(figure, total, parts' sum, the total's name and field) of each figure
    whose rule is among ``rules``: the total is its own, or that of the
    definition its parts break down (``parts_of``: 承办单、重新办理单 of 受理)."""
    for figure in figures.defined.values():
        owner = figure
        if figure.parts_of is not None:
            owner = figures.defined.get(figure.parts_of)
            if owner is None:
                continue
        total, parts = owner.total, figure.parts_sum
        whole = TOTAL if owner is figure else f"“{owner.name}”"
        if figure.parts_rule in rules and total is not None and parts is not None:
            yield figure, total, parts, whole, total_field(owner)


def check_defined_parts_exceed(rule: Rule, figures: ReportFigures):
    for figure, total, parts, whole, field in _parts_against_total(
        figures, ("sum", "not_exceed")
    ):
        if parts > total:
            yield rule.finding(
                DEFINED_PARTS_EXCEED.format(
                    name=figure.name,
                    parts=_parts_text(figure),
                    sum=value_text(figure, parts),
                    whole=whole,
                    total=value_text(figure, total),
                    difference=_difference(figure, parts, total),
                ),
                subject=figure.name,
                field=field,
            )


def _sum_unknown(figure: DefinedFigure, figures: ReportFigures) -> bool:
    """An option another definition on the same breakdown states and this one
    leaves blank makes this one's sum unknown (互助县 printed 公共服务事项's
    办结 only as a rate): said of ``sum_warning`` figures only."""
    if figure.parts_rule != "sum_warning" or figure.breakdown is None:
        return False
    given = {p.option_id for p in figure.parts if p.value is not None}
    return any(
        p.value is not None and p.option_id not in given
        for other in figures.defined.values()
        if other is not figure and other.breakdown == figure.breakdown
        for p in other.parts
    )


def check_defined_parts_sum(rule: Rule, figures: ReportFigures):
    """Parts short of the total (``sum``), or off it either way
    (``sum_warning``: 办件类别 against 受理, where more is not an error)."""
    for figure, total, parts, whole, field in _parts_against_total(
        figures, ("sum", "sum_warning")
    ):
        if _sum_unknown(figure, figures):
            continue
        if parts < total or (parts > total and figure.parts_rule == "sum_warning"):
            template = DEFINED_PARTS_SUM if parts < total else DEFINED_PARTS_EXCEED
            yield rule.finding(
                template.format(
                    name=figure.name,
                    parts=_parts_text(figure),
                    sum=value_text(figure, parts),
                    whole=whole,
                    total=value_text(figure, total),
                    difference=_difference(figure, parts, total),
                ),
                subject=figure.name,
                field=field,
            )


def _bounded_pairs(figure: DefinedFigure, bound: DefinedFigure):
    """(part label, value, limit, field) of the figure's total and of each
    option also stated in ``bound``; blanks are not compared."""
    yield "", figure.total, bound.total, total_field(figure)
    limits = {p.option_id: p.value for p in bound.parts}
    for part in figure.parts:
        yield (
            part.name,
            part.value,
            limits.get(part.option_id),
            f"defined[{figure.definition_id}].option[{part.option_id}]",
        )


def check_defined_exceeds_bound(rule: Rule, figures: ReportFigures):
    """A figure above the one it may not exceed (``not_above``: 办结 ≤ 受理),
    total against total and option against the same option."""
    for figure in figures.defined.values():
        bound = figures.defined.get(figure.not_above)
        if bound is None:
            continue
        for part, value, limit, field in _bounded_pairs(figure, bound):
            if value is None or limit is None or value <= limit:
                continue
            yield rule.finding(
                DEFINED_EXCEEDS_BOUND.format(
                    name=figure.name,
                    bound=bound.name,
                    part=part,
                    value=value_text(figure, value),
                    limit=value_text(bound, limit),
                    difference=_difference(figure, value, limit),
                ),
                subject=f"{figure.name}·{part}" if part else figure.name,
                field=field,
            )


def check_level_mismatch(rule: Rule, figures: ReportFigures):
    """A unit's stated total against the sum of its child units' printed
    totals of the same period, definition by definition."""
    levels = figures.children
    if levels is None or not levels.names:
        return
    for figure in figures.defined.values():
        stated = figure.total
        summed = levels.defined.get(figure.definition_id)
        if stated is None or summed is None or stated == summed:
            continue
        label = f"{figure.name}{TOTAL}"
        yield rule.finding(
            LEVEL_MISMATCH.format(
                unit=figures.centre_name,
                label=label,
                stated=value_text(figure, stated),
                children="、".join(levels.names),
                sum=value_text(figure, summed),
                difference=_difference(figure, stated, summed),
            ),
            subject=label,
            field=total_field(figure),
        )


def check_implausible(rule: Rule, figures: ReportFigures):
    limit = Decimal(settings.VALIDATION_IMPLAUSIBLE_RATIO)
    for figure in figures.defined.values():
        value = figure.printed_total
        history = figures.defined_history.get(figure.definition_id, ())
        ratio = implausible_ratio(value, history)
        if ratio is None or ratio < limit:
            continue
        mean = sum(Decimal(v) for v in history) / len(history)
        yield rule.finding(
            IMPLAUSIBLE.format(
                name=figure.name,
                value=value_text(figure, value),
                months=len(history),
                mean=value_text(
                    figure,
                    mean
                    if figure.value_type == "amount"
                    else mean.quantize(Decimal(1)),
                ),
                ratio=f"{ratio.quantize(Decimal(1)):f}",
            ),
            subject=figure.name,
            field=total_field(figure),
        )


def check_defined_required(rule: Rule, figures: ReportFigures):
    for pk, name in figures.required.items():
        figure = figures.defined.get(pk)
        if figure is None or figure.is_blank:
            yield rule.finding(
                DEFINED_REQUIRED.format(name=name),
                subject=name,
                field=f"defined[{pk}]",
            )


def _target_value(target: DefinedFigure, option_id: int | None):
    """The target's figure at ``option_id`` (its printed total when none) and
    how a message names it."""
    if option_id is None:
        return target.printed_total, TOTAL
    for part in target.parts:
        if part.option_id == option_id:
            return part.value, part.name
    return None, ""


def check_defined_sums_to(rule: Rule, figures: ReportFigures):
    """A definition's parts against the figure named by ``sums_to`` (and
    ``sums_to_option``): found from the definitions, never from a name."""
    for figure in figures.defined.values():
        target = figures.defined.get(figure.sums_to)
        parts = figure.parts_sum
        if target is None or parts is None:
            continue
        total, part = _target_value(target, figure.sums_to_option)
        if total is None or total == parts:
            continue
        field = (
            total_field(target)
            if figure.sums_to_option is None
            else f"defined[{target.definition_id}].option[{figure.sums_to_option}]"
        )
        yield rule.finding(
            DEFINED_SUMS_TO.format(
                name=figure.name,
                sum=value_text(figure, parts),
                target=target.name,
                part=part,
                total=value_text(target, total),
                difference=_difference(figure, parts, total),
            ),
            subject=figure.name,
            field=field,
        )


def check_defined_sum_of(rule: Rule, figures: ReportFigures):
    """A total that should equal the sum of other definitions' totals
    (``equals_sum_of``: 受理 = 办结 + 正在办理); any blank side: no finding."""
    for figure in figures.defined.values():
        terms = [
            figures.defined.get(pk) for pk in figures.sums.get(figure.definition_id, ())
        ]
        if not terms or figure.total is None:
            continue
        if any(t is None or t.total is None for t in terms):
            continue
        summed = sum(t.total for t in terms)
        if summed == figure.total:
            continue
        yield rule.finding(
            DEFINED_SUM_OF.format(
                name=figure.name,
                total=value_text(figure, figure.total),
                terms="加".join(f"“{t.name}”{value_text(t, t.total)}" for t in terms),
                sum=value_text(figure, summed),
                difference=_difference(figure, figure.total, summed),
            ),
            subject=figure.name,
            field=total_field(figure),
        )
