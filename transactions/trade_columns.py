"""The trades spreadsheet's columns: their headers, the Chinese message of every
bad cell, and the widgets that read a cell into a trade's value (and write it
back for an export). ``transactions.resources`` puts them together."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from import_export import widgets

from config.periods import day_in_range
from config.spreadsheets import neutralise, restore
from config.xmltext import illegal_characters

from .models import AMOUNT_DIGITS, AMOUNT_PLACES, TradeCategory

CODE = "项目编号"
NAME = "项目名称"
CATEGORY = "交易类型"
DATE = "成交日期"
AMOUNT = "成交金额（元）"
NOTES = "备注"
# Optional measures (DESIGN 5.4): a sheet without them imports as before and
# leaves stored measures untouched.
BUDGET = "预算金额（元）"
RESERVE = "底价（元）"
VENUE = "交易场所"
MEASURES = (BUDGET, RESERVE, VENUE)
HEADERS = (CODE, NAME, CATEGORY, DATE, AMOUNT, NOTES)
REQUIRED = (CODE, NAME, CATEGORY, DATE, AMOUNT)
# The model attribute each column sets: a bad cell's reason names its column.
COLUMN_OF = {
    "code": CODE,
    "name": NAME,
    "category": CATEGORY,
    "date": DATE,
    "amount": AMOUNT,
    "notes": NOTES,
}
# A column the streaming reader adds: the row's number in the spreadsheet.
ROW_KEY = "_sheet_row"

MISSING_COLUMNS = "表头缺少列：{columns}。表头应为：{headers}。"
MISSING_CELL = "缺少“{column}”。"
UNKNOWN_CATEGORY = "交易类型“{value}”不存在，可用：{choices}。"
BAD_DATE = "成交日期“{value}”无法识别，请写作 2021-06-15。"
# Amount messages name their column: 成交金额, 预算金额, 底价.
AMOUNT_NOT_A_NUMBER = "{label}“{value}”不是数字。"
AMOUNT_NEGATIVE = "{label}不能为负数（收到 {value}）。"
AMOUNT_TOO_PRECISE = "{label}“{value}”超过两位小数（元以下只到分）。"
AMOUNT_TOO_LARGE = "{label}“{value}”超出范围。"
NOT_A_NUMBER = AMOUNT_NOT_A_NUMBER.replace("{label}", "成交金额")
NEGATIVE = AMOUNT_NEGATIVE.replace("{label}", "成交金额")
TOO_PRECISE = AMOUNT_TOO_PRECISE.replace("{label}", "成交金额")
TOO_LARGE = AMOUNT_TOO_LARGE.replace("{label}", "成交金额")
TOO_LONG = "“{column}”超过{limit}个字（收到{length}个）。"
CONTROL_CHARACTER = "“{column}”含有不可见的控制字符（{codes}），请删除后再导入。"
DUPLICATE_CODE = "项目编号“{code}”在文件中重复（第{first}行已出现）。"

_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日")
_GROUPING = re.compile(r"[,，\s]")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a code typed into Excel as a number: 20210601.0
    return str(value).strip()


class RequiredTextWidget(widgets.Widget):
    def __init__(self, column: str, max_length: int, required: bool = True):
        super().__init__(coerce_to_string=True)
        self.column, self.max_length, self.required = column, max_length, required

    def clean(self, value, row=None, **kwargs):
        text = restore(_text(value))  # an export's '=… reads back as typed
        if not text and self.required:
            raise ValueError(MISSING_CELL.format(column=self.column))
        if illegal_characters(text):
            raise ValueError(
                CONTROL_CHARACTER.format(
                    column=self.column, codes="、".join(illegal_characters(text))
                )
            )
        if len(text) > self.max_length:
            raise ValueError(
                TOO_LONG.format(
                    column=self.column, limit=self.max_length, length=len(text)
                )
            )
        return text

    def render(self, value, obj=None, **kwargs):
        # Text a spreadsheet would run as a formula is exported inert.
        return neutralise(value or "")


class CategoryWidget(widgets.Widget):
    """A leaf category by table label (土地出让) or sentence name (土地使用权出让)."""

    def __init__(self):
        super().__init__(coerce_to_string=True)
        self._by_text = None
        self.bureau = None  # set by the resource: the bureau's categories only

    def categories(self) -> dict[str, TradeCategory]:
        if self._by_text is None:
            leaves = (
                TradeCategory.objects.for_bureau(self.bureau).leaves().in_tree_order()
            )
            self._by_text = {c.name: c for c in leaves} | {c.label: c for c in leaves}
            self._labels = "、".join(c.label for c in leaves)
        return self._by_text

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            raise ValueError(MISSING_CELL.format(column=CATEGORY))
        # The trading platform's exports use half-width parentheses: 采矿(探矿)权出让.
        key = text.replace("(", "（").replace(")", "）")
        category = self.categories().get(key)
        if category is None:
            raise ValueError(UNKNOWN_CATEGORY.format(value=text, choices=self._labels))
        return category

    def render(self, value, obj=None, **kwargs):
        return value.label if value else ""


class TradeDateWidget(widgets.Widget):
    def __init__(self):
        super().__init__(coerce_to_string=True)

    def clean(self, value, row=None, **kwargs):
        return day_in_range(self._date(value))

    def _date(self, value) -> datetime.date:
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = _text(value)
        if not text:
            raise ValueError(MISSING_CELL.format(column=DATE))
        # A datetime written as text by another exporter: keep its date part.
        text = text.split(" ")[0].split("T")[0]
        for fmt in _DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(BAD_DATE.format(value=value))

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class AmountWidget(widgets.Widget):
    """Yuan as an exact Decimal; spreadsheet floats are read by their shortest text.

    ``column`` names the cell in messages; an optional one reads blank as None.
    """

    def __init__(self, column: str = AMOUNT, required: bool = True):
        super().__init__(coerce_to_string=True)
        self.column = column
        self.label = column.removesuffix("（元）")
        self.required = required

    def clean(self, value, row=None, **kwargs):
        label = self.label
        if not self.required and (value is None or not _text(value)):
            return None
        if isinstance(value, bool):
            raise ValueError(AMOUNT_NOT_A_NUMBER.format(label=label, value=value))
        if isinstance(value, int | Decimal):
            amount = Decimal(value)
        else:
            # repr(float) is the shortest text that reads back as the same float:
            # 12345.67 stays 12345.67 rather than 12345.6699999999…
            text = repr(value) if isinstance(value, float) else _text(value)
            if not text:
                raise ValueError(MISSING_CELL.format(column=self.column))
            text = _GROUPING.sub("", text).removesuffix("元")
            try:
                amount = Decimal(text)
            except InvalidOperation:
                raise ValueError(
                    AMOUNT_NOT_A_NUMBER.format(label=label, value=value)
                ) from None
        if not amount.is_finite():
            raise ValueError(AMOUNT_NOT_A_NUMBER.format(label=label, value=value))
        if amount < 0:
            raise ValueError(AMOUNT_NEGATIVE.format(label=label, value=value))
        if amount != amount.quantize(Decimal(1).scaleb(-AMOUNT_PLACES)):
            raise ValueError(AMOUNT_TOO_PRECISE.format(label=label, value=value))
        amount = amount.quantize(Decimal(1).scaleb(-AMOUNT_PLACES))
        if len(amount.as_tuple().digits) > AMOUNT_DIGITS:
            raise ValueError(AMOUNT_TOO_LARGE.format(label=label, value=value))
        return amount

    def render(self, value, obj=None, **kwargs):
        return f"{value:f}" if value is not None else ""
