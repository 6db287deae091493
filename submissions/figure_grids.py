"""Definitions that share a breakdown, shown as one grid: a row per option
(after a row for the totals when they have them: 受理 and 办结 by 办件类别), a
column per definition, and a 备注 column when the breakdown takes notes (the
hall's 附件1). The clerk's form and the editor's review show the same grid.
"""

from __future__ import annotations

from dataclasses import dataclass

from .defined import DefinedFigure, value_text

TOTAL_ROW = "总数"


def grid_key(definition) -> tuple:
    """Definitions of one grid share a breakdown and whether they have a total."""
    return (definition.breakdown_id, definition.has_total)


def grids(definitions) -> dict[tuple, list]:
    """``grid_key`` → the definitions on a breakdown, when they are two or
    more (受理 and 办结 by 办件类别; the rating channels by 评价等级) or the
    breakdown takes notes (one grid each). Those with a total and those
    without are apart: a grid's 总数 row has a cell in every column."""
    found: dict[tuple, list] = {}
    for definition in definitions:
        if definition.breakdown_id is not None:
            found.setdefault(grid_key(definition), []).append(definition)
    return {
        key: group
        for key, group in found.items()
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
    """The grids of a stored report's figures, definitions (columns) and
    options (rows) with no figure and no note left out (a unit states one
    rating channel of four), and the ids of the definitions they show."""
    result, shown = [], set()
    for group in grids(definitions).values():
        shown.update(d.pk for d in group)
        breakdown = group[0].breakdown
        options = {o.pk: o for d in group for o in d.active_options}
        columns = [d for d in group if d.pk in defined]
        values = {}
        for definition in columns:
            figure = defined[definition.pk]
            for part in figure.parts:
                options.setdefault(part.option_id, part)
                if part.value is not None:
                    values[definition.pk, part.option_id] = _cell(figure, part.value)
        rows = []
        totals = tuple(
            "" if (f := defined[d.pk]).total is None else _cell(f, f.total)
            for d in columns
        )
        if any(totals):
            rows.append(GridRow(TOTAL_ROW, totals))
        for option in sorted(
            options.values(), key=lambda o: (o.order, getattr(o, "pk", 0))
        ):
            pk = getattr(option, "pk", None) or option.option_id
            cells = tuple(values.get((d.pk, pk), "") for d in columns)
            if any(cells) or notes.get(pk):
                rows.append(GridRow(option.name, cells, notes.get(pk, "")))
        if rows:
            result.append(
                Grid(
                    breakdown.name,
                    tuple(f"{d.name}（{d.unit}）" for d in columns),
                    tuple(rows),
                    breakdown.has_note,
                )
            )
    return result, shown


def _cell(figure: DefinedFigure, value) -> str:
    """A grid cell: the figure with no unit (the column names it)."""
    return value_text(figure, value).removesuffix(figure.unit)
