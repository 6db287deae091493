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

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from bulletins.periods import period_for
from submissions.figures import (
    PERCENT_PLACES,
    format_percent,
    ratio_percent,
    round_half_up,
)
from transactions.amounts import TABLE_PLACES, format_yi, to_yi

FREQUENCY_LABELS = {"monthly": "月度", "quarterly": "季度"}

# The query's columns, in order: the issue, then JSON paths into its snapshot.
ROW_FIELDS = (
    "series_id",
    "series__title",
    "frequency",
    "period_start",
    "number",
    "revision",
    "snapshot__figures__hall",
    "snapshot__figures__centres",
    "snapshot__figures__trades__total",
)


# --- pure arithmetic --------------------------------------------------------------


def _count(value: Any) -> int | None:
    """A stated count, or None for blank (or anything that is not an int)."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def _sum(values: Iterable[int | None]) -> int | None:
    """Sum of the stated values; None when every one is blank.

    >>> _sum([1, None, 2]), _sum([None]), _sum([0, None])
    (3, None, 0)
    """
    given = [v for v in values if v is not None]
    return sum(given) if given else None


def unit_completed(unit: Mapping[str, Any]) -> int | None:
    """A hall's or centre's completed cases: as stated, or, when the total is
    blank, the sum of its categories' when they state every figure and add up
    to its accepted total (the seed's hall states 办结 only per category).

    >>> unit_completed({"accepted": 5, "completed": None, "categories": [
    ...     {"accepted": 2, "completed": 2}, {"accepted": 3, "completed": 1}]})
    3
    >>> unit_completed({"accepted": 9, "completed": None, "categories": [
    ...     {"accepted": 2, "completed": 2}]}) is None
    True
    """
    stated = _count(unit.get("completed"))
    if stated is not None:
        return stated
    categories = [c for c in unit.get("categories") or [] if isinstance(c, Mapping)]
    pairs = [
        (_count(c.get("accepted")), _count(c.get("completed"))) for c in categories
    ]
    if not pairs or any(a is None or c is None for a, c in pairs):
        return None
    if sum(a for a, _ in pairs) != _count(unit.get("accepted")):
        return None
    return sum(c for _, c in pairs)


def case_totals(units: Iterable[Mapping[str, Any]]) -> tuple[int | None, int | None]:
    """Accepted and completed cases summed over the hall and the centres.

    >>> case_totals([{"accepted": 5, "completed": None}, {"accepted": None}])
    (5, None)
    """
    units = list(units)
    return (
        _sum(_count(u.get("accepted")) for u in units),
        _sum(unit_completed(u) for u in units),
    )


def rate_base(units: Iterable[Mapping[str, Any]]) -> tuple[int | None, int | None]:
    """Accepted and completed cases of the units that state both: the base of
    the completion rate, so a centre that left 办结 blank does not pull it down.

    >>> rate_base([{"accepted": 5, "completed": 4}, {"accepted": 3}])
    (5, 4)
    >>> rate_base([{"accepted": 3, "completed": None}])
    (None, None)
    """
    pairs = [(_count(u.get("accepted")), unit_completed(u)) for u in units]
    pairs = [(a, c) for a, c in pairs if a is not None and c is not None]
    if not pairs:
        return None, None
    return sum(a for a, _ in pairs), sum(c for _, c in pairs)


def completion_rate(
    units: Iterable[Mapping[str, Any]],
) -> tuple[str, Decimal | None]:
    """The overall completion rate from ``rate_base``, printed and as a number
    rounded half-up. 0 of 0 is ``—`` (nothing to rate), no unit with both
    counts is blank (``""``):

    >>> completion_rate([{"accepted": 268, "completed": 185}])
    ('69.03%', Decimal('69.03'))
    >>> completion_rate([{"accepted": 0, "completed": 0}])
    ('—', None)
    >>> completion_rate([{"accepted": 3, "completed": None}])
    ('', None)
    """
    accepted, completed = rate_base(units)
    if accepted is None:
        return "", None
    ratio = ratio_percent(completed, accepted)
    value = None if ratio is None else round_half_up(ratio, PERCENT_PLACES)
    return format_percent(completed, accepted), value


def hotline_received(units: Iterable[Mapping[str, Any]]) -> int | None:
    """12345 calls received, summed over the units that report the hotline.

    >>> hotline_received([{"hotline": {"received": 7}}, {"hotline": None}, {}])
    7
    >>> hotline_received([{"hotline": None}]) is None
    True
    """
    return _sum(
        _count((u.get("hotline") or {}).get("received"))
        for u in units
        if isinstance(u.get("hotline"), Mapping)
    )


def trade_total(total: Mapping[str, Any] | None) -> tuple[int | None, Decimal | None]:
    """The count and exact yuan amount of a period's public-resource trades.

    >>> trade_total({"count": 12, "amount_yuan": "772660000.00"})
    (12, Decimal('772660000.00'))
    >>> trade_total(None)
    (None, None)
    """
    if not isinstance(total, Mapping):
        return None, None
    amount = total.get("amount_yuan")
    try:
        yuan = None if amount in (None, "") else Decimal(str(amount))
    except InvalidOperation:
        yuan = None
    if yuan is not None and (not yuan.is_finite() or yuan < 0):
        yuan = None
    return _count(total.get("count")), yuan


def amount_yi(yuan: Decimal | None) -> Decimal | None:
    """亿元 rounded half-up to the tables' four places (the chart's value).

    >>> amount_yi(Decimal("772660000")), amount_yi(None)
    (Decimal('7.7266'), None)
    """
    return None if yuan is None else round_half_up(to_yi(yuan), TABLE_PLACES)


# --- series ---------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    """One published issue's figures for one period."""

    key: str
    label: str
    issue: int
    revision: int
    accepted: int | None
    completed: int | None
    completion_rate: str
    completion_rate_value: Decimal | None
    # the counts the rate is computed from (units stating both)
    rate_accepted: int | None
    rate_completed: int | None
    trades_count: int | None
    trades_amount_yuan: Decimal | None
    hotline_received: int | None
    # centre id → accepted (None: the centre is in the issue, its figure blank)
    centres: dict[int, int | None] = field(default_factory=dict)

    @property
    def trades_amount_yi(self) -> str:
        """As the bulletin's tables print it: ``7.7266``, ``0``, ``不足0.0001``."""
        return format_yi(self.trades_amount_yuan, TABLE_PLACES)


