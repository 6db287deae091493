"""The attachments a profile lists: 附件N with its title, meta line and table.

Tables keep blanks blank and print 0; rates print "—" for 0 of 0; amounts are
rounded half-up in the attachment's unit from exact sums, the 合计 row from the
exact total, never summed from rounded parts.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bulletins.document import Attachment, Cell, Column, Table
from bulletins.profiles.library import COLUMNS
from bulletins.profiles.sandbox import render
from bulletins.profiles.values import format_amount
from bulletins.selectors import PeriodFigures, sum_given
from bureaus.units import AMOUNT_UNITS
from submissions.defined import DefinedFigure, aggregate
from submissions.figures import format_percent

TOTALS = "合计"
# Open data names the amount column by its unit's power of ten (附件2's, in
# 亿元, was always amount_yi).
_AMOUNT_KEYS = {0: "amount_yuan", 4: "amount_wan", 8: "amount_yi"}
_ALIGN = {"number": "center", "note": "left", "option": "left", "category": "left"}
# The attachment key of a figure table (the 详见附件N of the hall's paragraph).
FIGURE_TABLE = "figure_table"


def attachments(
    figures: PeriodFigures, profile: dict[str, Any], context: dict[str, Any]
) -> list[Attachment]:
    """The profile's attachments that have something to show, labelled 附件1, 2 …"""
    result = []
    for spec in profile["attachments"]:
        units = {**profile["units"], **spec.get("units", {})}
        values = {**context, "unit": units["amount"]}
        table = _TABLES[spec["kind"]](figures, units, _columns(spec, values), spec)
        if table is None:
            continue
        result.append(
            Attachment(
                label=f"附件{len(result) + 1}",
                title=render(spec["title"], values),
                table=table,
                meta=render(spec.get("meta", ""), values),
                key="trades" if spec["kind"] == "trade_table" else FIGURE_TABLE,
            )
        )
    return result


def _columns(spec: dict, values: dict) -> list[Column]:
    if spec["kind"] == "figure_table":
        return [
            Column(
                render(column["label"], values),
                align=_ALIGN.get(column.get("key"), "right"),
                key=column.get("key") or column.get("figure") or column["rate"],
            )
            for column in spec["columns"]
        ]
    return [
        Column(
            render(label, values),
            align=_ALIGN.get(key, "right"),
            key=_AMOUNT_KEYS[AMOUNT_UNITS[values["unit"]]] if key == "amount" else key,
        )
        # In the library's order: a profile read back from PostgreSQL's jsonb
        # has its keys sorted.
        for key, label in ((k, spec["columns"][k]) for k in COLUMNS[spec["kind"]])
    ]


def _count_cell(value: int | None) -> Cell:
    """Blank stays blank, 0 is printed."""
    return Cell("" if value is None else str(value), value)


def _rate_cell(part: int | None, whole: int | None, places: int) -> Cell:
    """The rate without its %, which the column header carries; 0 of 0 is —."""
    if part is None or whole is None:
        return Cell("")
    return Cell(format_percent(part, whole, places=places).removesuffix("%"))


def _figure_table(figures: PeriodFigures, units, columns, spec) -> Table | None:
    """One row per option of the spec's breakdown (active, or with a figure),
    a column per definition or rate named by code, and a 合计 row of the sums;
    each figure summed over the units that report it. A rate is its numerator's
    figure over its denominator's, row by row. Nothing given: no table."""
    found = _figures_by_code(figures)
    codes = {f.definition_id: code for code, f in found.items()}
    given = {
        (code, part.option_id): part.value
        for code, f in found.items()
        for part in f.parts
        if part.value is not None
    }
    options = [
        o
        for o in figures.breakdowns.get(spec["breakdown"], ())
        if o.is_active or any(key[1] == o.option_id for key in given)
    ]
    notes = {o.option_id: figures.notes.get(o.option_id, "") for o in options}
    ids = {o.option_id for o in options}
    if not any(key[1] in ids for key in given) and not any(notes.values()):
        return None
    rates = {r.code: r for r in figures.rate_specs}

    def cells(at, first: list[Cell], note: str) -> list[Cell]:
        row = []
        for column in spec["columns"]:
            key = column.get("key")
            if key is not None:
                row.append(
                    {"number": first[0], "option": first[1]}.get(key, Cell(note))
                )
            elif "figure" in column:
                row.append(_count_cell(at(column["figure"])))
            else:
                rate = rates.get(column["rate"])
                top = at(codes.get(rate.numerator_id)) if rate else None
                bottom = at(codes.get(rate.denominator_id)) if rate else None
                row.append(_rate_cell(top, bottom, rate.places if rate else 0))
        return row

    rows = [
        cells(
            lambda code, pk=o.option_id: given.get((code, pk)),
            [Cell(str(n), n), Cell(o.name)],
            notes[o.option_id],
        )
        for n, o in enumerate(options, start=1)
    ]
    totals = {code: sum_given(given.get((code, pk)) for pk in ids) for code in found}
    return Table(
        columns=columns,
        rows=rows,
        totals=cells(totals.get, [Cell(TOTALS), Cell("")], ""),
        totals_span=2,
    )


def _figures_by_code(figures: PeriodFigures) -> dict[str, DefinedFigure]:
    """Each definition's figures summed over the units that report them."""
    by_code: dict[str, list[DefinedFigure]] = {}
    for unit in (figures.hall, *figures.centres):
        for figure in unit.defined if unit else ():
            by_code.setdefault(figure.code, []).append(figure)
    return {code: aggregate(found) for code, found in by_code.items()}


def exact_amount(amount: Decimal | None, unit: str) -> str | None:
    """The exact amount in ``unit`` as a decimal string (the cell's value)."""
    if amount is None:
        return None
    value = Decimal(amount).scaleb(-AMOUNT_UNITS[unit])
    return "0" if value == 0 else f"{value.normalize():f}"


def _trade_table(figures: PeriodFigures, units, columns, spec) -> Table:
    """The leaf categories, then 合计 rounded from the exact total; a count-only
    category's amount is left empty, one reported beside the total is noted
    with the attachment's ``beside_total_note``."""
    trades, unit, places = figures.trades, units["amount"], units["table_places"]

    def amount(value):
        return Cell(format_amount(value, unit, places), exact_amount(value, unit))

    rows = [
        [
            Cell(str(n), n),
            Cell(leaf.label),
            _count_cell(leaf.count),
            amount(leaf.amount) if leaf.amount_printed else Cell(""),
            Cell("" if leaf.in_total else spec["beside_total_note"]),
        ]
        for n, leaf in enumerate(trades.leaves, start=1)
    ]
    totals = [
        Cell(TOTALS),
        Cell(""),
        _count_cell(trades.total.count),
        amount(trades.total.amount),
        Cell(""),
    ]
    return Table(columns=columns, rows=rows, totals=totals, totals_span=2)


_TABLES = {"figure_table": _figure_table, "trade_table": _trade_table}
