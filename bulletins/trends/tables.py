"""The trends page's tables: one per chart of a series, stating its data."""

from __future__ import annotations

from dataclasses import dataclass

from bulletins.trends.series import INCOMPLETE_MARK, TrendSeries
from transactions.amounts import format_amount


@dataclass(frozen=True)
class ChartTable:
    """One chart of a series and the table that states its data."""

    key: str
    title: str
    columns: tuple[str, ...]
    # (period label, issue address, cells as printed; "" = blank)
    rows: tuple[tuple[str, tuple, tuple[str, ...]], ...]
    code: str = ""  # a charted figure's code (the profile's ``charts``)


def _cell(value: int | None) -> str:
    return "" if value is None else str(value)


def chart_tables(series: TrendSeries, unit: str, places: int) -> list[ChartTable]:
    """The charts of a series, each with its table: cases, completion rate,
    each centre's accepted cases, trades (amounts in ``unit`` to ``places``),
    and each figure the series' profile charts that some issue states."""

    def table(key, title, columns, cells, code=""):
        rows = tuple(
            (
                f"{p.label}{INCOMPLETE_MARK if p.incomplete else ''}",
                p.address,
                tuple(cells(p)),
            )
            for p in series.points
        )
        return ChartTable(key, title, tuple(columns), rows, code)

    charts = [
        table(
            "cases",
            "受理与办结件数",
            ["受理（件）", "办结（件）"],
            lambda p: [_cell(p.accepted), _cell(p.completed)],
        ),
        table(
            "rate",
            "办结率",
            ["办结率", "计入的受理（件）", "计入的办结（件）"],
            lambda p: [
                p.completion_rate,
                _cell(p.rate_accepted),
                _cell(p.rate_completed),
            ],
        ),
    ]
    if series.centres:
        charts.append(
            table(
                "centres",
                "各报送单位受理件数",
                [f"{c.name}（件）" for c in series.centres],
                lambda p: [_cell(p.centres.get(c.id)) for c in series.centres],
            )
        )
    if series.has_trades:
        charts.append(
            table(
                "trades",
                "公共资源交易",
                ["交易项目数（个）", f"交易金额（{unit}）"],
                lambda p: [
                    _cell(p.trades_count),
                    format_amount(p.trades_amount_yuan, unit, places),
                ],
            )
        )
    for chart in series.charted:
        charts.append(
            table(
                f"figure-{chart.code}",
                chart.name,
                [f"{chart.name}（{chart.unit}）"],
                lambda p, code=chart.code: [_cell(p.figures.get(code))],
                code=chart.code,
            )
        )
    return charts
