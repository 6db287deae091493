"""Template filters of the trade screens."""

from decimal import Decimal

from django import template

from ..amounts import format_amount, yuan_per
from ..trade_columns import COLUMN_OF

register = template.Library()


@register.filter
def column_heading(attribute: str) -> str:
    """A trade field's spreadsheet column: "category" → "交易类型"."""
    return COLUMN_OF.get(attribute, "整行")


@register.filter
def yuan(amount: Decimal | None) -> str:
    """12345678.5 → "12,345,678.50" (元, grouped by thousands)."""
    if amount is None:
        return ""
    return f"{amount:,.2f}"


@register.filter
def amount_in(amount: Decimal | None, bureau) -> str:
    """Yuan in the bureau's working unit and decimals, half-up: 89340000 →
    "0.8934" (亿元, 4 places), "8934.00" (万元, 2 places)."""
    return format_amount(amount, bureau.amount_unit, bureau.amount_places)


@register.filter
def yuan_in(unit: str) -> str:
    """How many 元 one ``unit`` is, grouped: "亿元" → "100,000,000"."""
    return f"{yuan_per(unit):,f}"
