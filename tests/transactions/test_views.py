"""The editor's trade screens: access, the list with the month's totals, forms."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import MonthlyTradeTotalFactory, TradeFactory, trade_category
from transactions import demo
from transactions.models import MonthlyTradeTotal, Trade

LIST = reverse("transactions:trade_list")
ADD = reverse("transactions:trade_create")
TOTALS = reverse("transactions:monthly_totals", args=[2021, 6])


@pytest.fixture
def trade(db):
    return TradeFactory(code="HD-1", name="平安区道路工程")


def urls(trade):
    return [
        LIST,
        ADD,
        reverse("transactions:trade_update", args=[trade.pk]),
        reverse("transactions:trade_delete", args=[trade.pk]),
        TOTALS,
    ]


def test_anonymous_users_are_sent_to_login(client, trade):
    for url in urls(trade):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


def test_clerks_are_refused(login, clerk, trade):
    client = login(clerk)
    for url in urls(trade):
        assert client.get(url).status_code == 403, url
    assert (
        client.post(reverse("transactions:trade_delete", args=[trade.pk])).status_code
        == 403
    )
    assert Trade.objects.filter(pk=trade.pk).exists()


def test_leader_may_view_but_not_change(login, leader, trade):
    client = login(leader)
    assert client.get(LIST).status_code == 200
    assert client.get(ADD).status_code == 403
    assert client.get(TOTALS).status_code == 403


def test_nav_shows_trades_to_the_editor_only(login, editor, clerk, db):
    assert "公共资源交易" in login(editor).get(LIST).content.decode()
    home = login(clerk).get(reverse("home")).content.decode()
    assert LIST not in home


def test_list_shows_the_months_trades_and_totals(login, editor, db):
    TradeFactory(code="JUN-1", amount=Decimal("100000000"))
    TradeFactory(code="JUL-1", date=datetime.date(2021, 7, 2))
    response = login(editor).get(LIST, {"month": "2021-06"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "JUN-1" in body and "JUL-1" not in body
    assert response.context["figures"].total.count == 1
    assert "1.0000" in body  # 1亿元 in the totals table
    assert "手工汇总" not in body.replace("录入本月手工汇总", "")


def test_list_defaults_to_the_latest_month(login, editor, db):
    TradeFactory(code="OLD", date=datetime.date(2021, 5, 2))
    TradeFactory(code="NEW", date=datetime.date(2021, 7, 2))
    response = login(editor).get(LIST)
    assert response.context["month"] == datetime.date(2021, 7, 1)


def test_list_filters_by_category_and_group(login, editor, db):
    TradeFactory(code="H-1", category=trade_category("housing"))
    TradeFactory(code="W-1", category=trade_category("water"))
    TradeFactory(code="L-1", category=trade_category("land"))
    client = login(editor)
    housing = client.get(
        LIST, {"month": "2021-06", "category": trade_category("housing").pk}
    )
    assert [t.code for t in housing.context["trades"]] == ["H-1"]
    group = client.get(
        LIST, {"month": "2021-06", "category": trade_category("engineering").pk}
    )
    assert sorted(t.code for t in group.context["trades"]) == ["H-1", "W-1"]


def test_list_is_paginated(login, editor, db):
    for n in range(55):
        TradeFactory(code=f"P-{n:03d}")
    client = login(editor)
    first = client.get(LIST, {"month": "2021-06"})
    assert len(first.context["trades"]) == 50
    second = client.get(LIST, {"month": "2021-06", "page": 2})
    assert len(second.context["trades"]) == 5
    assert second.context["figures"].total.count == 55


def test_list_says_when_manual_totals_take_precedence(login, editor, db):
    TradeFactory(code="H-1", category=trade_category("housing"))
    MonthlyTradeTotalFactory(
        category=trade_category("housing"), count=8, amount=Decimal("89340000")
    )
    body = login(editor).get(LIST, {"month": "2021-06"}).content.decode()
    assert "手工录入的汇总数" in body
    assert "不计入" in body  # the trade row is marked as not counted
    assert "0.8934" in body


def test_demo_month_shows_the_seed_table(login, editor, db):
    demo.load(io.StringIO())
    body = login(editor).get(TOTALS).content.decode()
    assert "7.7266" in body and "2.6955" in body and "224" in body


def test_bad_month_filter_shows_a_chinese_error(login, editor, db):
    response = login(editor).get(LIST, {"month": "六月"})
    assert response.status_code == 200
    assert "月份格式应为“YYYY-MM”，如“2021-06”，收到“六月”" in response.content.decode()


def test_editor_adds_a_trade(login, editor, db):
    data = {
        "code": "NEW-1",
        "name": "新项目",
        "category": trade_category("municipal").pk,
        "date": "2021-06-10",
        "amount": "58270000.00",
        "notes": "",
    }
    response = login(editor).post(ADD, data)
    assert response.status_code == 302
    assert response.url == f"{LIST}?month=2021-06"
    trade = Trade.objects.get(code="NEW-1")
    assert trade.amount == Decimal("58270000.00")
    assert trade.history.first().history_user == editor


def test_add_form_refuses_bad_input_in_chinese(login, editor, trade):
    data = {
        "code": "HD-1",
        "name": "",
        "category": trade_category("engineering").pk,  # a group, not a leaf
        "date": "2021-06-10",
        "amount": "-1",
    }
    # Chinese whatever the browser asks for.
    response = login(editor).post(ADD, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    body = response.content.decode()
    assert "项目编号“HD-1”已被另一交易项目使用。" in body
    assert "金额不能为负数" in body
    assert "请填写项目名称。" in body
    assert "请选择具体的交易类型" in body
    assert Trade.objects.count() == 1


def test_editor_edits_and_deletes_a_trade(login, editor, trade):
    client = login(editor)
    url = reverse("transactions:trade_update", args=[trade.pk])
    data = {
        "code": "HD-1",
        "name": "改名",
        "category": trade.category_id,
        "date": "2021-06-15",
        "amount": "5",
    }
    assert client.post(url, data).status_code == 302
    trade.refresh_from_db()
    assert (trade.name, trade.amount) == ("改名", Decimal("5.00"))
    assert (
        client.post(reverse("transactions:trade_delete", args=[trade.pk])).status_code
        == 302
    )
    assert not Trade.objects.exists()


def totals_post(**rows):
    data = {}
    for code, (count, amount) in rows.items():
        pk = trade_category(code).pk
        data[f"count_{pk}"] = count
        data[f"amount_{pk}"] = amount
    return data


def test_monthly_totals_form_has_the_13_rows_of_attachment_2(login, editor, db):
    response = login(editor).get(TOTALS)
    rows = list(response.context["form"].rows())
    assert [leaf.label for leaf, _, _ in rows][:2] == ["房屋建筑", "市政"]
    assert len(rows) == 13
    assert "交易金额（亿元）" in response.content.decode()


def test_monthly_totals_are_saved_in_yuan(login, editor, db):
    client = login(editor)
    response = client.post(
        TOTALS, totals_post(housing=("8", "0.8934"), land=("8", "3.5911"))
    )
    assert response.status_code == 302
    housing = MonthlyTradeTotal.objects.get(category=trade_category("housing"))
    assert (housing.count, housing.amount) == (8, Decimal("89340000.00"))
    assert housing.month == datetime.date(2021, 6, 1)
    assert MonthlyTradeTotal.objects.count() == 2
    # Shown back in 亿元 as typed.
    assert 'value="0.8934"' in client.get(TOTALS).content.decode()
    # Blanking a row removes its manual total: the trades count again.
    client.post(TOTALS, totals_post(land=("8", "3.5911")))
    assert not MonthlyTradeTotal.objects.filter(
        category=trade_category("housing")
    ).exists()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (("8", ""), "请同时填写项目数和金额"),
        (("-1", "0"), "项目数不能为负数"),
        (("1", "-0.5"), "金额不能为负数"),
        (("1", "0.123456789"), "最多精确到元"),
        (("1", "abc"), "“房屋建筑”的金额须为以亿元计的数字"),
        (("1.5", "1"), "“房屋建筑”的项目数须为整数"),
    ],
)
def test_monthly_totals_refuse_bad_rows(login, editor, db, row, message):
    response = login(editor).post(TOTALS, totals_post(housing=row))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MonthlyTradeTotal.objects.exists()


def test_monthly_totals_404_for_an_impossible_month(login, editor, db):
    url = reverse("transactions:monthly_totals", args=[2021, 13])
    assert login(editor).get(url).status_code == 404
