"""Template filters of the trade screens."""

from decimal import Decimal

from django import template

from ..amounts import TABLE_PLACES, format_yi
from ..resources import COLUMN_OF

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
def yi(amount: Decimal | None) -> str:
    """Yuan in 亿元 as the bulletin's tables print them: 89340000 → "0.8934"."""
    return format_yi(amount, TABLE_PLACES)
