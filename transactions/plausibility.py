"""Is a trade's amount far from its category's earlier trades?

A 万元 contract typed with 元 chosen on the trade form is 10,000 times too
small; a 元 amount typed as 亿元 is 10⁸ times too large. After a trade is saved,
its amount is compared with the mean amount of the same category's trades in the
``HISTORY_MONTHS`` months before its own (one query); when the ratio reaches
``VALIDATION_IMPLAUSIBLE_RATIO`` the editor is told, in the unit they typed in,
and asked to check the unit. The trade is saved either way: a warning, like the
manual totals' (``MonthlyTotalsForm.implausible``), never a refusal, since a
category may well see one trade far larger than usual.
"""

from decimal import Decimal

from django.conf import settings
from django.db.models import Avg, Count

from bureaus.units import max_places
from config.periods import month_end, previous_month
from submissions.defined import implausible_ratio

from .amounts import format_amount
from .forms import HISTORY_MONTHS
from .models import Trade

IMPLAUSIBLE_TRADE = (
    "“{code}”的成交金额{value}{unit}，是“{label}”前{months}个月{trades}宗交易"
    "平均{mean}{unit}的{ratio}倍，请核实金额单位是否选对（本次按{unit}填写）。"
)


def trade_warning(trade: Trade, unit: str, places: int) -> str | None:
    """The warning for ``trade`` (saved, amounts in 元) typed in ``unit``, or
    None when its category has no earlier trades or the amount is plausible."""
    month = trade.date.replace(day=1)
    start = month
    for _ in range(HISTORY_MONTHS):
        start = previous_month(start)
    past = (
        Trade.objects.for_bureau(trade.bureau)
        .filter(
            category=trade.category,
            date__gte=start,
            date__lte=month_end(previous_month(month)),
        )
        .exclude(pk=trade.pk)
        .aggregate(mean=Avg("amount"), trades=Count("pk"))
    )
    if not past["trades"]:
        return None
    mean = Decimal(past["mean"])
    ratio = implausible_ratio(trade.amount, [mean])
    if ratio is None or ratio < settings.VALIDATION_IMPLAUSIBLE_RATIO:
        return None
    places = min(places, max_places(unit))
    return IMPLAUSIBLE_TRADE.format(
        code=trade.code,
        label=trade.category.label,
        value=format_amount(trade.amount, unit, places),
        months=HISTORY_MONTHS,
        trades=past["trades"],
        mean=format_amount(mean, unit, places),
        ratio=f"{ratio.quantize(Decimal(1)):f}",
        unit=unit,
    )
