"""The values a block's templates see, computed from the period's figures.

Plain values only (str, int, None, lists and dicts of them): the template
places them and chooses clauses; every figure is computed here, by the tested
functions of ``bulletins.narrative`` and ``submissions.figures``. Amounts are
text already in the profile's unit and decimals; rates text with the profile's
decimals ("" when there is nothing to rate, since "—" belongs in tables).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bulletins.chinese import normalise_text
from bulletins.narrative import (
    CaseLine,
    RatingFigures,
    case_clauses,
    comparison_clause,
    rating_clause,
)
from bulletins.periods import Period
from bulletins.profiles.library import AMOUNT_UNITS
from bulletins.selectors import CentreFigures, PeriodFigures
from submissions.figures import (
    BELOW,
    daily_average,
    format_percent,
    round_half_up,
    satisfied_count,
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
    return format_percent(part, whole, places) if whole else ""


def _period(period: Period, words: dict) -> dict[str, Any]:
    return {
        "period": period.label,
        "previous_period": period.previous_label,
        "year": period.start.year,
        "words": words,
    }


def _categories(centre: CentreFigures, places: int) -> list[dict[str, Any]]:
    return [
        {
            "name": normalise_text(c.name),
            "accepted": c.accepted,
            "completed": c.completed,
            "rate": rate(c.completed, c.accepted, places),
        }
        for c in centre.categories
        if c.accepted is not None
    ]


def _lines(centre: CentreFigures) -> list[CaseLine]:
    return [CaseLine(c.name, c.accepted, c.completed) for c in centre.categories]


def hall_cases(figures: PeriodFigures, words, units, reference: str) -> dict:
    hall = figures.hall
    given = [line for line in _lines(hall) if line.accepted is not None]
    places = units["rate_places"]
    return {
        **_period(figures.period, words),
        "total": sum(line.accepted for line in given) if given else None,
        "names": "、".join(normalise_text(line.name) for line in given),
        "details": case_clauses(given, places),
        "reference": reference,
        "categories": _categories(hall, places),
    }


def trades(figures: PeriodFigures, words, units) -> dict:
    unit, places = units["amount"], units["sentence_places"]
    trades = figures.trades
    return {
        **_period(figures.period, words),
        "unit": unit,
        "total_count": trades.total.count,
        "total_amount": format_amount(trades.total.amount, unit, places),
        "groups": [
            {
                "name": normalise_text(g.name),
                "measure_word": g.measure_word,
                "count": g.count,
                "amount": format_amount(g.amount, unit, places),
            }
            for g in trades.groups
        ],
    }


def _centre(centre: CentreFigures, period: Period, words) -> dict:
    return {
        **_period(period, words),
        "name": centre.name,
        "short_name": centre.short_name,
    }


def summary(centre: CentreFigures, period: Period, words, units) -> dict:
    places = units["rate_places"]
    return {
        **_centre(centre, period, words),
        "accepted": centre.accepted,
        "completed": centre.completed,
        "in_progress": centre.in_progress,
        "working_days": centre.working_days,
        "daily_average": daily_average(centre.accepted, centre.working_days),
        "rate": rate(centre.completed, centre.accepted, places),
        "comparison": comparison_clause(
            period, centre.accepted, centre.previous_accepted
        ),
        "details": case_clauses(_lines(centre), places),
        "categories": _categories(centre, places),
    }


_LEVELS = (
    ("very_satisfied", "非常满意"),
    ("satisfied", "满意"),
    ("basically_satisfied", "基本满意"),
    ("dissatisfied", "不满意"),
    ("very_dissatisfied", "非常不满意"),
)


def ratings(centre: CentreFigures, period: Period, words, units) -> dict:
    places = units["rate_places"]
    rows = [
        RatingFigures(
            r.channel,
            r.total,
            r.very_satisfied,
            r.satisfied,
            r.basically_satisfied,
            r.dissatisfied,
            r.very_dissatisfied,
        )
        for r in centre.ratings
    ]
    clauses = [rating_clause(r, places) for r in rows]
    return {
        **_centre(centre, period, words),
        "rating_clauses": [c for c in clauses if c],
        "channels": [
            {
                "channel": normalise_text(r.channel),
                "total": r.total,
                "rate": rate(
                    satisfied_count(
                        r.very_satisfied, r.satisfied, r.basically_satisfied
                    ),
                    r.total,
                    places,
                ),
                "levels": [
                    {"name": name, "count": getattr(r, attr)}
                    for attr, name in _LEVELS
                    if getattr(r, attr) is not None
                ],
            }
            for r in rows
        ],
    }


_NATURES = (
    ("help_requests", "求助类"),
    ("consultations", "咨询类"),
    ("complaints", "投诉类"),
    ("suggestions", "建议类"),
)


def hotline(centre: CentreFigures, period: Period, words, units) -> dict | None:
    h = centre.hotline
    if h is None:
        return None
    places = units["rate_places"]
    return {
        **_centre(centre, period, words),
        "area": normalise_text(centre.short_name),
        "received": h.received,
        "assigned": h.assigned,
        "reopened": h.redone,
        "completed": h.completed,
        "daily_average": daily_average(h.received, period.calendar_days),
        "natures": [
            {
                "name": name,
                "count": getattr(h, attr),
                "share": rate(getattr(h, attr), h.received, places),
            }
            for attr, name in _NATURES
            if getattr(h, attr) is not None
        ],
        "mailbox": _channel(h.mayor_mailbox_received, h.mayor_mailbox_completed),
        "messages": _channel(h.netizen_received, h.netizen_completed),
        "provincial": _channel(h.provincial_received, h.provincial_completed),
    }


def _channel(received: int | None, completed: int | None) -> dict:
    return {"received": received, "completed": completed}
