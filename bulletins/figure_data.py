"""Open data of defined figures, unit levels and year-to-date totals.

JSON-safe values: counts as ints (None = blank), amounts as exact 元 strings,
rates as the printed text recomputed from the sums.
"""

from __future__ import annotations

from typing import Any

from submissions.defined import AMOUNT, DefinedFigure, ranking
from submissions.figures import daily_average, format_percent
from submissions.rates import RateFigure

from .profiles.cases import unit_cases
from .selectors import LevelFigures, YearToDate


def _value(figure: DefinedFigure, value) -> Any:
    if value is None:
        return None
    return f"{value:f}" if figure.value_type == AMOUNT else value


def defined_data(
    figure: DefinedFigure, calendar_days: int | None = None
) -> dict[str, Any]:
    """A figure's open data; with ``calendar_days``, a count's daily average
    over the period's calendar days (as 海东's 12345 paragraph prints it)."""
    data = {
        "code": figure.code,
        "name": figure.name,
        "value_type": figure.value_type,
        "unit": "元" if figure.value_type == AMOUNT else figure.unit,
        "total": _value(figure, figure.printed_total),
        "total_is_stated": figure.total_is_stated,
        "parts_sum": _value(figure, figure.parts_sum),
        "parts": [
            {"name": p.name, "value": _value(figure, p.value)} for p in figure.parts
        ],
    }
    if calendar_days is not None and figure.value_type != AMOUNT:
        data["daily_average"] = daily_average(figure.printed_total, calendar_days)
    if figure.rank_top:
        result = ranking(figure.parts, figure.rank_top)
        data["ranking"] = {
            "top": figure.rank_top,
            "rows": [
                {
                    "rank": r.rank,
                    "name": r.name,
                    "value": _value(figure, r.value),
                    "tied": r.tied,
                }
                for r in result.rows
            ],
            "tied_beyond": result.tied_beyond,
        }
    return data


def rate_data(rate: RateFigure) -> dict[str, Any]:
    """A rate with the two sums it is the ratio of (recomputed, never averaged)."""
    return {
        "code": rate.code,
        "name": rate.name,
        "numerator": _number(rate.numerator),
        "denominator": _number(rate.denominator),
        "rate": rate.text or None,
    }


def _number(value) -> Any:
    """Counts as ints, amounts (Decimal) as exact strings, blank as None."""
    if value is None or isinstance(value, int):
        return value
    return f"{value:f}"


def level_data(level: LevelFigures, names: dict[str, str]) -> dict[str, Any]:
    """A parent unit's case totals (``names``: the profile's ``cases``), stated
    beside summed, and whether any of its figures' totals differ."""
    accepted, completed = names["accepted"], names["completed"]
    return {
        "centre_id": level.centre_id,
        "name": level.name,
        "children": list(level.children),
        "accepted": _number(level.total(accepted)),
        "accepted_is_stated": level.is_stated(accepted),
        "stated_accepted": _number(level.stated.get(accepted)),
        "summed_accepted": _number(level.summed.get(accepted)),
        "completed": _number(level.total(completed)),
        "stated_completed": _number(level.stated.get(completed)),
        "summed_completed": _number(level.summed.get(completed)),
        "completion_rate": format_percent(level.total(completed), level.total(accepted))
        or None,
        "mismatch": bool(level.mismatches),
    }


def year_to_date_data(
    to_date: YearToDate | None, names: dict[str, str]
) -> dict[str, Any] | None:
    """``names``: the profile's ``cases``."""
    if to_date is None:
        return None
    cases = unit_cases(to_date.defined, (), names)
    accepted, completed = cases.accepted, cases.completed
    return {
        "label": to_date.label,
        "months": [m.isoformat() for m in to_date.months],
        "complete": to_date.complete,
        "accepted": _number(accepted),
        "completed": _number(completed),
        "completion_rate": format_percent(completed, accepted) or None,
        "figures": [
            {**defined_data(f), "to_date_stated": f.code in to_date.stated}
            for f in to_date.defined
        ],
        "rates": [rate_data(r) for r in to_date.rates],
        # Every month stored, yet the unit stated another 1至本月 total.
        "stated_beside": [
            {"code": code, "stated_total": _number(total)}
            for code, total in to_date.stated_beside
        ],
    }
