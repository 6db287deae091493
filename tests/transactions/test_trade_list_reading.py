"""The trades list as the editor reads it (issue 16, finding 4): amounts grouped
by thousands with their unit, how 元 relate to the 亿元 totals, and the month in
view as the new trade's default date. The layout at 1280 and 390 px is checked
in the browser (tests/test_journey_everyday.py)."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from tests.factories import TradeFactory


def test_amounts_are_grouped_and_their_unit_named(login, editor):
    TradeFactory(date=datetime.date(2021, 6, 3), amount=Decimal("12345678.00"))
    html = (
        login(editor)
        .get(reverse("transactions:trade_list") + "?month=2021-06")
        .content.decode()
    )
    assert "12,345,678.00元" in html
    assert "12345678.00" not in html
    assert "约0.1235亿元" in html
    assert "1亿元 = 100,000,000元" in html


def test_new_trade_defaults_to_the_month_in_view(login, editor):
    client = login(editor)
    listing = client.get(reverse("transactions:trade_list") + "?month=2021-06")
    add_url = reverse("transactions:trade_create") + "?month=2021-06"
    assert add_url in listing.content.decode()
    form = client.get(add_url).context["form"]
    assert form.initial["date"] == datetime.date(2021, 6, 1)
    assert 'value="2021-06-01"' in client.get(add_url).content.decode()


def test_new_trade_in_the_current_month_defaults_to_today(login, editor):
    today = timezone.localdate()
    response = login(editor).get(
        reverse("transactions:trade_create") + f"?month={today:%Y-%m}"
    )
    assert response.context["form"].initial["date"] == today


def test_a_junk_month_leaves_the_date_empty(login, editor):
    response = login(editor).get(reverse("transactions:trade_create") + "?month=x")
    assert response.status_code == 200
    assert "date" not in response.context["form"].initial
