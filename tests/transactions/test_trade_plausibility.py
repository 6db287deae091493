"""The trade form warns when a saved trade's amount is far from its category's
earlier trades: a 万元 contract typed with 元 chosen, or 元 typed as 亿元. The
trade is saved either way; the warning names the trade, the category, the unit
typed in and the ratio."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.factories import EditorFactory, TradeFactory, second_bureau, trade_category
from transactions.models import Trade

pytestmark = pytest.mark.django_db

ADD = reverse("transactions:trade_create")


@pytest.fixture
def wan():
    bureau = second_bureau()
    bureau.amount_unit, bureau.amount_places = "万元", 2
    bureau.save()
    return bureau


@pytest.fixture
def editor(wan, login):
    return login(EditorFactory(username="hx-editor", bureau=wan))


def history(bureau, amounts, category="municipal"):
    """Trades of ``category`` in April and May 2021."""
    for n, amount in enumerate(amounts):
        TradeFactory(
            bureau=bureau,
            code=f"HX-OLD-{n}",
            category=trade_category(category, bureau=bureau),
            date=datetime.date(2021, 4 + n % 2, 10),
            amount=Decimal(amount),
        )


def post(client, bureau, **fields):
    return client.post(
        ADD,
        {
            "code": "HX-2021-1",
            "name": "测试项目",
            "category": trade_category("municipal", bureau=bureau).pk,
            "date": "2021-06-15",
            "venue": "",
            "notes": "",
            **fields,
        },
    )


def warnings(response) -> list[str]:
    sent = get_messages(response.wsgi_request)
    return [m.message for m in sent if m.level_tag == "warning"]


def test_wan_yuan_typed_as_yuan_is_saved_and_flagged(wan, editor):
    history(wan, ["8934000.00", "9120000.00"])  # about 900万元 a trade
    response = post(editor, wan, unit="元", amount="903.5")
    assert response.status_code == 302
    assert Trade.objects.get(code="HX-2021-1").amount == Decimal("903.50")
    [warning] = warnings(response)
    assert warning.startswith("“HX-2021-1”的成交金额903.50元，是“市政”")
    assert "前3个月2宗交易平均9027000.00元的9991倍" in warning
    assert warning.endswith("请核实金额单位是否选对（本次按元填写）。")


def test_the_same_figure_in_the_right_unit_says_nothing(wan, editor):
    history(wan, ["8934000.00", "9120000.00"])
    response = post(editor, wan, unit="万元", amount="903.5")
    assert response.status_code == 302
    assert Trade.objects.get(code="HX-2021-1").amount == Decimal("9035000.00")
    assert warnings(response) == []


def test_too_large_is_flagged_in_the_unit_typed(wan, editor):
    history(wan, ["89340.00", "91200.00"])  # about 9万元 a trade
    response = post(editor, wan, unit="万元", amount="90270")
    [warning] = warnings(response)
    assert "成交金额90270.00万元" in warning
    assert "平均9.03万元的10000倍" in warning


def test_no_history_or_another_category_says_nothing(wan, editor):
    assert warnings(post(editor, wan, unit="元", amount="903.5")) == []
    history(wan, ["8934000.00"], category="housing")
    response = post(editor, wan, unit="元", amount="12.00", code="HX-2021-2")
    assert warnings(response) == []


def test_months_outside_the_window_and_the_trade_itself_do_not_count(wan, editor):
    # A June trade and a trade of February: neither is in April–May.
    for code, day in (
        ("HX-JUN", datetime.date(2021, 6, 1)),
        ("HX-FEB", datetime.date(2021, 2, 1)),
    ):
        TradeFactory(
            bureau=wan,
            code=code,
            category=trade_category("municipal", bureau=wan),
            date=day,
            amount=Decimal("8934000.00"),
        )
    assert warnings(post(editor, wan, unit="元", amount="903.5")) == []


def test_an_edit_is_checked_too(wan, editor):
    history(wan, ["8934000.00", "9120000.00"])
    trade = TradeFactory(
        bureau=wan,
        code="HX-2021-9",
        category=trade_category("municipal", bureau=wan),
        date=datetime.date(2021, 6, 15),
        amount=Decimal("9000000.00"),
    )
    response = editor.post(
        reverse("transactions:trade_update", args=[trade.pk]),
        {
            "code": "HX-2021-9",
            "name": trade.name,
            "category": trade.category.pk,
            "date": "2021-06-15",
            "unit": "元",
            "amount": "900",
            "venue": "",
            "notes": "",
        },
    )
    assert response.status_code == 302
    [warning] = warnings(response)
    assert warning.startswith("“HX-2021-9”的成交金额900.00元")


def test_another_bureaus_trades_are_not_its_history(wan, editor):
    from tests.factories import default_bureau

    haidong = default_bureau()
    history(haidong, ["8934000.00", "9120000.00"])
    assert warnings(post(editor, wan, unit="元", amount="903.5")) == []
