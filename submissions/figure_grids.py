"""Definitions without a total that share a breakdown, shown as one grid: a
row per option, a column per definition, and a 备注 column when the
breakdown takes notes (the hall's 附件1). The clerk's form and the editor's
review show the same grid.
"""

from __future__ import annotations

from dataclasses import dataclass

from .defined import DefinedFigure, value_text


def grids(definitions) -> dict[int, list]:
    """Breakdown id → the total-less definitions on it, when they are two or
    more or the breakdown takes notes (one grid each)."""
    found: dict[int, list] = {}
    for definition in definitions:
        if definition.breakdown_id is not None and not definition.has_total:
            found.setdefault(definition.breakdown_id, []).append(definition)
    return {
        pk: group
        for pk, group in found.items()
        if len(group) > 1 or group[0].breakdown.has_note
    }


@dataclass(frozen=True)
class GridRow:
    name: str
    cells: tuple[str, ...]  # each definition's figure with no unit; "" blank
    note: str = ""


@dataclass(frozen=True)
class Grid:
    breakdown: str
    columns: tuple[str, ...]  # 行政许可事项受理（件）
    rows: tuple[GridRow, ...]
    has_note: bool = False


def review_grids(
    definitions, defined: dict[int, DefinedFigure], notes: dict[int, str]
) -> tuple[list[Grid], set[int]]:
    """The grids of a stored report's figures, options with no figure and no
    note left out, and the ids of the definitions they show."""
    result, shown = [], set()
    for group in grids(definitions).values():
        breakdown = group[0].breakdown
        options = {o.pk: o for d in group for o in d.active_options}
        values = {}
        for definition in group:
            figure = defined.get(definition.pk)
            for part in figure.parts if figure else ():
                options.setdefault(part.option_id, part)
                if part.value is not None:
                    text = value_text(figure, part.value).removesuffix(figure.unit)
                    values[definition.pk, part.option_id] = text
        rows = []
        for option in sorted(
            options.values(), key=lambda o: (o.order, getattr(o, "pk", 0))
        ):
            pk = getattr(option, "pk", None) or option.option_id
            cells = tuple(values.get((d.pk, pk), "") for d in group)
            if any(cells) or notes.get(pk):
                rows.append(GridRow(option.name, cells, notes.get(pk, "")))
        if rows:
            result.append(
                Grid(
                    breakdown.name,
                    tuple(f"{d.name}（{d.unit}）" for d in group),
                    tuple(rows),
                    breakdown.has_note,
                )
            )
        shown.update(d.pk for d in group)
    return result, shown
