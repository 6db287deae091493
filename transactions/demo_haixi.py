"""Demo data (DEMO DATA): 海西州's June 2022 trade totals."""

import datetime
from decimal import Decimal

from bureaus.models import Bureau
from bureaus.units import YI

from .amounts import yuan_per
from .models import MonthlyTradeTotal, TradeCategory

# 海西州, June 2022 (../shared/seed/haixi-tongbao-2022-06.md): the bureau reports
# 工程建设 as one figure, so its 工程建设 is a leaf (its starter children go).
# Savings (节约资金) come from the budgets: the seed prints 0.3185 and 0.0819 亿元
# and a total of 0.4005, so the exact savings (demo values) are 31,854,900 and
# 8,194,900 元, each printed figure rounded from its own exact sum.
# 矿业权 is 5 宗 by count only, reported beside the total of 239 (DESIGN 5.4).
# 工程建设's projects are counted in 项, as the seed prints them (76项).
HAIXI_MONTH = datetime.date(2022, 6, 1)
# code → (count, amount in 亿元, savings in 元)
HAIXI_JUNE_2022 = {
    "engineering": (76, "6.1798", "31854900"),
    "procurement": (163, "2.0239", "8194900"),
    "mining": (5, "0", None),
}
COUNT_ONLY_BESIDE_TOTAL = ("mining",)


def load(stdout) -> None:
    bureau = Bureau.objects.get(slug="haixi")
    categories = TradeCategory.objects.for_bureau(bureau)
    categories.filter(parent__code="engineering", trades__isnull=True).filter(
        monthly_totals__isnull=True
    ).delete()
    categories.filter(code="engineering").update(measure_word="项")
    categories.filter(code__in=COUNT_ONLY_BESIDE_TOTAL).update(
        in_total=False, amount_printed=False
    )
    by_code = {c.code: c for c in categories.filter(code__in=HAIXI_JUNE_2022)}
    for code, (count, yi, savings) in HAIXI_JUNE_2022.items():
        amount = Decimal(yi) * yuan_per(YI)
        MonthlyTradeTotal.objects.update_or_create(
            bureau=bureau,
            month=HAIXI_MONTH,
            category=by_code[code],
            defaults={
                "count": count,
                "amount": amount,
                "budget": None if savings is None else amount + Decimal(savings),
            },
        )
    stdout.write("演示交易（海西州）：2022年6月工程建设、政府采购、矿业权汇总。")
