"""The values of the blocks that print defined figures (DESIGN 5.2–5.3):
levels with their intake channels, rankings, and a unit's figures.

Plain values, as ``values`` gives them: counts as ints, amounts as text in the
block's unit and sentence decimals, rates as text. A blank figure or option is
left out; a stated 0 is kept.
"""

from __future__ import annotations

from typing import Any

from bulletins.chinese import normalise_text
from bulletins.profiles.cases import of_centre
from bulletins.profiles.values import format_amount, period_values, rate, unit_values
from bulletins.selectors import CentreFigures, PeriodFigures
from submissions.defined import AMOUNT, DefinedFigure
from submissions.defined import ranking as rank_parts
from submissions.figures import daily_average


def _defined(centre: CentreFigures, code: str) -> DefinedFigure | None:
    return next((f for f in centre.defined if f.code == code), None)


def _channels(centre: CentreFigures, block: dict, places: int) -> list[dict]:
    """A unit's intake channels (窗口, 统一平台): the options of the block's
    accepted figure, each with its completed part and rate."""
    accepted = _defined(centre, block["accepted_figure"])
    if accepted is None:
        return []
    completed = _defined(centre, block["completed_figure"])
    done = {p.option_id: p.value for p in completed.parts} if completed else {}
    return [
        {
            "name": normalise_text(p.name),
            "accepted": p.value,
            "completed": done.get(p.option_id),
            "rate": rate(done.get(p.option_id), p.value, places),
        }
        for p in accepted.parts
        if p.value is not None
    ]


def _unit(centre: CentreFigures, block: dict, places: int, names) -> dict:
    cases = of_centre(centre, names)
    return {
        "name": centre.name,
        "short_name": centre.short_name,
        "accepted": cases.accepted,
        "completed": cases.completed,
        "rate": rate(cases.completed, cases.accepted, places),
        "channels": _channels(centre, block, places),
    }


def levels(figures: PeriodFigures, block: dict, words, units, names) -> dict:
    """Every parent unit (全州) with its printed case totals (stated, else its
    children's sum) and its child units, each with its intake channels;
    ``names``: the profile's ``cases``."""
    places = units["rate_places"]
    accepted, completed = names["accepted"], names["completed"]
    reporting = [c for c in (*figures.regions, figures.hall, *figures.centres) if c]
    by_name = {c.name: c for c in reporting}
    parents = {c.centre_id: c for c in reporting}
    return {
        **period_values(figures.period, words),
        "levels": [
            {
                "name": level.name,
                "short_name": parents[level.centre_id].short_name
                if level.centre_id in parents
                else level.name,
                "accepted": level.total(accepted),
                "completed": level.total(completed),
                "rate": rate(level.total(completed), level.total(accepted), places),
                "units": [
                    _unit(by_name[name], block, places, names)
                    for name in level.children
                    if name in by_name
                ],
            }
            for level in figures.levels
        ],
    }


def _ranking(figure: DefinedFigure, units) -> dict[str, Any] | None:
    """The ``rank_top`` options, largest first, ties said as such."""
    if not figure.rank_top:
        return None
    result = rank_parts(figure.parts, figure.rank_top)
    amount = figure.value_type == AMOUNT
    return {
        "top": figure.rank_top,
        "rows": [
            {
                "rank": r.rank,
                "name": normalise_text(r.name),
                "value": _value(r.value, amount, units),
                "tied": r.tied,
            }
            for r in result.rows
        ],
        "tied_beyond": result.tied_beyond,
    }


def _unit_of(figure: DefinedFigure, units) -> str:
    return units["amount"] if figure.value_type == AMOUNT else figure.unit


def rankings(figures: PeriodFigures, block: dict, words, units):
    """(unit id, context) for each unit reporting the block's figure with a
    ranking."""
    contexts = []
    for centre in (*figures.regions, figures.hall, *figures.centres):
        figure = centre and _defined(centre, block["figure"])
        if not figure or not figure.rank_top:
            continue
        context = {
            **unit_values(centre, figures.period, words),
            "figure": normalise_text(figure.name),
            "unit": _unit_of(figure, units),
            **_ranking(figure, units),
        }
        contexts.append((centre.centre_id, context))
    return contexts


def unit_figures(centre: CentreFigures, period, words, units) -> dict[str, Any]:
    """A unit's defined figures in definition order: the printed total (stated,
    else the parts' sum), whether it was stated, a count's daily average over
    the period's calendar days, the given parts with their share of the
    printed total, and the ranking when the definition has one; then its rate
    definitions' rates."""
    amount = {f.definition_id: f.value_type == AMOUNT for f in centre.defined}
    places = units["rate_places"]
    return {
        **unit_values(centre, period, words),
        "figures": [
            {
                "code": f.code,
                "name": normalise_text(f.name),
                "unit": _unit_of(f, units),
                "total": None
                if f.printed_total is None
                else _value(f.printed_total, amount[f.definition_id], units),
                "stated": f.total_is_stated,
                "daily_average": None
                if amount[f.definition_id]
                else daily_average(f.printed_total, period.calendar_days),
                "parts": [
                    {
                        "name": normalise_text(p.name),
                        "value": _value(p.value, amount[f.definition_id], units),
                        "share": rate(p.value, f.printed_total, places),
                    }
                    for p in f.parts
                    if p.value is not None
                ],
                "ranking": _ranking(f, units),
            }
            for f in centre.defined
        ],
        "rates": [
            {"code": r.code, "name": normalise_text(r.name), "rate": _rate_text(r)}
            for r in centre.rates
        ],
    }


def _rate_text(rate) -> str:
    """A rate definition's figure as printed; "" when it cannot be stated (a
    side blank, or nothing to rate)."""
    return rate.text if rate.denominator else ""


def _value(value, amount: bool, units) -> int | str:
    """A count as is; an amount as text in the block's unit."""
    if not amount:
        return value
    return format_amount(value, units["amount"], units["sentence_places"])
