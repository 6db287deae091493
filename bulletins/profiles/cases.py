"""The case figures (受理, 办结, 正在办理 by 办件类别) a profile's paragraphs
state: the centre's summary, the hall's categories, the levels and open data
find them by the codes the profile's ``cases`` names (docs/profiles.md), so a
bureau whose definitions have other codes names them there, with no code
change. A blank code: the profile states no such figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from submissions.defined import DefinedFigure, Value
from submissions.figure_types import CategoryFigures

# The keys of a profile's ``cases``, with how the profile editor names them.
ROLES = {"accepted": "受理", "completed": "办结", "in_progress": "正在办理"}


@dataclass(frozen=True)
class Cases:
    """A unit's case figures as its paragraphs state them (None: not stated)."""

    accepted: Value | None = None
    completed: Value | None = None
    in_progress: Value | None = None
    previous_accepted: Value | None = None
    categories: tuple[CategoryFigures, ...] = ()


def codes(profile: dict[str, Any]) -> set[str]:
    """The codes of the figures the profile states as cases."""
    return {code for code in profile["cases"].values() if code}


def _figure(defined: Iterable[DefinedFigure], code: str) -> DefinedFigure | None:
    return next((f for f in defined if code and f.code == code), None)


def _stated(figure: DefinedFigure | None) -> Value | None:
    return figure.total if figure is not None else None


def categories(
    accepted: DefinedFigure | None, completed: DefinedFigure | None
) -> tuple[CategoryFigures, ...]:
    """受理 and 办结 by option (办件类别), in the options' order; an option
    with either figure stated is there."""
    options: dict[int, tuple] = {}
    for figure in (accepted, completed):
        for part in figure.parts if figure else ():
            options.setdefault(part.option_id, (part.order, part.name))
    of_accepted, of_completed = (
        {p.option_id: p.value for p in figure.parts} if figure else {}
        for figure in (accepted, completed)
    )
    return tuple(
        CategoryFigures(
            option_id, name, of_accepted.get(option_id), of_completed.get(option_id)
        )
        for option_id, (_order, name) in sorted(
            options.items(), key=lambda kv: (kv[1][0], kv[0])
        )
    )


def unit_cases(
    defined: Iterable[DefinedFigure],
    previous: Iterable[DefinedFigure],
    names: dict[str, str],
) -> Cases:
    """A unit's case figures of the period from its ``defined`` figures (正在办理
    is a stock: ``aggregate`` took the latest) and the previous period's
    printed 受理; ``names``: the profile's ``cases``."""
    defined = tuple(defined)
    accepted = _figure(defined, names["accepted"])
    completed = _figure(defined, names["completed"])
    before = _figure(previous, names["accepted"])
    return Cases(
        accepted=_stated(accepted),
        completed=_stated(completed),
        in_progress=_stated(_figure(defined, names["in_progress"])),
        previous_accepted=before.printed_total if before is not None else None,
        categories=categories(accepted, completed),
    )


def of_centre(centre, names: dict[str, str]) -> Cases:
    """``unit_cases`` of a ``CentreFigures``."""
    return unit_cases(centre.defined, centre.previous, names)
