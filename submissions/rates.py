"""Rates as data (DESIGN 5.3, DHIS2's indicators): pure arithmetic.

A ``RateSpec`` names two sides, each a defined figure's printed total or the
sum of some of its options; ``rates_of`` computes every rate from the figures
it is given — one report's, or sums over a quarter or 1至N月 — so a rate over a
period is always the ratio of the sums, never a mean of monthly rates.

    >>> rectified = DefinedFigure(1, "rectified", "差评整改", total=8)
    >>> bad = DefinedFigure(2, "bad", "差评", total=10)
    >>> spec = RateSpec("fix", "差评整改率", 1, frozenset(), 2, frozenset())
    >>> rate_sentence(rates_of([spec], [rectified, bad])[0])
    '差评整改率80%。'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .defined import DefinedFigure, Value, sum_given
from .figures import PERCENT_PLACES, format_percent


@dataclass(frozen=True)
class RateSpec:
    """A rate definition as plain values (``RateDefinition.objects.specs()``)."""

    code: str
    name: str
    numerator_id: int
    numerator_options: frozenset[int]
    denominator_id: int
    denominator_options: frozenset[int]
    places: int = PERCENT_PLACES
    minimum: Decimal | None = None  # percent: below it, a warning


@dataclass(frozen=True)
class RateFigure:
    """A rate's two sides as found, and the rate as printed ("" when a side is
    blank or there is nothing to rate)."""

    code: str
    name: str
    numerator: Value | None
    denominator: Value | None
    places: int = PERCENT_PLACES

    @property
    def text(self) -> str:
        """``format_percent`` with the rate's decimals; a part of nothing
        (a numerator over a zero denominator) prints nothing.

        >>> RateFigure("r", "满意率", 2, 3, places=1).text
        '66.7%'
        >>> RateFigure("r", "率", 1, 0).text, RateFigure("r", "率", None, 3).text
        ('', '')
        """
        try:
            return format_percent(self.numerator, self.denominator, places=self.places)
        except ValueError:
            return ""


def side_value(figure: DefinedFigure | None, options: frozenset[int]) -> Value | None:
    """A figure's printed total, or the sum of the chosen options' parts.

    >>> from submissions.defined import Part
    >>> f = DefinedFigure(1, "r", "评价", total=10, parts=(
    ...     Part(1, "非常满意", 6), Part(2, "满意", 3), Part(3, "不满意", 1)))
    >>> side_value(f, frozenset()), side_value(f, frozenset({1, 2}))
    (10, 9)
    """
    if figure is None:
        return None
    if not options:
        return figure.printed_total
    return sum_given(p.value for p in figure.parts if p.option_id in options)


def rates_of(
    specs: Sequence[RateSpec], figures: Iterable[DefinedFigure]
) -> tuple[RateFigure, ...]:
    """Every rate of ``specs`` over ``figures``, in the specs' order; a rate
    neither of whose figures is there is none of these figures' (a unit that
    reports no ratings has no 满意率, not a blank one).

    >>> bad = DefinedFigure(2, "bad", "差评", total=10)
    >>> spec = RateSpec("fix", "差评整改率", 1, frozenset(), 2, frozenset())
    >>> other = RateSpec("ok", "满意率", 3, frozenset(), 3, frozenset())
    >>> [(r.code, r.numerator, r.denominator) for r in rates_of([spec, other], [bad])]
    [('fix', None, 10)]
    """
    by_id = {f.definition_id: f for f in figures}
    return tuple(
        RateFigure(
            code=spec.code,
            name=spec.name,
            numerator=side_value(by_id.get(spec.numerator_id), spec.numerator_options),
            denominator=side_value(
                by_id.get(spec.denominator_id), spec.denominator_options
            ),
            places=spec.places,
        )
        for spec in specs
        if spec.numerator_id in by_id or spec.denominator_id in by_id
    )


def rate_sentence(rate: RateFigure) -> str:
    """``差评整改率80%。``; "" when the rate cannot be stated.

    >>> rate_sentence(RateFigure("r", "办结率", 0, 0))
    ''
    """
    text = rate.text
    if not text or rate.denominator == 0:
        return ""
    return f"{rate.name}{text}。"


def rates_text(rates: Sequence[RateFigure]) -> str:
    """Every rate's sentence, in order."""
    return "".join(rate_sentence(r) for r in rates)
