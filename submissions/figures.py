"""Exact arithmetic for the figures a bulletin derives: rates, shares, averages.

Every number the bulletin prints is computed here from stored counts, with exact
``int``/``Decimal`` arithmetic and half-up rounding (the way a person rounds on
paper, not Python's banker's rounding). Floats are refused so that no binary
rounding error can reach a printed figure.

    >>> format_percent(2476, 2476)
    '100%'
    >>> format_percent(185, 268)
    '69.03%'

``None`` is a blank figure ("not applicable"): functions given a blank return
``None`` (or ``""`` for text) so that the caller prints no clause. ``0`` is a
stated zero and is printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Literal

Number = int | Decimal

# Not-applicable rate (0 of 0), printed in tables; never "0%".
NO_RATE = "—"
# Prefix for a non-zero figure too small to show at the printed precision.
BELOW = "不足"

PERCENT_PLACES = 2
# Precision of ``ratio_percent`` for quotients that do not terminate (1/3).
RATIO_PRECISION = 34


def _exact(value: object, name: str = "value") -> Number:
    """Return ``value`` if it is an int or Decimal; refuse floats and bools."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(
            f"{name} must be int or Decimal, not {type(value).__name__} "
            "(floats would introduce binary rounding error)"
        )
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"{name} must be a finite number, got {value}")
    return value


def _non_negative(value: object, name: str) -> Number:
    value = _exact(value, name)
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")
    return value


def _round_fraction(value: Fraction, places: int) -> Decimal:
    """Round an exact fraction half-up (away from zero) to ``places`` decimals."""
    scale = 10**places
    scaled = abs(value) * scale
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    if 2 * rest >= scaled.denominator:
        whole += 1
    if value < 0:
        whole = -whole
    return Decimal(whole).scaleb(-places)


def round_half_up(value: Number, places: int) -> Decimal:
    """Round to ``places`` decimals, halves away from zero.

    >>> round_half_up(Decimal("7.7266"), 2)
    Decimal('7.73')
    >>> round_half_up(Decimal("2.675"), 2), round_half_up(Decimal("-0.5"), 0)
    (Decimal('2.68'), Decimal('-1'))
    """
    return _round_fraction(Fraction(_exact(value)), places)


def _strip_zeros(value: Decimal) -> str:
    """Fixed-point text without trailing zeros: 99.50 → "99.5", 96.00 → "96"."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def ratio_percent(part: Number | None, whole: Number | None) -> Decimal | None:
    """``part / whole × 100``, unrounded; None when blank or when whole is 0.

    Terminating quotients are exact; others carry 34 significant digits (use
    ``format_percent`` to print, which rounds from the exact fraction).

    >>> ratio_percent(1, 268)
    Decimal('0.3731343283582089552238805970149254')
    >>> ratio_percent(3, 8), ratio_percent(0, 0)
    (Decimal('37.5'), None)
    """
    if part is None or whole is None:
        return None
    part = _non_negative(part, "part")
    whole = _non_negative(whole, "whole")
    if whole == 0:
        return None
    quotient = Fraction(part) * 100 / Fraction(whole)
    with localcontext() as ctx:
        ctx.prec = RATIO_PRECISION
        return Decimal(quotient.numerator) / Decimal(quotient.denominator)


def format_percent(
    part: Number | None, whole: Number | None, *, places: int = PERCENT_PLACES
) -> str:
    """A rate or share as printed: up to ``places`` (two) decimals, half-up, no
    trailing zeros.

    * ``"100%"`` only when ``part == whole`` (> 0): a near miss prints ``99.99%``;
    * a non-zero part that rounds to 0 prints ``不足0.01%``, never ``0%``;
    * 0 of 0 prints ``—`` (there is nothing to rate);
    * a blank (None) input returns ``""``: the caller prints no clause.

    >>> format_percent(99999, 100000), format_percent(1, 268), format_percent(0, 0)
    ('99.99%', '0.37%', '—')
    >>> format_percent(1, 1_000_000), format_percent(0, 5), format_percent(None, 5)
    ('不足0.01%', '0%', '')
    """
    if part is None or whole is None:
        return ""
    part = _non_negative(part, "part")
    whole = _non_negative(whole, "whole")
    if whole == 0:
        if part != 0:
            raise ValueError(f"a share of nothing: {part} of 0")
        return NO_RATE
    if part == whole:
        return "100%"
    smallest = Decimal(1).scaleb(-places)
    rounded = _round_fraction(Fraction(part) * 100 / Fraction(whole), places)
    if rounded == 100:
        # Not equal, so not 100%: show the nearest value on the true side.
        rounded = 100 - smallest if part < whole else 100 + smallest
    if rounded == 0 and part != 0:
        return f"{BELOW}{smallest}%"
    return f"{_strip_zeros(rounded)}%"


def daily_average(total: Number | None, days: int | None) -> int | None:
    """Average per day, rounded half-up to a whole number; None when blank or 0 days.

    >>> daily_average(29447, 29), daily_average(268, 30), daily_average(5, 0)
    (1015, 9, None)
    """
    if total is None or days is None:
        return None
    total = _non_negative(total, "total")
    days = _non_negative(days, "days")
    if days == 0:
        return None
    return int(_round_fraction(Fraction(total) / Fraction(days), 0))


Direction = Literal["增加", "减少", "持平"]


@dataclass(frozen=True)
class Change:
    """How a figure moved since the previous period."""

    direction: Direction
    difference: Number  # absolute, never negative
    previous: Number


def change(current: Number | None, previous: Number | None) -> Change | None:
    """Direction and absolute difference from ``previous`` to ``current``.

    >>> change(29447, 24236)
    Change(direction='增加', difference=5211, previous=24236)
    >>> change(10, 12).direction, change(7, 7).direction, change(7, None)
    ('减少', '持平', None)
    """
    if current is None or previous is None:
        return None
    current = _exact(current, "current")
    previous = _exact(previous, "previous")
    if current > previous:
        direction: Direction = "增加"
    elif current < previous:
        direction = "减少"
    else:
        direction = "持平"
    return Change(direction, abs(current - previous), previous)
