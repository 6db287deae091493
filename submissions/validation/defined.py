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
TOTAL = "总数"
DEFINED_EXCEEDS_BOUND = (
    "“{name}”{part}{value}，超过“{bound}”{part}{limit}，多{difference}。"
)
LEVEL_MISMATCH = (
    "{unit}填报的{label}{stated}件，与下级单位（{children}）合计{sum}件不一致，"
    "相差{difference}件；简报以填报数为准。"
)
IMPLAUSIBLE = (
    "“{name}”本期{value}，是此前{months}期平均{mean}的{ratio}倍，"
    "请核实是否填错单位或多填了位数。"
)
DEFINED_REQUIRED = "“{name}”为必填指标，尚未填报。"
DEFINED_SUMS_TO = (
    "“{name}”各分项合计{sum}，与“{target}”{part}{total}不一致，相差{difference}。"
)
LEVEL_LABELS = {"accepted": "受理总数", "completed": "办结总数"}


def _total_field(figure: DefinedFigure) -> str:
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
                field=_total_field(figure),
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
            yield figure, total, parts, whole, _total_field(owner)


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


def check_defined_parts_sum(rule: Rule, figures: ReportFigures):
    for figure, total, parts, whole, field in _parts_against_total(figures, ("sum",)):
        if parts < total:
            yield rule.finding(
                DEFINED_PARTS_SUM.format(
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
    yield "", figure.total, bound.total, _total_field(figure)
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
    levels = figures.children
    if levels is None or not levels.names:
        return
    for name, label in LEVEL_LABELS.items():
        stated = getattr(figures, f"{name}_total")
        summed = getattr(levels, name)
        if stated is None or summed is None or stated == summed:
            continue
        yield rule.finding(
            LEVEL_MISMATCH.format(
                unit=figures.centre_name,
                label=label,
                stated=stated,
                children="、".join(levels.names),
                sum=summed,
                difference=abs(stated - summed),
            ),
            subject=label,
            field=f"{name}_total",
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
            field=_total_field(figure),
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
            _total_field(target)
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
