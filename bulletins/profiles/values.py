"""The values a block's templates see, computed from the period's figures.

Plain values only (str, int, None, lists and dicts of them): the template
places them and chooses clauses; every figure is computed here, by the tested
functions of ``submissions.figures``; every word of a sentence is the
profile's (DESIGN 5.5), none is written here. Amounts are
text already in the profile's unit and decimals; rates text with the profile's
decimals ("" when there is nothing to rate, since "—" belongs in tables).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bulletins.chinese import normalise_text
from bulletins.periods import Period
from bulletins.profiles.cases import Cases, of_centre
from bulletins.selectors import CentreFigures, PeriodFigures
from bureaus.units import AMOUNT_UNITS
from submissions.figures import (
    BELOW,
    daily_average,
    format_percent,
    round_half_up,
)


def format_amount(yuan: int | Decimal | None, unit: str, places: int) -> str:
    """Yuan as text in ``unit`` (元/万元/亿元), half-up to ``places`` decimals;
    "" when blank, "0" for nothing, ``不足0.01`` for a sum that rounds to 0.

    >>> yuan = Decimal("772660000")
    >>> format_amount(yuan, "亿元", 2), format_amount(yuan, "万元", 2)
    ('7.73', '77266.00')
    >>> format_amount(0, "万元", 2), format_amount(None, "亿元", 2)
    ('0', '')
    >>> format_amount(40, "万元", 2)
    '不足0.01'
    """
    if yuan is None:
        return ""
    value = Decimal(yuan).scaleb(-AMOUNT_UNITS[unit])
    if value == 0:
        return "0"
    rounded = round_half_up(value, places)
    if rounded == 0:
        return f"{BELOW}{Decimal(1).scaleb(-places):f}"
    return f"{rounded:f}"


def rate(part: int | None, whole: int | None, places: int) -> str:
    """A rate for a sentence: "" when blank or when there is nothing to rate."""
    return format_percent(part, whole, places=places) if whole else ""


def period_values(period: Period, words: dict) -> dict[str, Any]:
    return {
        "period": period.label,
        "previous_period": period.previous_label,
        "year": period.start.year,
        "words": words,
    }


def _categories(cases: Cases, places: int) -> list[dict[str, Any]]:
    return [
        {
            "name": normalise_text(c.name),
            "accepted": c.accepted,
            "completed": c.completed,
            "rate": rate(c.completed, c.accepted, places),
        }
        for c in cases.categories
        if c.accepted is not None
    ]


def hall_cases(figures: PeriodFigures, words, units, reference: str, names) -> dict:
    """The hall's cases by category; ``names``: the profile's ``cases``."""
    cases = of_centre(figures.hall, names)
    categories = _categories(cases, units["rate_places"])
    return {
        **period_values(figures.period, words),
        "total": sum(c["accepted"] for c in categories) if categories else None,
        "names": "、".join(c["name"] for c in categories),
        "reference": reference,
        "categories": categories,
    }


def trades(figures: PeriodFigures, words, units) -> dict:
    unit, places = units["amount"], units["sentence_places"]
    trades = figures.trades
    return {
        **period_values(figures.period, words),
        "unit": unit,
        "total_count": trades.total.count,
        "total_amount": format_amount(trades.total.amount, unit, places),
        "total_savings": format_amount(trades.total.savings, unit, places),
        "total_premium": format_amount(trades.total.premium, unit, places),
        "groups": [
            {
                "name": normalise_text(g.name),
                "measure_word": g.measure_word,
                "count": g.count,
                "amount": format_amount(g.amount, unit, places),
                "savings": format_amount(g.savings, unit, places),
                "premium": format_amount(g.premium, unit, places),
                "in_total": g.in_total,
                "amount_printed": g.amount_printed,
            }
            for g in trades.groups
        ],
    }


def unit_values(centre: CentreFigures, period: Period, words) -> dict:
    return {
        **period_values(period, words),
        "name": centre.name,
        "short_name": centre.short_name,
    }


def summary(centre: CentreFigures, period: Period, words, units, names) -> dict:
    """A unit's case summary; ``names``: the profile's ``cases``."""
    places = units["rate_places"]
    cases = of_centre(centre, names)
    return {
        **unit_values(centre, period, words),
        "accepted": cases.accepted,
        "completed": cases.completed,
        "in_progress": cases.in_progress,
        "working_days": centre.working_days,
        "daily_average": daily_average(cases.accepted, centre.working_days),
        "rate": rate(cases.completed, cases.accepted, places),
        "previous_accepted": cases.previous_accepted,
        **_change(cases.accepted, cases.previous_accepted),
        "categories": _categories(cases, places),
    }


def _change(current: int | None, previous: int | None) -> dict:
    """``increase`` or ``decrease`` (the difference) when the figure moved;
    both none when it held or when either figure is blank."""
    moved = None if current is None or previous is None else current - previous
    return {
        "increase": moved if moved and moved > 0 else None,
        "decrease": -moved if moved and moved < 0 else None,
    }
