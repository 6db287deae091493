"""Trade amounts: exact yuan in, text in a unit out.

Amounts are stored in yuan as exact ``Decimal`` and shown in one of the units
of ``bureaus.units`` (元, 万元, 亿元; a bureau's working unit, or a profile's),
rounded half-up to the places asked for (附件2's table: four, its sentences:
two):

    >>> format_amount(Decimal("772660000"), "亿元", 4), format_amount(7, "亿元", 2)
    ('7.7266', '不足0.01')
    >>> format_amount(Decimal("772660000"), "万元", 2)
    '77266.00'

A group's or the overall figure is rounded from its exact sum (``sum_exact``),
never summed from rounded parts: the seed issue printed 2.69 (亿元) for 工程建设
by adding its rows' rounded figures, where the exact sum 2.6955 rounds to 2.70.

Printing rules (``format_amount``):

* a non-zero amount prints with a fixed number of decimals (``1.4400`` in a
  table, ``1.44`` in a sentence), so a table column lines up and every figure
  visibly carries the same precision;
* zero prints ``0`` (no trade, or trades of no value): a bureau table reads
  ``0`` more plainly than ``0.0000``;
* a non-zero amount too small for the precision prints ``不足0.0001`` rather
  than a false zero;
* a blank (None) amount prints ``""``.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from bureaus.units import AMOUNT_UNITS
from submissions.figures import BELOW, round_half_up


def _amount(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(
            f"an amount must be int or Decimal yuan, not {type(value).__name__}"
        )
    value = Decimal(value)
    if not value.is_finite() or value < 0:
        raise ValueError(f"an amount must be a finite, non-negative sum, got {value}")
    return value


def in_unit(amount_yuan: int | Decimal, unit: str) -> Decimal:
    """Yuan in ``unit``, exactly (no rounding).

    >>> in_unit(Decimal("269550000.00"), "亿元"), in_unit(12345678, "万元")
    (Decimal('2.6955000000'), Decimal('1234.5678'))
    """
    return _amount(amount_yuan).scaleb(-AMOUNT_UNITS[unit])


def yuan_per(unit: str) -> Decimal:
    """How many 元 one ``unit`` is: ``yuan_per("万元") == 10000``."""
    return Decimal(1).scaleb(AMOUNT_UNITS[unit])


def format_amount(amount_yuan: int | Decimal | None, unit: str, places: int) -> str:
    """``unit`` text rounded half-up to ``places`` decimals (the module's rules).

    >>> format_amount(Decimal("144000000"), "亿元", 4), format_amount(0, "亿元", 4)
    ('1.4400', '0')
    >>> format_amount(Decimal("4000"), "亿元", 4), format_amount(None, "亿元", 4)
    ('不足0.0001', '')
    """
    if amount_yuan is None:
        return ""
    value = in_unit(amount_yuan, unit)
    if value == 0:
        return "0"
    rounded = round_half_up(value, places)
    if rounded == 0:
        return f"{BELOW}{Decimal(1).scaleb(-places):f}"
    return f"{rounded:f}"


def sum_exact(amounts: Iterable[int | Decimal | None]) -> Decimal | None:
    """The exact sum of yuan amounts, blanks skipped; None if every one is blank.

    Round the result, never the parts:

    >>> parts = [Decimal("89340000"), Decimal("58270000"),
    ...          Decimal("51280000"), Decimal("70660000")]
    >>> format_amount(sum_exact(parts), "亿元", 2)
    '2.70'
    >>> sum(round_half_up(in_unit(p, "亿元"), 2) for p in parts)   # the seed's 2.69
    Decimal('2.69')
    """
    given = [_amount(a) for a in amounts if a is not None]
    if not given:
        return None
    return sum(given, Decimal(0))
