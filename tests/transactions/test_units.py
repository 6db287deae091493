"""Units of the manual totals: the unit is shown and chosen, the amount kept
exactly in 元, and a figure far from the category's history is questioned."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import MonthlyTradeTotalFactory, trade_category
from transactions.models import MonthlyTradeTotal

TOTALS = reverse("transactions:monthly_totals", args=[2021, 6])


def post(client, unit, **rows):
    data = {"unit": unit}
    for code, (count, amount) in rows.items():
        pk = trade_category(code).pk
        data[f"count_{pk}"] = count
        data[f"amount_{pk}"] = amount
    return client.post(TOTALS, data, follow=True)


@pytest.mark.django_db
def test_a_wan_yuan_entry_is_converted_exactly(login, editor):
    client = login(editor)
    response = post(client, "万元", housing=("8", "8934.0567"))
    assert response.status_code == 200
    housing = MonthlyTradeTotal.objects.get(category=trade_category("housing"))
    assert housing.amount == Decimal("89340567.00")
    # Shown back in 亿元, exactly.
    assert 'value="0.89340567"' in client.get(TOTALS).content.decode()


@pytest.mark.django_db
def test_a_wan_yuan_entry_finer_than_a_fen_is_refused(login, editor):
    response = post(login(editor), "万元", housing=("8", "0.0000001"))
    message = "“房屋建筑”的金额最多精确到分（0.01元），收到 0.0000001万元。"
    assert message in response.content.decode()
    assert not MonthlyTradeTotal.objects.exists()


@pytest.mark.django_db
def test_a_figure_ten_thousand_times_its_history_is_questioned(login, editor):
    housing = trade_category("housing")
    for month in (3, 4, 5):
        MonthlyTradeTotalFactory(
            category=housing,
            month=datetime.date(2021, month, 1),
            count=8,
            amount=Decimal("89340000.00"),
        )
    # 8934 (万元) typed while 亿元 is chosen: 8934亿元, 10,000 times too much.
    response = post(login(editor), "亿元", housing=("8", "8934"))
    messages = [str(m) for m in response.context["messages"]]
    assert (
        "“房屋建筑”本月8934.0000亿元，是前3个月平均0.8934亿元的10000倍，"
        "请核实金额单位是否选对（当前为亿元）。"
    ) in messages
    # Saved all the same: a warning, not a refusal.
    assert MonthlyTradeTotal.objects.get(
        category=housing, month=datetime.date(2021, 6, 1)
    ).amount == Decimal("893400000000.00")

    response = post(login(editor), "万元", housing=("8", "8934"))
    assert not [m for m in response.context["messages"] if "核实" in str(m)]