@dataclass(frozen=True)
class Centre:
    id: int
    name: str


@dataclass(frozen=True)
class TrendSeries:
    """One series' points in period order, and the centres that appear in it."""

    series_id: int
    title: str
    frequency: str
    points: tuple[Point, ...]
    centres: tuple[Centre, ...]

    @property
    def key(self) -> str:
        return f"{self.series_id}-{self.frequency}"

    @property
    def frequency_label(self) -> str:
        return FREQUENCY_LABELS.get(self.frequency, self.frequency)

    @property
    def has_hotline(self) -> bool:
        return any(p.hotline_received is not None for p in self.points)

    @property
    def has_trades(self) -> bool:
        return any(p.trades_count is not None for p in self.points)

    def centre_values(self, centre_id: int) -> list[int | None]:
        return [p.centres.get(centre_id) for p in self.points]

    @property
    def span(self) -> str:
        """``2021年6月至2023年5月`` (one period: just its label)."""
        first, last = self.points[0].label, self.points[-1].label
        return first if first == last else f"{first}至{last}"

    @property
    def charts(self) -> list[ChartTable]:
        return chart_tables(self)


def _units(hall: Any, centres: Any) -> list[Mapping[str, Any]]:
    units = [hall] if isinstance(hall, Mapping) else []
    if isinstance(centres, list):
        units += [c for c in centres if isinstance(c, Mapping)]
    return units


def point(
    *,
    period_start: date,
    frequency: str,
    number: int,
    revision: int,
    hall: Any,
    centres: Any,
    trades: Any,
) -> Point:
    """A period's point from an issue's snapshot figures (any part may be
    missing: an issue without an approved hall report has no ``hall``)."""
    period = period_for(period_start, frequency)
    units = _units(hall, centres)
    accepted, completed = case_totals(units)
    rate, rate_value = completion_rate(units)
    rate_accepted, rate_completed = rate_base(units)
    count, yuan = trade_total(trades)
    by_centre = {
        u["id"]: _count(u.get("accepted"))
        for u in units
        if isinstance(u.get("id"), int)
    }
    return Point(
        key=period.key,
        label=period.long_label,
        issue=number,
        revision=revision,
        accepted=accepted,
        completed=completed,
        completion_rate=rate,
        completion_rate_value=rate_value,
        rate_accepted=rate_accepted,
        rate_completed=rate_completed,
        trades_count=count,
        trades_amount_yuan=yuan,
        hotline_received=hotline_received(units),
        centres=by_centre,
    )


