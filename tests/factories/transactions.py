import datetime
from decimal import Decimal

import factory

from transactions.models import MonthlyTradeTotal, Trade, TradeCategory

from .bureaus import default_bureau

__all__ = ["TradeFactory", "MonthlyTradeTotalFactory", "trade_category"]


def trade_category(code: str = "housing", bureau=None) -> TradeCategory:
    """A trade category of the bureau's starter tree (海东's by default)."""
    return TradeCategory.objects.get(bureau=bureau or default_bureau(), code=code)


class TradeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trade

    bureau = factory.LazyFunction(default_bureau)
    code = factory.Sequence(lambda n: f"HD-2021-{n:05d}")
    name = factory.Sequence(lambda n: f"测试交易项目{n}")
    category = factory.LazyAttribute(lambda o: trade_category(bureau=o.bureau))
    date = datetime.date(2021, 6, 15)
    amount = Decimal("1000000.00")


class MonthlyTradeTotalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonthlyTradeTotal
        django_get_or_create = ("bureau", "month", "category")

    bureau = factory.LazyFunction(default_bureau)
    month = datetime.date(2021, 6, 1)
    category = factory.LazyAttribute(lambda o: trade_category(bureau=o.bureau))
    count = 0
    amount = Decimal("0")
