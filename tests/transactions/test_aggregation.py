"""trade_figures: per leaf, per group and overall; manual totals take precedence."""

import io
from datetime import date
from decimal import Decimal

import pytest

from tests.factories import (
    MonthlyTradeTotalFactory,
    TradeFactory,
    default_bureau,
    trade_category,
)
from transactions import demo
from transactions.aggregation import MANUAL, MIXED, TRADES, trade_figures
from transactions.amounts import format_amount
from transactions.models import TradeCategory

JUNE = date(2021, 6, 1)
MAY = date(2021, 5, 1)


@pytest.fixture
def june_demo(db):
    demo.load(io.StringIO())


def june():
    return trade_figures(start=JUNE, end=JUNE, bureau=default_bureau())


def table(figure) -> str:
    """As 附件2's table prints it: 亿元, four decimals."""
    return format_amount(figure.amount, "亿元", 4)


def sentence(figure) -> str:
    """As the bulletin's sentences print it: 亿元, two decimals."""
    return format_amount(figure.amount, "亿元", 2)


def test_categories_are_a_two_level_tree_of_data(db):
    engineering = TradeCategory.objects.get(code="engineering")
    assert [c.label for c in engineering.children.all()] == [
        "房屋建筑",
        "市政",
        "公路",
        "铁路",
        "水运",
        "水利",
        "能源",
        "邮电通信",
        "其他",
    ]
    leaves = TradeCategory.objects.leaves()
    assert leaves.count() == 13
    assert not leaves.filter(code="engineering").exists()
    assert TradeCategory.objects.get(code="land").name == "土地使用权出让"
    assert TradeCategory.objects.get(code="mining").name == "采矿（探矿）权出让"
    assert TradeCategory.objects.get(code="property").name == "国有产权交易"
    words = dict(TradeCategory.objects.top_level().values_list("code", "measure_word"))
    assert words == {
        "engineering": "件",
        "procurement": "项",
        "land": "宗",
        "mining": "宗",
        "property": "宗",
    }


def test_june_2021_demo_gives_the_seed_figures_rounded_correctly(june_demo):
    figures = june()
    assert figures.total.count == 224
    assert figures.total.amount == Decimal("772660000")
    assert table(figures.total) == "7.7266"
    # The seed printed 7.72 (truncated); half-up gives 7.73.
    assert sentence(figures.total) == "7.73"
    engineering = figures.group("engineering")
    assert (engineering.count, table(engineering)) == (54, "2.6955")
    # Rounded from the exact group sum, not from the rounded leaves (the seed's 2.69).
    assert sentence(engineering) == "2.70"
    procurement = figures.group("procurement")
    assert (procurement.count, sentence(procurement)) == (162, "1.44")
    assert procurement.measure_word == "项"
    land = figures.group("land")
    assert (land.count, table(land), sentence(land)) == (
        8,
        "3.5911",
        "3.59",
    )
    assert land.name == "土地使用权出让" and land.measure_word == "宗"
    for code in ("mining", "property"):
        assert not figures.group(code).has_trades
        assert table(figures.group(code)) == "0"
    assert [f.label for f in figures.leaves] == [
        "房屋建筑",
        "市政",
        "公路",
        "铁路",
        "水运",
        "水利",
        "能源",
        "邮电通信",
        "其他",
        "政府采购",
        "土地出让",
        "采矿权",
        "产权交易",
    ]
    assert [f.order for f in figures.leaves] == list(range(1, 14))
    assert table(figures.leaf("housing")) == "0.8934"
    assert figures.total.source == MANUAL and figures.has_manual


def test_demo_is_idempotent(june_demo):
    demo.load(io.StringIO())
    assert june().total.count == 224