def build_series(rows: Iterable[Sequence[Any]]) -> list[TrendSeries]:
    """Time series from rows in ``ROW_FIELDS`` order, sorted by series,
    frequency and period. Centres are named as in their latest issue, the hall
    first, then in the order of the latest issue that lists them."""
    grouped: dict[tuple[int, str], dict[str, Any]] = {}
    for (
        series_id,
        title,
        frequency,
        period_start,
        number,
        revision,
        hall,
        centres,
        trades,
    ) in rows:
        group = grouped.setdefault(
            (series_id, frequency),
            {"title": title, "points": [], "names": {}, "hall": set()},
        )
        group["points"].append(
            point(
                period_start=period_start,
                frequency=frequency,
                number=number,
                revision=revision,
                hall=hall,
                centres=centres,
                trades=trades,
            )
        )
        # Later issues rename a centre and set its place in the order.
        for unit in _units(hall, centres):
            if isinstance(unit.get("id"), int):
                group["names"].pop(unit["id"], None)
                group["names"][unit["id"]] = unit.get("name") or str(unit["id"])
        if isinstance(hall, Mapping) and isinstance(hall.get("id"), int):
            group["hall"].add(hall["id"])
    result = []
    for (series_id, frequency), group in grouped.items():
        # A centre that never states its accepted cases (work items only) has
        # nothing to chart.
        names = {
            cid: name
            for cid, name in group["names"].items()
            if any(p.centres.get(cid) is not None for p in group["points"])
        }
        latest_order = {cid: n for n, cid in enumerate(_latest_order(group))}
        order = sorted(
            names,
            key=lambda cid: (
                cid not in group["hall"],
                latest_order.get(cid, len(latest_order)),
            ),
        )
        result.append(
            TrendSeries(
                series_id=series_id,
                title=group["title"],
                frequency=frequency,
                points=tuple(group["points"]),
                centres=tuple(Centre(cid, names[cid]) for cid in order),
            )
        )
    return result


def _latest_order(group) -> list[int]:
    """Centre ids, those of later issues first in each issue's own order."""
    seen: list[int] = []
    for p in reversed(group["points"]):
        seen += [cid for cid in p.centres if cid not in seen]
    return seen


# --- the database and JSON ------------------------------------------------------


def published_points() -> list[tuple]:
    """Every published issue's figures, one query, in ``ROW_FIELDS`` order."""
    from bulletins.models import Issue

    return list(
        Issue.objects.published()
        .order_by("series_id", "frequency", "period_start")
        .values_list(*ROW_FIELDS)
    )


def published_series() -> list[TrendSeries]:
    return build_series(published_points())


def _text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def as_json(series: Iterable[TrendSeries], issue_url=None) -> dict[str, Any]:
    """The series as JSON: counts as ints, exact amounts and rates as decimal
    strings (``null`` = blank), centres' values aligned with ``periods``."""
    return {
        "source": "已发布各期的现行版本（更正后以更正版为准）",
        "series": [
            {
                "key": s.key,
                "series_id": s.series_id,
                "title": s.title,
                "frequency": s.frequency,
                "frequency_label": s.frequency_label,
                "periods": [
                    {
                        "key": p.key,
                        "label": p.label,
                        "issue": p.issue,
                        "revision": p.revision,
                        **({"url": issue_url(p.issue)} if issue_url else {}),
                        "accepted": p.accepted,
                        "completed": p.completed,
                        "completion_rate": p.completion_rate or None,
                        "completion_rate_value": _text(p.completion_rate_value),
                        "rate_accepted": p.rate_accepted,
                        "rate_completed": p.rate_completed,
                        "trades_count": p.trades_count,
                        "trades_amount_yuan": _text(p.trades_amount_yuan),
                        "trades_amount_yi": _text(amount_yi(p.trades_amount_yuan)),
                        "hotline_received": p.hotline_received,
                    }
                    for p in s.points
                ],
                "centres": [
                    {
                        "id": c.id,
                        "name": c.name,
                        "accepted": s.centre_values(c.id),
                    }
                    for c in s.centres
                ],
            }
            for s in series
        ],
    }


# --- the page's tables ----------------------------------------------------------


@dataclass(frozen=True)
class ChartTable:
    """One chart of a series and the table that states its data."""

    key: str
    title: str
    columns: tuple[str, ...]
    # (period label, issue number, cells as printed; "" = blank)
    rows: tuple[tuple[str, int, tuple[str, ...]], ...]


def _cell(value: int | None) -> str:
    return "" if value is None else str(value)


def chart_tables(series: TrendSeries) -> list[ChartTable]:
    """The charts of a series, each with its table: cases, completion rate,
    each centre's accepted cases, trades, and the 12345 hotline when any
    issue states it."""

    def table(key, title, columns, cells):
        rows = tuple((p.label, p.issue, tuple(cells(p))) for p in series.points)
        return ChartTable(key, title, tuple(columns), rows)

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
                "各大厅（中心）受理件数",
                [f"{c.name}（件）" for c in series.centres],
                lambda p: [_cell(p.centres.get(c.id)) for c in series.centres],
            )
        )
    if series.has_trades:
        charts.append(
            table(
                "trades",
                "公共资源交易",
                ["交易项目数（个）", "交易金额（亿元）"],
                lambda p: [_cell(p.trades_count), p.trades_amount_yi],
            )
        )
    if series.has_hotline:
        charts.append(
            table(
                "hotline",
                "12345热线受理量",
                ["受理（件）"],
                lambda p: [_cell(p.hotline_received)],
            )
        )
    return charts
