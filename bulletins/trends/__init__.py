"""Trends across issues (DESIGN 3.9), from published issues' snapshots only.

Every point is what a published issue stated in its current revision (a
correction replaces it), read from the snapshot's ``figures``; never live data,
which may hold reports approved, reopened or corrected since. The arithmetic is
pure and exact: totals are sums of the stated counts (blanks skipped, all blank
stays blank), the completion rate is recomputed from the sums, never averaged:

    >>> units = [{"accepted": 10, "completed": 9}, {"accepted": 0, "completed": 0}]
    >>> case_totals(units), completion_rate(units)
    ((10, 9), ('90%', Decimal('90.00')))

``published_points`` reads every published issue's figures in one query (JSON
key lookups on the snapshot, so the rest of the 36 KB document stays in the
database); ``build_series`` groups them into one time series per series and
frequency.
"""

from bulletins.trends.arithmetic import (
    amount_in,
    amount_yi,
    case_totals,
    completion_rate,
    figure_total,
    rate_base,
    trade_total,
    unit_completed,
)
from bulletins.trends.series import (
    FREQUENCY_LABELS,
    ROW_FIELDS,
    Centre,
    FigureChart,
    Point,
    TrendSeries,
    as_json,
    build_series,
    point,
    published_points,
    published_series,
)
from bulletins.trends.tables import ChartTable, chart_tables

__all__ = [
    "FREQUENCY_LABELS",
    "ROW_FIELDS",
    "Centre",
    "ChartTable",
    "FigureChart",
    "Point",
    "TrendSeries",
    "amount_in",
    "amount_yi",
    "as_json",
    "build_series",
    "case_totals",
    "chart_tables",
    "completion_rate",
    "figure_total",
    "point",
    "published_points",
    "published_series",
    "rate_base",
    "trade_total",
    "unit_completed",
]
