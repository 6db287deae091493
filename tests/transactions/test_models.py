"""Trades and manual totals: database constraints, leaf categories, roles."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import (
    ClerkFactory,
    EditorFactory,
    LeaderFactory,
    MonthlyTradeTotalFactory,
    TradeFactory,
    default_bureau,
    trade_category,
)
from transactions.models import MonthlyTradeTotal, Trade


def test_a_negative_amount_is_refused_by_the_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        TradeFactory(amount=Decimal("-0.01"))
    with pytest.raises(IntegrityError), transaction.atomic():
        MonthlyTradeTotalFactory(amount=Decimal("-1"))
    assert not Trade.objects.exists() and not MonthlyTradeTotal.objects.exists()


def test_project_codes_are_unique(db):
    TradeFactory(code="HD-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        TradeFactory(code="HD-1")


def test_a_manual_total_is_for_a_first_of_month(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        MonthlyTradeTotalFactory(month=datetime.date(2021, 6, 2))
    total = MonthlyTradeTotal(
        month=datetime.date(2021, 6, 2), category=trade_category(), count=1, amount=1
    )
    with pytest.raises(ValidationError, match="月份须为当月1日"):
        total.full_clean()


def test_one_manual_total_per_month_and_leaf(db):
    MonthlyTradeTotal.objects.create(
        bureau=default_bureau(),
        month=datetime.date(2021, 6, 1),
        category=trade_category(),
        count=1,
        amount=1,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        MonthlyTradeTotal.objects.create(
            bureau=default_bureau(),
            month=datetime.date(2021, 6, 1),
            category=trade_category(),
            count=2,
            amount=2,
        )


def test_a_trade_belongs_to_a_leaf_category(db):
    trade = TradeFactory.build(category=trade_category("engineering"))
    with pytest.raises(ValidationError, match="请选择具体的子类别（如“房屋建筑”）"):
        trade.full_clean()
    TradeFactory.build(category=trade_category("procurement")).full_clean()


def test_trades_keep_a_history(db):
    trade = TradeFactory(amount=Decimal("1"))
    trade.amount = Decimal("2")
    trade.save()
    assert [h.amount for h in trade.history.all()] == [Decimal("2"), Decimal("1")]


def test_roles_get_the_trade_permissions(db):
    editor, leader, clerk = EditorFactory(), LeaderFactory(), ClerkFactory()
    for perm in (
        "transactions.add_trade",
        "transactions.change_trade",
        "transactions.delete_trade",
        "transactions.view_trade",
        "transactions.change_monthlytradetotal",
    ):
        assert editor.has_perm(perm), perm
    assert leader.has_perm("transactions.view_trade")
    assert not leader.has_perm("transactions.change_trade")
    assert not clerk.has_perm("transactions.view_trade")
