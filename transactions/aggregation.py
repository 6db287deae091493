"""Trade figures for a range of months: per leaf, per top-level group, overall.

    >>> figures = trade_figures(start=date(2021, 6, 1), end=date(2021, 6, 1),
    ...                         bureau=bureau)
    >>> figures.total.count, figures.total.amount
    (224, Decimal('772660000.00'))

For each month and leaf category, a manual monthly total (``MonthlyTradeTotal``)
takes precedence over the trade records; otherwise the trades of that month are
counted and summed. A group's and the overall figure are summed exactly from the
leaves; only printing rounds, in the unit the reader works in
(``transactions.amounts.format_amount``).

Three queries whatever the range: the categories, the range's manual totals, and
the trades grouped by month and category in the database.

Trade measures (DESIGN 5.4): ``budget`` and ``savings`` (节约资金 = 预算 − 成交,
over the trades that state a budget), ``reserve`` and ``premium`` (增价 = 成交 −
底价, over those that state a reserve price); None when no trade states one.
A category not ``in_total`` (政府集中采购 reported beside the total) is left out
of the overall figure; ``amount_printed`` False marks a count-only category.

``source`` says where a figure comes from: ``"trades"`` (trade records only),
``"manual"`` (manual totals only) or, for a range of several months or a group
whose leaves differ, ``"mixed"``. Screens that show a figure mark anything not
``"trades"`` as entered by hand.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from django.db.models import BigIntegerField, Case, Count, F, Q, Sum, When
from django.db.models.functions import Cast, Round, TruncMonth

from config.periods import month_end, next_month

from .models import MonthlyTradeTotal, Trade, TradeCategory

Source = Literal["trades", "manual", "mixed"]
TRADES: Source = "trades"
MANUAL: Source = "manual"
MIXED: Source = "mixed"

# The overall total's measure word (附件2's 交易项目数 and the sentence's 总量为224件).
TOTAL_MEASURE_WORD = "件"


class _Amounts:
    amount: Decimal
    savings: Decimal | None

    @property
    def has_trades(self) -> bool:
        """False when nothing was traded: the sentence then reads 无交易."""
        return bool(self.count or self.amount)


@dataclass(frozen=True)
class LeafFigure(_Amounts):
    category_id: int
    code: str
    label: str  # table label: 土地出让
    name: str  # sentence name: 土地使用权出让
    measure_word: str
    order: int  # position among all leaves, 1-based (附件2's 序号)
    count: int
    amount: Decimal  # exact yuan
    source: Source
    group_id: int  # the top-level category (itself for a childless one)
    manual_months: tuple[date, ...] = ()
    budget: Decimal | None = None
    savings: Decimal | None = None
    reserve: Decimal | None = None
    premium: Decimal | None = None
    in_total: bool = True
    amount_printed: bool = True


@dataclass(frozen=True)
class GroupFigure(_Amounts):
    category_id: int
    code: str
    label: str
    name: str
    measure_word: str
    order: int  # position among the groups, 1-based
    count: int
    amount: Decimal
    source: Source
    leaves: tuple[LeafFigure, ...]
    budget: Decimal | None = None
    savings: Decimal | None = None
    reserve: Decimal | None = None
    premium: Decimal | None = None
    in_total: bool = True
    amount_printed: bool = True


@dataclass(frozen=True)
class TotalFigure(_Amounts):
    count: int
    amount: Decimal
    source: Source
    measure_word: str = TOTAL_MEASURE_WORD
    budget: Decimal | None = None
    savings: Decimal | None = None
    reserve: Decimal | None = None
    premium: Decimal | None = None


@dataclass(frozen=True)
class TradeFigures:
    start: date
    end: date  # first day of the last month included
    leaves: tuple[LeafFigure, ...]  # tree order: 房屋建筑 … 其他, 政府采购 … 产权交易
    groups: tuple[GroupFigure, ...]
    total: TotalFigure

    def leaf(self, code: str) -> LeafFigure:
        return next(f for f in self.leaves if f.code == code)

    def group(self, code: str) -> GroupFigure:
        return next(f for f in self.groups if f.code == code)

    @property
    def has_manual(self) -> bool:
        return self.total.source != TRADES


def _combined(sources) -> Source:
    sources = set(sources)
    if len(sources) == 1:
        return sources.pop()
    if not sources:
        return TRADES
    return MIXED


def _months(start: date, end: date) -> list[date]:
    months, month = [start], start
    while month < end:
        month = next_month(month)
        months.append(month)
    return months


def trade_figures(*, start: date, end: date, bureau) -> TradeFigures:
    """``bureau``'s figures for the months ``start`` … ``end`` (first-of-month
    dates, inclusive).

    One month: ``start == end``; a quarter: ``start=date(2021, 4, 1),
    end=date(2021, 6, 1)``.
    """
    if start.day != 1 or end.day != 1:
        raise ValueError(f"start and end must be first-of-month dates: {start}, {end}")
    if end < start:
        raise ValueError(f"end {end} is before start {start}")
    months = _months(start, end)

    categories = list(TradeCategory.objects.for_bureau(bureau).order_by("order", "id"))
    manual = {
        (row["month"], row["category_id"]): row
        for row in MonthlyTradeTotal.objects.for_bureau(bureau)
        .between(start, end)
        .values("month", "category_id", "count", "amount", "budget", "reserve_price")
    }
    traded = {
        (row["month"], row["category_id"]): row
        for row in Trade.objects.for_bureau(bureau)
        .filter(date__gte=start, date__lte=month_end(end))
        .annotate(month=TruncMonth("date"))
        .values("month", "category_id")
        .annotate(
            count=Count("id"),
            cents=_cents("amount"),
            budget_cents=_cents("budget"),
            budgeted_cents=_cents("amount", when=Q(budget__isnull=False)),
            reserve_cents=_cents("reserve_price"),
            reserved_cents=_cents("amount", when=Q(reserve_price__isnull=False)),
        )
        .order_by()
    }

    children = defaultdict(list)
    for category in categories:
        children[category.parent_id].append(category)

    leaves_by_group: dict[int, list[LeafFigure]] = {}
    position = 0
    for top in children[None]:
        leaves_by_group[top.id] = []
        for category in children.get(top.id) or [top]:
            position += 1
            count, amount, sources, manual_months = 0, Decimal(0), [], []
            budgets, savings, reserves, premiums = [], [], [], []
            for month in months:
                key = (month, category.id)
                if key in manual:
                    row = manual[key]
                    count += row["count"]
                    amount += row["amount"]
                    sources.append(MANUAL)
                    manual_months.append(month)
                    if row["budget"] is not None:
                        budgets.append(row["budget"])
                        savings.append(row["budget"] - row["amount"])
                    if row["reserve_price"] is not None:
                        reserves.append(row["reserve_price"])
                        premiums.append(row["amount"] - row["reserve_price"])
                else:
                    row = traded.get(key, {})
                    count += row.get("count", 0)
                    amount += _yuan(row.get("cents")) or 0
                    sources.append(TRADES)
                    if row.get("budget_cents") is not None:
                        budgets.append(_yuan(row["budget_cents"]))
                        savings.append(
                            _yuan(row["budget_cents"] - row["budgeted_cents"])
                        )
                    if row.get("reserve_cents") is not None:
                        reserves.append(_yuan(row["reserve_cents"]))
                        premiums.append(
                            _yuan(row["reserved_cents"] - row["reserve_cents"])
                        )
            leaves_by_group[top.id].append(
                LeafFigure(
                    category_id=category.id,
                    code=category.code,
                    label=category.label,
                    name=category.name,
                    measure_word=category.measure_word,
                    order=position,
                    count=count,
                    amount=amount,
                    source=_combined(sources),
                    group_id=top.id,
                    manual_months=tuple(manual_months),
                    budget=_sum_given(budgets),
                    savings=_sum_given(savings),
                    reserve=_sum_given(reserves),
                    premium=_sum_given(premiums),
                    in_total=category.in_total and top.in_total,
                    amount_printed=category.amount_printed and top.amount_printed,
                )
            )

    groups = tuple(
        GroupFigure(
            category_id=top.id,
            code=top.code,
            label=top.label,
            name=top.name,
            measure_word=top.measure_word,
            order=index,
            count=sum(f.count for f in leaves_by_group[top.id]),
            amount=sum((f.amount for f in leaves_by_group[top.id]), Decimal(0)),
            source=_combined(f.source for f in leaves_by_group[top.id]),
            leaves=tuple(leaves_by_group[top.id]),
            **_measures(leaves_by_group[top.id]),
            in_total=top.in_total,
            amount_printed=top.amount_printed,
        )
        for index, top in enumerate(children[None], start=1)
    )
    leaves = tuple(f for g in groups for f in g.leaves)
    counted = [f for f in leaves if f.in_total]
    total = TotalFigure(
        count=sum(f.count for f in counted),
        amount=sum((f.amount for f in counted), Decimal(0)),
        source=_combined(f.source for f in counted),
        **_measures(counted),
    )
    return TradeFigures(start=start, end=end, leaves=leaves, groups=groups, total=total)


def _cents(field: str, when: Q | None = None):
    """The sum of ``field`` in 分 as an integer: exact on PostgreSQL and on
    SQLite (which keeps decimals as floating point and would sum floats)."""
    cents = Cast(Round(F(field) * 100), BigIntegerField())
    if when is not None:
        cents = Case(When(when, then=cents), default=None)
    return Sum(cents)


def _yuan(cents: int | None) -> Decimal | None:
    return None if cents is None else Decimal(cents).scaleb(-2)


def _sum_given(values) -> Decimal | None:
    given = [v for v in values if v is not None]
    return sum(given, Decimal(0)) if given else None


def _measures(figures) -> dict[str, Decimal | None]:
    """Budget, savings, reserve and premium summed over ``figures``."""
    return {
        name: _sum_given(getattr(f, name) for f in figures)
        for name in ("budget", "savings", "reserve", "premium")
    }
