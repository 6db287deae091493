"""Demo data: the seed's attachment 2 (June 2021) as manual monthly totals.

Source: ../shared/seed/haidong-bulletin-063-2021-06.txt, 附件2 公共资源交易进场交易情况
统计表. The month is known only as totals, so each of the 13 rows is recorded as a
``MonthlyTradeTotal`` (zeros included: a stated zero, "no trades"). Running it
twice changes nothing.
"""

import datetime
from decimal import Decimal

from bureaus.models import Bureau
from bureaus.units import YI

from .amounts import yuan_per
from .models import MonthlyTradeTotal, TradeCategory

MONTH = datetime.date(2021, 6, 1)

# Category code → (count, amount in 亿元 as printed in the seed's table).
JUNE_2021 = {
    "housing": (8, "0.8934"),
    "municipal": (11, "0.5827"),
    "highway": (0, "0"),
    "railway": (0, "0"),
    "waterway": (0, "0"),
    "water": (7, "0.5128"),
    "energy": (0, "0"),
    "telecom": (0, "0"),
    "engineering-other": (28, "0.7066"),
    "procurement": (162, "1.44"),
    "land": (8, "3.5911"),
    "mining": (0, "0"),
    "property": (0, "0"),
}


def load(stdout) -> None:
    bureau = Bureau.objects.get(slug="haidong")
    categories = {
        c.code: c
        for c in TradeCategory.objects.for_bureau(bureau).filter(code__in=JUNE_2021)
    }
    for code, (count, yi) in JUNE_2021.items():
        MonthlyTradeTotal.objects.update_or_create(
            bureau=bureau,
            month=MONTH,
            category=categories[code],
            defaults={"count": count, "amount": Decimal(yi) * yuan_per(YI)},
        )
    stdout.write(
        f"演示交易：2021年6月公共资源交易汇总（附件2），{len(JUNE_2021)}个类别。"
    )
