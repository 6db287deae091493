"""The trends' arithmetic: pure and exact, snapshot figures in, totals out.

Totals are sums of the stated counts (blanks skipped, all blank stays blank);
rates are recomputed from sums with ``submissions.figures``; amounts stay exact
yuan until ``transactions.amounts`` shows them in a unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from bureaus.units import YI
from submissions.figures import (
    PERCENT_PLACES,
    format_percent,
    ratio_percent,
    round_half_up,
)
from transactions.amounts import in_unit

# The open data's ``trades_amount_yi``: 亿元 to four places, as 附件2's table
# prints them, whatever unit the bureau works in (a published key keeps its
# meaning).
YI_PLACES = 4


def stated(value: Any) -> int | None:
    """A stated count, or None for blank (or anything that is not an int)."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def _sum(values: Iterable[int | None]) -> int | None:
    """Sum of the stated values; None when every one is blank.

    >>> _sum([1, None, 2]), _sum([None]), _sum([0, None])
    (3, None, 0)
    """
    given = [v for v in values if v is not None]
    return sum(given) if given else None


def unit_completed(unit: Mapping[str, Any]) -> int | None:
    """A hall's or centre's completed cases: as stated, or, when the total is
    blank, the sum of its categories' when they state every figure and add up
    to its accepted total (the seed's hall states 办结 only per category).

    >>> unit_completed({"accepted": 5, "completed": None, "categories": [
    ...     {"accepted": 2, "completed": 2}, {"accepted": 3, "completed": 1}]})
    3
    >>> unit_completed({"accepted": 9, "completed": None, "categories": [
    ...     {"accepted": 2, "completed": 2}]}) is None
    True
    """
    given = stated(unit.get("completed"))
    if given is not None:
        return given
    categories = [c for c in unit.get("categories") or [] if isinstance(c, Mapping)]
    pairs = [
        (stated(c.get("accepted")), stated(c.get("completed"))) for c in categories
    ]
    if not pairs or any(a is None or c is None for a, c in pairs):
        return None
    if sum(a for a, _ in pairs) != stated(unit.get("accepted")):
        return None
    return sum(c for _, c in pairs)


def case_totals(units: Iterable[Mapping[str, Any]]) -> tuple[int | None, int | None]:
    """Accepted and completed cases summed over the hall and the centres.

    >>> case_totals([{"accepted": 5, "completed": None}, {"accepted": None}])
    (5, None)
    """
    units = list(units)
    return (
        _sum(stated(u.get("accepted")) for u in units),
        _sum(unit_completed(u) for u in units),
    )


def rate_base(units: Iterable[Mapping[str, Any]]) -> tuple[int | None, int | None]:
    """Accepted and completed cases of the units that state both: the base of
    the completion rate, so a centre that left 办结 blank does not pull it down.

    >>> rate_base([{"accepted": 5, "completed": 4}, {"accepted": 3}])
    (5, 4)
    >>> rate_base([{"accepted": 3, "completed": None}])
    (None, None)
    """
    pairs = [(stated(u.get("accepted")), unit_completed(u)) for u in units]
    pairs = [(a, c) for a, c in pairs if a is not None and c is not None]
    if not pairs:
        return None, None
    return sum(a for a, _ in pairs), sum(c for _, c in pairs)


def completion_rate(
    units: Iterable[Mapping[str, Any]],
) -> tuple[str, Decimal | None]:
    """The overall completion rate from ``rate_base``, printed and as a number
    rounded half-up. 0 of 0 is ``—`` (nothing to rate), no unit with both
    counts is blank (``""``):

    >>> completion_rate([{"accepted": 268, "completed": 185}])
    ('69.03%', Decimal('69.03'))
    >>> completion_rate([{"accepted": 0, "completed": 0}])
    ('—', None)
    >>> completion_rate([{"accepted": 3, "completed": None}])
    ('', None)
    """
    accepted, completed = rate_base(units)
    if accepted is None:
        return "", None
    ratio = ratio_percent(completed, accepted)
    value = None if ratio is None else round_half_up(ratio, PERCENT_PLACES)
    return format_percent(completed, accepted), value


# Snapshots published before ``submissions/0015`` hold the 12345 hotline's 受理
# as ``hotline.received``: the figure that migration gave this code. Reading
# those frozen snapshots is the only reason the code is known here.
FORMER_SECTIONS = {"hotline_received": ("hotline", "received")}


def _unit_total(unit: Mapping[str, Any], code: str) -> int | None:
    section = FORMER_SECTIONS.get(code)
    if section and isinstance(unit.get(section[0]), Mapping):
        return stated(unit[section[0]].get(section[1]))
    figures = unit.get("figures")
    for figure in figures if isinstance(figures, list) else []:
        if isinstance(figure, Mapping) and figure.get("code") == code:
            return stated(figure.get("total"))
    return None


def figure_total(units: Iterable[Mapping[str, Any]], code: str) -> int | None:
    """A defined figure's printed total (a count), by its code, summed over the
    units that state it (a snapshot from before the hotline became definitions
    states its 受理 in a ``hotline`` section).

    >>> figure_total([{"figures": [{"code": "consult", "total": 5}]}, {}], "consult")
    5
    >>> units = [{"hotline": {"received": 7}}, {"hotline": None}, {}]
    >>> figure_total(units, "hotline_received"), figure_total(units, "consult")
    (7, None)
    """
    return _sum(_unit_total(u, code) for u in units)


def trade_total(total: Mapping[str, Any] | None) -> tuple[int | None, Decimal | None]:
    """The count and exact yuan amount of a period's public-resource trades.

    >>> trade_total({"count": 12, "amount_yuan": "772660000.00"})
    (12, Decimal('772660000.00'))
    >>> trade_total(None)
    (None, None)
    """
    if not isinstance(total, Mapping):
        return None, None
    amount = total.get("amount_yuan")
    try:
        yuan = None if amount in (None, "") else Decimal(str(amount))
    except InvalidOperation:
        yuan = None
    if yuan is not None and (not yuan.is_finite() or yuan < 0):
        yuan = None
    return stated(total.get("count")), yuan


def amount_in(yuan: Decimal | None, unit: str, places: int) -> Decimal | None:
    """Yuan in ``unit`` rounded half-up to ``places`` (a chart's value).

    >>> amount_in(Decimal("772660000"), "万元", 2), amount_in(None, "万元", 2)
    (Decimal('77266.00'), None)
    """
    return None if yuan is None else round_half_up(in_unit(yuan, unit), places)


def amount_yi(yuan: Decimal | None) -> Decimal | None:
    """亿元 rounded half-up to four places (``trades_amount_yi``).

    >>> amount_yi(Decimal("772660000")), amount_yi(None)
    (Decimal('7.7266'), None)
    """
    return amount_in(yuan, YI, YI_PLACES)


def units_of(hall: Any, centres: Any) -> list[Mapping[str, Any]]:
    """The hall (when the issue has one) and the centres, as figure dicts."""
    units = [hall] if isinstance(hall, Mapping) else []
    if isinstance(centres, list):
        units += [c for c in centres if isinstance(c, Mapping)]
    return units
