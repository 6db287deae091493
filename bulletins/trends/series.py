"""Trend series: one point per published issue, grouped by series and
frequency, as JSON and as the page's chart tables."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from bulletins.periods import period_for
from bulletins.trends.arithmetic import (
    amount_in,
    amount_yi,
    case_totals,
    completion_rate,
    figure_total,
    rate_base,
    stated,
    trade_total,
    units_of,
)

FREQUENCY_LABELS = {"monthly": "月度", "quarterly": "季度"}
INCOMPLETE_MARK = "（数据不完整）"

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
    "snapshot__figures__missing",
    "series__bureau__slug",
    "series__slug",
    "publication_date__year",
)


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
    # centre id → accepted (None: the centre is in the issue, its figure blank)
    centres: dict[int, int | None] = field(default_factory=dict)
    # code → the total of each figure the series' profile charts
    figures: dict[str, int | None] = field(default_factory=dict)
    # centres the issue left out (no approved report): the period is incomplete
    missing_centres: tuple[str, ...] = ()

    @property
    def incomplete(self) -> bool:
        return bool(self.missing_centres)

    # (bureau slug, series slug, year, number): the issue's canonical address
    address: tuple = ()


@dataclass(frozen=True)
class Centre:
    id: int
    name: str


@dataclass(frozen=True)
class FigureChart:
    """A figure the series' profile charts (``charts``), named as the bureau's
    definition names it."""

    code: str
    name: str
    unit: str


@dataclass(frozen=True)
class TrendSeries:
    """One series' points in period order, and the centres that appear in it."""

    series_id: int
    title: str
    frequency: str
    points: tuple[Point, ...]
    centres: tuple[Centre, ...]
    charts: tuple[FigureChart, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.series_id}-{self.frequency}"

    @property
    def frequency_label(self) -> str:
        return FREQUENCY_LABELS.get(self.frequency, self.frequency)

    @property
    def charted(self) -> tuple[FigureChart, ...]:
        """The profile's charts that some issue of the series states."""
        return tuple(
            c
            for c in self.charts
            if any(p.figures.get(c.code) is not None for p in self.points)
        )

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
    def incomplete_points(self) -> list[Point]:
        return [p for p in self.points if p.incomplete]


def point(
    *,
    period_start: date,
    frequency: str,
    number: int,
    revision: int,
    hall: Any,
    centres: Any,
    trades: Any,
    missing: Any = None,
    address: tuple = (),
    charts: Sequence[str] = (),
) -> Point:
    """A period's point from an issue's snapshot figures (any part may be
    missing: an issue without an approved hall report has no ``hall``), with
    the totals of the figures coded in ``charts``."""
    period = period_for(period_start, frequency)
    units = units_of(hall, centres)
    accepted, completed = case_totals(units)
    rate, rate_value = completion_rate(units)
    rate_accepted, rate_completed = rate_base(units)
    count, yuan = trade_total(trades)
    by_centre = {
        u["id"]: stated(u.get("accepted"))
        for u in units
        if isinstance(u.get("id"), int)
    }
    return Point(
        key=period.key,
        label=period.long_label,
        issue=number,
        address=address,
        revision=revision,
        accepted=accepted,
        completed=completed,
        completion_rate=rate,
        completion_rate_value=rate_value,
        rate_accepted=rate_accepted,
        rate_completed=rate_completed,
        trades_count=count,
        trades_amount_yuan=yuan,
        centres=by_centre,
        figures={code: figure_total(units, code) for code in charts},
        missing_centres=tuple(
            dict.fromkeys(
                m["name"]
                for m in (missing if isinstance(missing, list) else [])
                if isinstance(m, Mapping) and isinstance(m.get("name"), str)
            )
        ),
    )


def build_series(
    rows: Iterable[Sequence[Any]],
    charts: Mapping[int, tuple[FigureChart, ...]] | None = None,
) -> list[TrendSeries]:
    """Time series from rows in ``ROW_FIELDS`` order, sorted by series,
    frequency and period, each with the figures its profile charts
    (``charts``: series id → its ``FigureChart`` list). Centres are named as in
    their latest issue, the hall first, then in the order of the latest issue
    that lists them."""
    charts = charts or {}
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
        missing,
        bureau_slug,
        series_slug,
        year,
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
                missing=missing,
                address=(bureau_slug, series_slug, year, number),
                charts=[c.code for c in charts.get(series_id, ())],
            )
        )
        # Later issues rename a centre and set its place in the order.
        for unit in units_of(hall, centres):
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
                charts=charts.get(series_id, ()),
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


def published_points(bureau) -> list[tuple]:
    """Every published issue's figures of ``bureau``, one query, in
    ``ROW_FIELDS`` order."""
    from bulletins.models import Issue

    return list(
        Issue.objects.published()
        .for_bureau(bureau)
        .order_by("series_id", "frequency", "period_start")
        .values_list(*ROW_FIELDS)
    )


def series_charts(bureau) -> dict[int, tuple[FigureChart, ...]]:
    """Series id → the figures its latest profile charts, named by the
    bureau's definitions (two queries); a code the bureau has no definition
    of is left out."""
    from bulletins.models import Profile
    from bulletins.selectors.defined import definition_labels

    latest: dict[int, list] = {}
    for series_id, codes in (
        Profile.objects.filter(series__bureau=bureau)
        .order_by("series_id", "-version")
        .values_list("series_id", "spec__charts")
    ):
        latest.setdefault(series_id, codes if isinstance(codes, list) else [])
    labels = definition_labels(bureau, {c for codes in latest.values() for c in codes})
    return {
        series_id: tuple(
            FigureChart(code, *labels[code]) for code in codes if code in labels
        )
        for series_id, codes in latest.items()
    }


def published_series(bureau) -> list[TrendSeries]:
    return build_series(published_points(bureau), series_charts(bureau))


def _text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def as_json(
    series: Iterable[TrendSeries], unit: str, places: int, issue_url=None
) -> dict[str, Any]:
    """The series as JSON: counts as ints, exact amounts and rates as decimal
    strings (``null`` = blank), centres' values aligned with ``periods``; the
    trade amounts also in the bureau's working ``unit`` to its ``places``
    (``trades_amount``, aligned with ``periods``; ``trades_amount_yi`` stays
    in 亿元 for the readers that already use it)."""
    return {
        "source": "已发布各期的现行版本（更正后以更正版为准）",
        "series": [
            {
                "key": s.key,
                "series_id": s.series_id,
                "title": s.title,
                "frequency": s.frequency,
                "frequency_label": s.frequency_label,
                "amount_unit": unit,
                "trades_amount": [
                    _text(amount_in(p.trades_amount_yuan, unit, places))
                    for p in s.points
                ],
                "charts": [
                    {"code": c.code, "name": c.name, "unit": c.unit} for c in s.charted
                ],
                "periods": [
                    {
                        "key": p.key,
                        "label": p.label,
                        "issue": p.issue,
                        "revision": p.revision,
                        **({"url": issue_url(p.address)} if issue_url else {}),
                        "accepted": p.accepted,
                        "completed": p.completed,
                        "completion_rate": p.completion_rate or None,
                        "completion_rate_value": _text(p.completion_rate_value),
                        "rate_accepted": p.rate_accepted,
                        "rate_completed": p.rate_completed,
                        "trades_count": p.trades_count,
                        "trades_amount_yuan": _text(p.trades_amount_yuan),
                        "trades_amount_yi": _text(amount_yi(p.trades_amount_yuan)),
                        "figures": {c.code: p.figures.get(c.code) for c in s.charted},
                        "incomplete": p.incomplete,
                        "missing_centres": list(p.missing_centres),
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
