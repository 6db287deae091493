import datetime
from decimal import Decimal

import factory

from transactions.models import MonthlyTradeTotal, Trade, TradeCategory

__all__ = ["TradeFactory", "MonthlyTradeTotalFactory", "trade_category"]


def trade_category(code: str = "housing") -> TradeCategory:
    """A trade category created by the category migration, by its code."""
    return TradeCategory.objects.get(code=code)


class TradeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trade

    code = factory.Sequence(lambda n: f"HD-2021-{n:05d}")
    name = factory.Sequence(lambda n: f"测试交易项目{n}")
    category = factory.LazyFunction(trade_category)
    date = datetime.date(2021, 6, 15)
    amount = Decimal("1000000.00")


class MonthlyTradeTotalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonthlyTradeTotal
        django_get_or_create = ("month", "category")

    month = datetime.date(2021, 6, 1)
    category = factory.LazyFunction(trade_category)
    count = 0
    amount = Decimal("0")
