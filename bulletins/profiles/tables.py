"""The attachments a profile lists: 附件N with its title, meta line and table.

Tables keep blanks blank and print 0; rates print "—" for 0 of 0; amounts are
rounded half-up in the attachment's unit from exact sums, the 合计 row from the
exact total, never summed from rounded parts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from bulletins.document import Attachment, Cell, Column, Table
from bulletins.profiles.library import COLUMNS
from bulletins.profiles.sandbox import render
from bulletins.profiles.values import format_amount
from bulletins.selectors import DepartmentFigures, PeriodFigures, sum_given
from bureaus.units import AMOUNT_UNITS
from submissions.figures import format_percent

TOTALS = "合计"
# Open data names the amount column by its unit's power of ten (附件2's, in
# 亿元, was always amount_yi).
_AMOUNT_KEYS = {0: "amount_yuan", 4: "amount_wan", 8: "amount_yi"}
_ALIGN = {"number": "center", "note": "left", "department": "left", "category": "left"}


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
                key="departments" if spec["kind"] == "department_table" else "trades",
            )
        )
    return result


def _columns(spec: dict, values: dict) -> list[Column]:
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


def _department_cells(
    number: Cell, name: str, row: dict, note: str, places
) -> list[Cell]:
    return [
        number,
        Cell(name),
        _count_cell(row["licensing_accepted"]),
        _count_cell(row["licensing_completed"]),
        _rate_cell(row["licensing_completed"], row["licensing_accepted"], places),
        _count_cell(row["service_accepted"]),
        _count_cell(row["service_completed"]),
        _rate_cell(row["service_completed"], row["service_accepted"], places),
        Cell(note),
    ]


def _department_table(figures: PeriodFigures, units, columns, spec) -> Table | None:
    """One row per department of the hall, blanks blank, and a 合计 row of the sums."""
    if figures.hall is None or not figures.departments:
        return None
    places = units["rate_places"]
    rows = [
        _department_cells(Cell(str(n), n), d.name, asdict(d), d.note, places)
        for n, d in enumerate(figures.departments, start=1)
    ]
    totals = department_totals(figures.departments)
    return Table(
        columns=columns,
        rows=rows,
        totals=_department_cells(Cell(TOTALS), "", totals, "", places),
        totals_span=2,
    )


def department_totals(rows: Sequence[DepartmentFigures]) -> dict[str, int | None]:
    """Column sums; a column blank in every row stays blank."""
    return {
        field: sum_given(getattr(r, field) for r in rows)
        for field in (
            "licensing_accepted",
            "licensing_completed",
            "service_accepted",
            "service_completed",
        )
    }


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


_TABLES = {"department_table": _department_table, "trade_table": _trade_table}
