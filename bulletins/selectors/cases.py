"""A unit's case figures (受理, 办结, 正在办理 by 办件类别) as the centre's
paragraphs state them, read from its defined figures.

Part of ``bulletins.selectors``; no queries. The case figures are the figure
definitions migration ``submissions/0023`` and the starter packs give every
bureau; the centre's summary, the hall's categories, the levels and open data
read them by these codes (a profile naming them per block is issue 14's next
step, docs/figures.md).
"""

from __future__ import annotations

from collections.abc import Iterable

from submissions.defined import DefinedFigure
from submissions.figure_types import CategoryFigures

ACCEPTED = "cases_accepted"
COMPLETED = "cases_completed"
IN_PROGRESS = "cases_in_progress"
CODES = (ACCEPTED, COMPLETED, IN_PROGRESS)


def by_code(defined: Iterable[DefinedFigure]) -> dict[str, DefinedFigure]:
    return {f.code: f for f in defined if f.code in CODES}


def total(defined: Iterable[DefinedFigure], code: str):
    """The stated total of the case figure ``code`` (None: not stated)."""
    figure = by_code(defined).get(code)
    return figure.total if figure is not None else None


def categories(found: dict[str, DefinedFigure]) -> tuple[CategoryFigures, ...]:
    """受理 and 办结 by option (办件类别), in the options' order; an option
    with either figure stated is there."""
    accepted, completed = found.get(ACCEPTED), found.get(COMPLETED)
    options: dict[int, tuple] = {}
    for figure in (accepted, completed):
        for part in figure.parts if figure else ():
            options.setdefault(part.option_id, (part.order, part.name))
    values = {
        code: {p.option_id: p.value for p in figure.parts} if figure else {}
        for code, figure in ((ACCEPTED, accepted), (COMPLETED, completed))
    }
    return tuple(
        CategoryFigures(
            option_id,
            name,
            values[ACCEPTED].get(option_id),
            values[COMPLETED].get(option_id),
        )
        for option_id, (_order, name) in sorted(
            options.items(), key=lambda kv: (kv[1][0], kv[0])
        )
    )


def centre_cases(defined: Iterable[DefinedFigure]) -> dict:
    """``CentreFigures``' case fields (but ``previous_accepted``) from a
    unit's defined figures of the period (正在办理 is a stock: ``aggregate``
    took the latest)."""
    found = by_code(defined)

    def stated(code):
        return found[code].total if code in found else None

    return {
        "accepted": stated(ACCEPTED),
        "completed": stated(COMPLETED),
        "in_progress": stated(IN_PROGRESS),
        "categories": categories(found),
    }
