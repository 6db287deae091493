"""Demo data (DEMO DATA): 海西州's June 2022 trade totals."""

import datetime
from decimal import Decimal

from bureaus.models import Bureau

from .amounts import YUAN_PER_YI
from .models import MonthlyTradeTotal, TradeCategory

# 海西州, June 2022 (../shared/seed/haixi-tongbao-2022-06.md): the bureau reports
# 工程建设 as one figure, so its 工程建设 is a leaf (its starter children go);
# 矿业权 (5 宗, count only) waits for count-only categories (DESIGN 5.4).
HAIXI_MONTH = datetime.date(2022, 6, 1)
HAIXI_JUNE_2022 = {
    "engineering": (76, "6.1798"),
    "procurement": (163, "2.0239"),
}


def load(stdout) -> None:
    bureau = Bureau.objects.get(slug="haixi")
    categories = TradeCategory.objects.for_bureau(bureau)
    categories.filter(parent__code="engineering", trades__isnull=True).filter(
        monthly_totals__isnull=True
    ).delete()
    by_code = {c.code: c for c in categories.filter(code__in=HAIXI_JUNE_2022)}
    for code, (count, yi) in HAIXI_JUNE_2022.items():
        MonthlyTradeTotal.objects.update_or_create(
            bureau=bureau,
            month=HAIXI_MONTH,
            category=by_code[code],
            defaults={"count": count, "amount": Decimal(yi) * YUAN_PER_YI},
        )
    stdout.write("演示交易（海西州）：2022年6月工程建设、政府采购汇总。")
