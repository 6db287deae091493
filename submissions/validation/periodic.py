"""Rules against another period or a rate's floor (DESIGN 5.3): a printed
total moving more than its definition's ``change_limit`` against the previous
period's approved report, and a rate below its definition's ``minimum``."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from ..defined import value_text
from ..figures import change, format_percent
from ..rates import RateFigure, rates_of
from .defined import total_field
from .types import ReportFigures, Rule

DEFINED_CHANGE = (
    "“{name}”{current}，较{previous_period}的{previous}{direction}了"
    "{difference}（{percent}），变化幅度超过{limit}。"
)
DEFINED_CHANGE_FROM_ZERO = (
    "“{name}”{current}，{previous_period}为{previous}，变化幅度超过{limit}。"
)
RATE_BELOW_MINIMUM = (
    "“{name}”{part}{rate}（“{numerator}”{top}，“{denominator}”{bottom}），"
    "低于下限{limit}。"
)


def _percent_text(limit: Decimal) -> str:
    """A percent limit as printed: ``50%``, ``12.5%``."""
    return f"{limit.normalize():f}%"


def check_defined_change(rule: Rule, figures: ReportFigures):
    """A printed total moving more than the definition's ``change_limit``
    percent against the previous period's approved report."""
    previous = figures.previous
    if previous is None:
        return
    for figure in figures.defined.values():
        limit = figure.change_limit
        current = figure.printed_total
        before = previous.defined.get(figure.definition_id)
        if limit is None or current is None or before is None:
            continue
        if current < 0 or before < 0:
            continue
        common = {
            "name": figure.name,
            "current": value_text(figure, current),
            "previous_period": previous.label,
            "previous": value_text(figure, before),
            "limit": _percent_text(limit),
        }
        if before == 0:
            if current > 0:
                yield rule.finding(
                    DEFINED_CHANGE_FROM_ZERO.format(**common),
                    subject=figure.name,
                    field=total_field(figure),
                )
            continue
        moved = change(current, before)
        if Fraction(moved.difference) / Fraction(before) * 100 <= Fraction(limit):
            continue
        yield rule.finding(
            DEFINED_CHANGE.format(
                **common,
                direction=moved.direction,
                difference=value_text(figure, moved.difference),
                percent=format_percent(moved.difference, before),
            ),
            subject=figure.name,
            field=total_field(figure),
        )


def _rate_pairs(spec, rate: RateFigure, figures: ReportFigures):
    """(part label, numerator, denominator, field) of a rate, and of each
    option both sides state when the rate takes two whole definitions on the
    same breakdown (办结率 per 办件类别)."""
    top = figures.defined.get(spec.numerator_id)
    bottom = figures.defined.get(spec.denominator_id)
    per_option = (
        top is not None
        and bottom is not None
        and not (spec.numerator_options or spec.denominator_options)
        and top.breakdown is not None
        and top.breakdown == bottom.breakdown
    )
    # Per option, the whole is compared only when both totals are stated: a
    # sum of parts over a stated total compares two different things.
    if not per_option or (top.total is not None and bottom.total is not None):
        field = total_field(top) if top is not None else ""
        yield "", rate.numerator, rate.denominator, field
    if not per_option:
        return
    below = {p.option_id: p.value for p in bottom.parts}
    for part in top.parts:
        if part.option_id in below:
            yield (
                part.name,
                part.value,
                below[part.option_id],
                f"defined[{top.definition_id}].option[{part.option_id}]",
            )


def check_rate_below_minimum(rule: Rule, figures: ReportFigures):
    """A rate under its definition's ``minimum`` percent (办结率 under 90%); a
    numerator above its denominator is another rule's error, not a low rate."""
    for spec in figures.rates:
        found = rates_of([spec], figures.defined.values())
        if spec.minimum is None or not found:
            continue
        rate = found[0]
        top = figures.defined.get(spec.numerator_id)
        bottom = figures.defined.get(spec.denominator_id)
        for part, numerator, denominator, field in _rate_pairs(spec, rate, figures):
            if numerator is None or denominator is None:
                continue
            if denominator <= 0 or numerator < 0 or numerator > denominator:
                continue
            if Fraction(numerator) / Fraction(denominator) * 100 >= Fraction(
                spec.minimum
            ):
                continue
            yield rule.finding(
                RATE_BELOW_MINIMUM.format(
                    name=spec.name,
                    part=f"（{part}）" if part else "",
                    rate=format_percent(numerator, denominator, places=spec.places),
                    numerator=top.name if top else "",
                    top=value_text(top, numerator) if top else numerator,
                    denominator=bottom.name if bottom else "",
                    bottom=value_text(bottom, denominator) if bottom else denominator,
                    limit=_percent_text(spec.minimum),
                ),
                subject=f"{spec.name}·{part}" if part else spec.name,
                field=field,
            )
