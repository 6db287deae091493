"""A bureau's working amount unit: a 万元 bureau's editors type and read 万元
on the trade form, the trade list, the manual totals and the trends page; the
amounts stay exact in 元; 海东 (亿元) sees what it always saw."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import (
    EditorFactory,
    MonthlyTradeTotalFactory,
    PublishedIssueFactory,
    SeriesFactory,
    TradeFactory,
    default_bureau,
    sample_document,
    second_bureau,
    trade_category,
)
from transactions.models import MonthlyTradeTotal, Trade

pytestmark = pytest.mark.django_db

ADD = reverse("transactions:trade_create")
LIST = reverse("transactions:trade_list") + "?month=2021-06"
TOTALS = reverse("transactions:monthly_totals", args=[2021, 6])


@pytest.fixture
def wan():
    """海西, working in 万元 with two decimals."""
    bureau = second_bureau()
    bureau.amount_unit, bureau.amount_places = "万元", 2
    bureau.save()
    return bureau


@pytest.fixture
def wan_editor(wan, login):
    return login(EditorFactory(username="hx-editor", bureau=wan))


def trade_post(bureau, **fields):
    return {
        "code": "HX-2021-1",
        "name": "测试项目",
        "category": trade_category("municipal", bureau=bureau).pk,
        "date": "2021-06-15",
        "venue": "",
        "notes": "",
        **fields,
    }


def unit_options(html: str, name: str = "unit") -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"', select)


def selected(html: str, name: str = "unit") -> str:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.search(r'<option value="([^"]*)"[^>]*selected', select).group(1)


# --- the trade form -----------------------------------------------------------------


def test_a_wan_bureau_types_a_trade_in_wan_yuan_kept_exactly(wan, wan_editor):
    html = wan_editor.get(ADD).content.decode()
    assert unit_options(html) == ["元", "万元"]
    response = wan_editor.post(
        ADD,
        trade_post(
            wan,
            unit="万元",
            amount="1234.5678",
            budget="1300",
            reserve_price="0.01",
        ),
    )
    assert response.status_code == 302
    trade = Trade.objects.get(bureau=wan)
    assert trade.amount == Decimal("12345678")
    assert (trade.budget, trade.reserve_price) == (Decimal("13000000"), Decimal(100))


def test_a_wan_amount_finer_than_a_fen_is_refused_naming_wan_yuan(wan, wan_editor):
    response = wan_editor.post(
        ADD, trade_post(wan, unit="万元", amount="1234.5678001", budget="x")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["amount"] == [
        "成交金额最多精确到分（0.01元），收到 1234.5678001万元。"
    ]
    assert errors["budget"] == ["预算/最高限价须为以万元计的数字。"]
    assert not Trade.objects.exists()


def test_haidong_types_trades_in_yuan_and_is_not_offered_wan_yuan(login, editor):
    client = login(editor)
    html = client.get(ADD).content.decode()
    assert unit_options(html) == ["元", "亿元"]
    assert selected(html) == "元"
    bureau = default_bureau()
    response = client.post(ADD, trade_post(bureau, amount="58270000.00"))
    assert response.status_code == 302
    assert Trade.objects.get().amount == Decimal("58270000.00")
    response = client.post(
        ADD, trade_post(bureau, code="HD-2", unit="万元", amount="1")
    )
    assert response.context["form"].errors["unit"] == [
        "金额单位“万元”不可选，请从列表中选择。"
    ]


# --- the trade list and the month's figures -----------------------------------------


def test_the_trade_list_of_a_wan_bureau_speaks_wan_yuan(wan, wan_editor):
    TradeFactory(
        bureau=wan,
        category=trade_category("municipal", bureau=wan),
        amount=Decimal("12345678"),
    )
    html = wan_editor.get(LIST).content.decode()
    assert "本月汇总（万元）" in html
    assert "1万元 = 10,000元" in html
    assert "12,345,678.00元" in html and "约1234.57万元" in html
    assert "金额单位：万元（四舍五入保留2位小数" in html
    assert "交易金额（万元）" in html
    assert "亿元" not in html and "{#" not in html


def test_haidong_trade_list_still_speaks_yi_yuan(login, editor):
    TradeFactory(amount=Decimal("12345678"))
    html = login(editor).get(LIST).content.decode()
    assert "本月汇总（亿元）" in html and "1亿元 = 100,000,000元" in html
    assert "约0.1235亿元" in html and "交易金额（亿元）" in html
    assert "金额单位：亿元（四舍五入保留4位小数" in html
    assert "万元" not in html


# --- the manual totals ----------------------------------------------------------------


def test_a_wan_bureaus_totals_form_is_in_wan_yuan_by_default(wan, wan_editor):
    housing = trade_category("municipal", bureau=wan)
    html = wan_editor.get(TOTALS).content.decode()
    # 亿元 and 元 may still be chosen; everything else says 万元.
    assert selected(html) == "万元" and unit_options(html) == ["元", "万元", "亿元"]
    assert "交易金额（万元）" in html and "金额单位：万元" in html
    assert "交易金额（亿元）" not in html
    # No unit sent: the bureau's.
    response = wan_editor.post(
        TOTALS, {f"count_{housing.pk}": "3", f"amount_{housing.pk}": "1234.5678"}
    )
    assert response.status_code == 302
    total = MonthlyTradeTotal.objects.get(bureau=wan)
    assert total.amount == Decimal("12345678")
    html = wan_editor.get(TOTALS).content.decode()
    assert 'value="1234.5678"' in html  # shown back exactly, in 万元
    assert "1234.57" in html  # the month's figures, two decimals


def test_a_wan_bureaus_totals_messages_name_wan_yuan(wan, wan_editor):
    leaf = trade_category("municipal", bureau=wan)
    response = wan_editor.post(
        TOTALS, {f"count_{leaf.pk}": "1", f"amount_{leaf.pk}": "abc"}
    )
    assert "“市政”的金额须为以万元计的数字。" in response.content.decode()
    response = wan_editor.post(
        TOTALS, {f"count_{leaf.pk}": "1", f"amount_{leaf.pk}": "0.0000001"}
    )
    assert (
        "“市政”的金额最多精确到分（0.01元），收到 0.0000001万元。"
        in response.content.decode()
    )
    assert not MonthlyTradeTotal.objects.exists()


def test_a_yi_figure_typed_into_a_wan_bureaus_form_is_questioned(wan, wan_editor):
    """The converse of 海东's case: 0.8934 (亿元) typed where 万元 is expected
    is 10,000 times too small against the category's history."""
    leaf = trade_category("municipal", bureau=wan)
    for month in (3, 4, 5):
        MonthlyTradeTotalFactory(
            bureau=wan,
            category=leaf,
            month=datetime.date(2021, month, 1),
            count=8,
            amount=Decimal("89340000"),
        )
    response = wan_editor.post(
        TOTALS,
        {f"count_{leaf.pk}": "8", f"amount_{leaf.pk}": "0.8934"},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert (
        "“市政”本月0.89万元，是前3个月平均8934.00万元的10000倍，"
        "请核实金额单位是否选对（当前为万元）。"
    ) in messages


# --- the trends page and its data -----------------------------------------------------


def test_the_trends_of_a_wan_bureau_are_in_wan_yuan(wan, client):
    cache.clear()
    series = SeriesFactory(bureau=wan, title="海西通报", slug="tongbao")
    data = {
        "hall": {"id": 1, "name": "州级中心", "accepted": 10, "completed": 10},
        "centres": [],
        "trades": {"total": {"count": 239, "amount_yuan": "820370000.00"}},
    }
    PublishedIssueFactory(
        series=series,
        number=1,
        period_start=datetime.date(2022, 6, 1),
        snapshot=sample_document("2022年6月", figures=data).to_dict(),
    )
    page = client.get(reverse("bulletins:trends", args=["haixi"])).content.decode()
    assert "交易金额以万元计" in page and "交易金额（万元）" in page
    assert "82037.00" in page and "亿元" not in page
    [data] = client.get(reverse("bulletins:trends_data", args=["haixi"])).json()[
        "series"
    ]
    assert data["amount_unit"] == "万元"
    assert data["trades_amount"] == ["82037.00"]
    # The published key keeps its meaning.
    assert data["periods"][0]["trades_amount_yi"] == "8.2037"
    cache.clear()
