"""Trade amounts: exact yuan in, 亿元 text out.

Amounts are stored in yuan as exact ``Decimal`` and shown in 亿元 (10⁸ yuan),
rounded half-up: four decimals in tables, two in sentences.

    >>> format_yi(Decimal("772660000"), TABLE_PLACES)
    '7.7266'
    >>> format_yi(Decimal("772660000"), SENTENCE_PLACES)
    '7.73'

A group's or the overall figure is rounded from its exact sum (``sum_exact``),
never summed from rounded parts: the seed issue printed 2.69亿元 for 工程建设 by
adding its rows' rounded figures, where the exact sum 2.6955亿元 rounds to 2.70.

Printing rules (``format_yi``):

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

from submissions.figures import BELOW, round_half_up

YUAN_PER_YI = Decimal(100_000_000)
TABLE_PLACES = 4
SENTENCE_PLACES = 2


def _amount(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(
            f"an amount must be int or Decimal yuan, not {type(value).__name__}"
        )
    value = Decimal(value)
    if not value.is_finite() or value < 0:
        raise ValueError(f"an amount must be a finite, non-negative sum, got {value}")
    return value


def to_yi(amount_yuan: int | Decimal) -> Decimal:
    """Yuan to 亿元, exactly (no rounding).

    >>> to_yi(Decimal("269550000.00"))
    Decimal('2.6955000000')
    """
    return _amount(amount_yuan).scaleb(-8)


def format_yi(amount_yuan: int | Decimal | None, places: int) -> str:
    """亿元 text rounded half-up to ``places`` decimals (see the module's rules).

    >>> format_yi(Decimal("144000000"), 4), format_yi(Decimal("144000000"), 2)
    ('1.4400', '1.44')
    >>> format_yi(0, 4), format_yi(Decimal("4000"), 4), format_yi(None, 4)
    ('0', '不足0.0001', '')
    """
    if amount_yuan is None:
        return ""
    yi = to_yi(amount_yuan)
    if yi == 0:
        return "0"
    rounded = round_half_up(yi, places)
    if rounded == 0:
        return f"{BELOW}{Decimal(1).scaleb(-places):f}"
    return f"{rounded:f}"


def sum_exact(amounts: Iterable[int | Decimal | None]) -> Decimal | None:
    """The exact sum of yuan amounts, blanks skipped; None if every one is blank.

    Round the result, never the parts:

    >>> parts = [Decimal("89340000"), Decimal("58270000"),
    ...          Decimal("51280000"), Decimal("70660000")]
    >>> format_yi(sum_exact(parts), 2)
    '2.70'
    >>> sum(round_half_up(to_yi(p), 2) for p in parts)   # the seed's 2.69, wrong
    Decimal('2.69')
    """
    given = [_amount(a) for a in amounts if a is not None]
    if not given:
        return None
    return sum(given, Decimal(0))
