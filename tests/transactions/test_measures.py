"""Trade measures (DESIGN 5.4): budget and savings, reserve price and premium,
categories beside the total and by count only; the import's optional columns."""

import datetime
import io
from decimal import Decimal

import pytest

from tests.factories import (
    MonthlyTradeTotalFactory,
    TradeFactory,
    default_bureau,
    trade_category,
)
from transactions.aggregation import trade_figures
from transactions.amounts import format_amount
from transactions.models import Trade
from transactions.services import trades_import

JUNE = datetime.date(2021, 6, 1)
HEADER = ["项目编号", "项目名称", "交易类型", "成交日期", "成交金额（元）", "备注"]


def figures():
    return trade_figures(start=JUNE, end=JUNE, bureau=default_bureau())


def run(rows, header):
    lines = [",".join(header)] + [",".join(f'"{c}"' for c in row) for row in rows]
    data = ("\r\n".join(lines) + "\r\n").encode()
    return trades_import(
        bureau=default_bureau(), source=io.BytesIO(data), name="t.csv", size=len(data)
    )


@pytest.mark.django_db
def test_savings_and_premium_are_exact_sums_of_the_trades_that_state_them():
    housing = trade_category("housing")
    land = trade_category("land")
    # 海西州's savings: the parts rounded alone print 0.3185 + 0.0819 = 0.4004,
    # the exact total 0.4005 (亿元) is rounded from its own sum.
    TradeFactory(
        category=housing,
        date=JUNE,
        amount=Decimal("100000000.00"),
        budget=Decimal("131854900.00"),
    )
    TradeFactory(category=housing, date=JUNE, amount=Decimal("5.00"))  # no budget
    TradeFactory(
        category=trade_category("procurement"),
        date=JUNE,
        amount=Decimal("50000000.00"),
        budget=Decimal("58194900.00"),
    )
    TradeFactory(
        category=land,
        date=JUNE,
        amount=Decimal("12000000.00"),
        reserve_price=Decimal("10000000.00"),
    )
    result = figures()
    assert result.leaf("housing").savings == Decimal("31854900.00")
    assert result.leaf("housing").budget == Decimal("131854900.00")
    assert result.leaf("land").premium == Decimal("2000000.00")
    assert result.leaf("land").savings is None  # no budget stated: blank, not 0
    assert result.total.savings == Decimal("40049800.00")
    assert format_amount(result.leaf("housing").savings, "亿元", 2) == "0.32"
    assert format_amount(result.total.savings, "亿元", 2) == "0.40"
    assert format_amount(result.leaf("housing").savings, "亿元", 4) == "0.3185"
    assert format_amount(result.total.savings, "亿元", 4) == "0.4005"


@pytest.mark.django_db
def test_a_category_beside_the_total_is_left_out_of_it_and_count_only_is_marked():
    central = trade_category("procurement")
    central.in_total = False
    central.save()
    mining = trade_category("mining")
    mining.amount_printed = False
    mining.save()
    TradeFactory(category=trade_category("housing"), date=JUNE, amount=Decimal(100))
    TradeFactory(category=central, date=JUNE, amount=Decimal(40))
    TradeFactory(category=mining, date=JUNE, amount=Decimal(0))
    result = figures()
    assert (result.total.count, result.total.amount) == (2, Decimal(100))
    assert result.leaf("procurement").in_total is False
    assert result.leaf("procurement").amount == Decimal(40)
    assert result.group("procurement").in_total is False
    assert result.leaf("mining").amount_printed is False


@pytest.mark.django_db
def test_manual_totals_carry_the_same_measures():
    MonthlyTradeTotalFactory(
        category=trade_category("housing"),
        month=JUNE,
        count=76,
        amount=Decimal("617980000.00"),
        budget=Decimal("649830000.00"),
    )
    assert figures().leaf("housing").savings == Decimal("31850000.00")


@pytest.mark.django_db
def test_the_import_reads_the_optional_measure_columns_and_the_old_header_still_works():
    rows = [
        [
            "HX-1",
            "州医院采购",
            "政府采购",
            "2021-06-03",
            "100",
            "",
            "120.5",
            "",
            "州级中心",
        ]
    ]
    summary = run(rows, [*HEADER, "预算金额（元）", "底价（元）", "交易场所"])
    assert summary.ok, summary.problems
    trade = Trade.objects.get(code="HX-1")
    assert (trade.budget, trade.reserve_price, trade.venue) == (
        Decimal("120.50"),
        None,
        "州级中心",
    )
    # The existing header imports and leaves the stored measures alone.
    summary = run([["HX-1", "州医院采购", "政府采购", "2021-06-03", "90", ""]], HEADER)
    assert summary.ok, summary.problems
    trade.refresh_from_db()
    assert (trade.amount, trade.budget, trade.venue) == (
        Decimal("90.00"),
        Decimal("120.50"),
        "州级中心",
    )
    # A bad measure is refused, naming it; nothing changes.
    summary = run(
        [["HX-1", "州医院采购", "政府采购", "2021-06-03", "90", "", "-1", "", ""]],
        [*HEADER, "预算金额（元）", "底价（元）", "交易场所"],
    )
    assert not summary.ok
    assert "预算金额不能为负数（收到 -1）。" in str(summary.problems)
    trade.refresh_from_db()
    assert trade.budget == Decimal("120.50")