def test_trades_are_counted_and_summed_exactly(db):
    TradeFactory(category=trade_category("housing"), amount=Decimal("0.01"))
    TradeFactory(category=trade_category("housing"), amount=Decimal("12345678.99"))
    TradeFactory(category=trade_category("land"), amount=Decimal("100000000.00"))
    TradeFactory(category=trade_category("land"), date=date(2021, 7, 1))  # July
    TradeFactory(category=trade_category("land"), date=date(2021, 5, 31))  # May
    figures = june()
    housing = figures.leaf("housing")
    assert (housing.count, housing.amount, housing.source) == (
        2,
        Decimal("12345679.00"),
        TRADES,
    )
    assert figures.group("engineering").amount == Decimal("12345679.00")
    assert figures.group("land").count == 1
    assert figures.total.count == 3
    assert figures.total.amount == Decimal("112345679.00")
    assert figures.total.source == TRADES and not figures.has_manual


def test_manual_total_takes_precedence_for_its_month_and_leaf_only(db):
    TradeFactory(category=trade_category("housing"), amount=Decimal("500"))
    TradeFactory(category=trade_category("municipal"), amount=Decimal("700"))
    MonthlyTradeTotalFactory(
        category=trade_category("housing"), count=8, amount=Decimal("89340000")
    )
    figures = june()
    housing = figures.leaf("housing")
    assert (housing.count, housing.amount, housing.source) == (
        8,
        Decimal("89340000"),
        MANUAL,
    )
    assert housing.manual_months == (JUNE,)
    municipal = figures.leaf("municipal")
    assert (municipal.count, municipal.amount, municipal.source) == (
        1,
        Decimal("700"),
        TRADES,
    )
    engineering = figures.group("engineering")
    assert (engineering.count, engineering.source) == (9, MIXED)
    # A manual total for June says nothing about May.
    may = trade_figures(start=MAY, end=MAY, bureau=default_bureau())
    assert may.leaf("housing").source == TRADES


def test_a_quarter_sums_its_months_with_precedence_per_month(db):
    april = date(2021, 4, 1)
    TradeFactory(category=trade_category("procurement"), date=date(2021, 4, 3))
    TradeFactory(category=trade_category("procurement"), date=date(2021, 6, 3))
    MonthlyTradeTotalFactory(
        month=JUNE, category=trade_category("procurement"), count=5, amount=Decimal(9)
    )
    figures = trade_figures(start=april, end=JUNE, bureau=default_bureau())
    procurement = figures.leaf("procurement")
    assert procurement.count == 1 + 5
    assert procurement.amount == Decimal("1000000") + 9
    assert procurement.source == MIXED
    assert procurement.manual_months == (JUNE,)


def test_a_zero_manual_total_hides_the_months_trades(db):
    TradeFactory(category=trade_category("mining"))
    MonthlyTradeTotalFactory(category=trade_category("mining"), count=0)
    mining = june().leaf("mining")
    assert (mining.count, mining.amount, mining.has_trades) == (0, 0, False)


def test_a_constant_number_of_queries(db, django_assert_num_queries):
    for month in (4, 5, 6):
        for code in ("housing", "land", "procurement"):
            TradeFactory(category=trade_category(code), date=date(2021, month, 9))
    MonthlyTradeTotalFactory(month=MAY, category=trade_category("land"), count=1)
    bureau = default_bureau()
    with django_assert_num_queries(3):
        trade_figures(start=date(2021, 4, 1), end=JUNE, bureau=bureau)
    with django_assert_num_queries(3):
        trade_figures(start=date(2020, 1, 1), end=date(2021, 12, 1), bureau=bureau)


@pytest.mark.parametrize(
    ("start", "end"),
    [(date(2021, 6, 2), JUNE), (JUNE, date(2021, 6, 30)), (JUNE, MAY)],
)
def test_bad_ranges_are_refused(db, start, end):
    with pytest.raises(ValueError):
        trade_figures(start=start, end=end, bureau=default_bureau())


def test_figures_are_frozen(june_demo):
    figures = june()
    with pytest.raises(AttributeError):
        figures.total.count = 1
