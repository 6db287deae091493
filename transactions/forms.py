import datetime
from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.conf import settings

from config.periods import MonthField, PeriodError, day_in_range
from config.xmltext import XmlTextMixin
from submissions.defined import UNIT_YUAN, implausible_ratio, to_yuan

from .amounts import TABLE_PLACES, YUAN_PER_YI, format_yi, to_yi
from .locks import check_month_open
from .models import (
    AMOUNT_DIGITS,
    AMOUNT_PLACES,
    MonthlyTradeTotal,
    Trade,
    TradeCategory,
)
from .services import MonthlyFigure

CODE_TAKEN = "项目编号“{code}”已被另一交易项目使用。"
NEGATIVE_AMOUNT = "金额不能为负数（收到 {value}）。"
NEGATIVE_COUNT = "项目数不能为负数（收到 {value}）。"
HALF_FILLED = "“{label}”请同时填写项目数和金额，或两者都留空。"
TOO_PRECISE_YI = "“{label}”的金额最多精确到元（亿元后8位小数），收到 {value}。"
TOO_PRECISE = "“{label}”的金额最多精确到分（0.01元），收到 {value}{unit}。"
NOT_A_NUMBER_YI = "“{label}”的金额须为以亿元计的数字，如 0.8934。"
NOT_A_NUMBER_IN = "“{label}”的金额须为以{unit}计的数字。"
IMPLAUSIBLE_TOTAL = (
    "“{label}”本月{value}亿元，是前{months}个月平均{mean}亿元的{ratio}倍，"
    "请核实金额单位是否选对（当前为{unit}）。"
)
# Units the manual totals may be typed in; 亿元 as 附件2 prints them.
AMOUNT_UNITS = [("亿元", "亿元"), ("万元", "万元"), ("元", "元")]
DEFAULT_UNIT = "亿元"
HISTORY_MONTHS = 3
NOT_A_COUNT = "“{label}”的项目数须为整数。"
COUNT_TOO_LARGE = "“{label}”的项目数过大，不能超过{limit}。"
AMOUNT_TOO_LARGE_YI = "“{label}”的金额过大，不能超过{limit}亿元。"

# What the database columns hold: a PositiveIntegerField, and yuan with
# AMOUNT_DIGITS digits of which AMOUNT_PLACES are decimals.
MAX_COUNT = 2_147_483_647

# Manual totals are entered in 亿元 as printed in 附件2; up to 8 decimals is 1 元.
YI_PLACES = 8
# The largest amount in 亿元 the yuan column holds (10^8 亿元 at 18 digits).
MAX_YI = Decimal(10) ** (AMOUNT_DIGITS - AMOUNT_PLACES - 8)


def category_choice_label(category: TradeCategory) -> str:
    if category.parent_id:
        return f"{category.parent.label} · {category.label}"
    return category.label


class LeafCategoryField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return category_choice_label(obj)


class TradeForm(XmlTextMixin, forms.ModelForm):
    category = LeafCategoryField(
        queryset=TradeCategory.objects.none(),
        label="交易类型",
        empty_label="请选择",
        error_messages={
            "required": "请选择交易类型。",
            "invalid_choice": "请选择具体的交易类型（如工程建设下的“房屋建筑”）。",
        },
    )

    class Meta:
        model = Trade
        fields = [
            "code",
            "name",
            "category",
            "date",
            "amount",
            "budget",
            "reserve_price",
            "venue",
            "notes",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "amount": forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
            "budget": forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
            "reserve_price": forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
        }
        help_texts = {"amount": "以元为单位，精确到分，例如 89340000.00。"}
        # Stated here, not left to Django's translations: LocaleMiddleware would
        # follow an English browser and print "This field is required."
        error_messages = {
            "code": {"required": "请填写项目编号。"},
            "name": {"required": "请填写项目名称。"},
            "date": {
                "required": "请填写成交日期。",
                "invalid": "成交日期格式不正确，请写作 2021-06-15。",
            },
            "amount": {
                "required": "请填写成交金额。",
                "invalid": "成交金额须为数字（元）。",
                "max_decimal_places": "成交金额最多保留两位小数（分）。",
                "max_digits": "成交金额超出范围。",
                "max_whole_digits": "成交金额超出范围。",
            },
            **{
                name: {
                    "invalid": f"{label}须为数字（元）。",
                    "max_decimal_places": f"{label}最多保留两位小数（分）。",
                    "max_digits": f"{label}超出范围。",
                    "max_whole_digits": f"{label}超出范围。",
                }
                for name, label in (("budget", "预算"), ("reserve_price", "底价"))
            },
        }

    def __init__(self, *args, bureau, **kwargs):
        super().__init__(*args, **kwargs)
        self.bureau = bureau
        self.instance.bureau = bureau
        leaves = TradeCategory.objects.for_bureau(bureau).leaves().in_tree_order()
        field = self.fields["category"]
        field.queryset = TradeCategory.objects.filter(pk__in=[c.pk for c in leaves])
        field.choices = [("", "请选择")] + [
            (c.pk, category_choice_label(c)) for c in leaves
        ]
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(
                Column("code", css_class="col-md-4"),
                Column("name", css_class="col-md-8"),
            ),
            Row(
                Column("category", css_class="col-md-4"),
                Column("date", css_class="col-md-4"),
                Column("amount", css_class="col-md-4"),
            ),
            Row(
                Column("budget", css_class="col-md-4"),
                Column("reserve_price", css_class="col-md-4"),
                Column("venue", css_class="col-md-4"),
            ),
            "notes",
            Submit("submit", "保存"),
        )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        taken = (
            Trade.objects.for_bureau(self.bureau)
            .filter(code=code)
            .exclude(pk=self.instance.pk)
        )
        if taken.exists():
            raise forms.ValidationError(CODE_TAKEN.format(code=code), code="unique")
        return code

    def clean_date(self):
        try:
            return day_in_range(self.cleaned_data["date"])
        except PeriodError as exc:
            raise forms.ValidationError(str(exc), code="period") from None

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount < 0:
            raise forms.ValidationError(
                NEGATIVE_AMOUNT.format(value=amount), code="negative"
            )
        return amount


class TradeFilterForm(forms.Form):
    month = MonthField(
        label="月份",
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}),
    )
    category = LeafCategoryField(
        queryset=TradeCategory.objects.none(),
        label="交易类型",
        required=False,
        empty_label="全部类型",
    )

    def __init__(self, *args, bureau, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = TradeCategory.objects.for_bureau(bureau)
        categories = TradeCategory.objects.for_bureau(bureau).in_tree_order()
        parents = {c.parent_id for c in categories if c.parent_id}
        self.fields["category"].choices = [("", "全部类型")] + [
            (
                c.pk,
                f"{c.label}（全部）" if c.pk in parents else category_choice_label(c),
            )
            for c in categories
        ]


class MonthlyTotalsForm(forms.Form):
    """附件2 as a form: a count and an amount in 亿元 for each of the 13 leaves.

    A row left blank has no manual total (the month's trade records count); a row
    filled in (zeros included) takes precedence over them.
    """

    unit = forms.ChoiceField(
        label="金额单位", choices=AMOUNT_UNITS, required=False, initial=DEFAULT_UNIT
    )

    def __init__(self, *args, month: datetime.date, bureau, **kwargs):
        super().__init__(*args, **kwargs)
        self.month = month
        self.bureau = bureau
        self.leaves = TradeCategory.objects.for_bureau(bureau).leaves().in_tree_order()
        stored = {
            t.category_id: t
            for t in MonthlyTradeTotal.objects.for_bureau(bureau).for_month(month)
        }
        for leaf in self.leaves:
            total = stored.get(leaf.pk)
            self.fields[f"count_{leaf.pk}"] = forms.IntegerField(
                label=f"{leaf.label} 项目数",
                required=False,
                max_value=MAX_COUNT,
                error_messages={
                    "invalid": NOT_A_COUNT.format(label=leaf.label),
                    "max_value": COUNT_TOO_LARGE.format(
                        label=leaf.label, limit=MAX_COUNT
                    ),
                },
                initial=total.count if total else None,
                widget=forms.NumberInput(attrs={"min": "0", "class": "text-end"}),
            )
            self.fields[f"amount_{leaf.pk}"] = forms.DecimalField(
                label=f"{leaf.label} 金额",
                required=False,
                max_digits=20,
                error_messages={
                    "invalid": NOT_A_NUMBER_YI.format(label=leaf.label),
                    "max_digits": NOT_A_NUMBER_YI.format(label=leaf.label),
                    "max_whole_digits": NOT_A_NUMBER_YI.format(label=leaf.label),
                },
                initial=_yi_text(total.amount) if total else None,
                widget=forms.TextInput(
                    attrs={"inputmode": "decimal", "class": "text-end"}
                ),
            )
        self.helper = FormHelper()
        self.helper.form_tag = False

    def rows(self):
        for leaf in self.leaves:
            yield leaf, self[f"count_{leaf.pk}"], self[f"amount_{leaf.pk}"]

    @property
    def unit_label(self) -> str:
        """The unit the amounts are typed in (亿元 unless chosen otherwise)."""
        chosen = self["unit"].value() or DEFAULT_UNIT
        return chosen if chosen in UNIT_YUAN else DEFAULT_UNIT

    def clean_unit(self) -> str:
        return self.cleaned_data.get("unit") or DEFAULT_UNIT

    def clean(self):
        cleaned = super().clean()
        check_month_open(self.bureau.pk, self.month)
        unit = cleaned.get("unit") or DEFAULT_UNIT
        if unit != DEFAULT_UNIT:
            # The field's own messages speak of 亿元; say the chosen unit.
            for leaf in self.leaves:
                key = f"amount_{leaf.pk}"
                if self.has_error(key, "invalid"):
                    self.errors[key] = self.error_class(
                        [NOT_A_NUMBER_IN.format(label=leaf.label, unit=unit)]
                    )
        for leaf in self.leaves:
            count_key, amount_key = f"count_{leaf.pk}", f"amount_{leaf.pk}"
            if count_key not in cleaned or amount_key not in cleaned:
                continue  # the field's own error is shown
            count, amount = cleaned[count_key], cleaned[amount_key]
            if (count is None) != (amount is None):
                self.add_error(
                    count_key if count is None else amount_key,
                    forms.ValidationError(
                        HALF_FILLED.format(label=leaf.label), code="half_filled"
                    ),
                )
            if count is not None and count < 0:
                self.add_error(
                    count_key,
                    forms.ValidationError(
                        NEGATIVE_COUNT.format(value=count), code="negative"
                    ),
                )
            if amount is not None and amount < 0:
                self.add_error(
                    amount_key,
                    forms.ValidationError(
                        NEGATIVE_AMOUNT.format(value=amount), code="negative"
                    ),
                )
            elif (
                amount is not None and amount * UNIT_YUAN[unit] >= MAX_YI * YUAN_PER_YI
            ):
                self.add_error(
                    amount_key,
                    forms.ValidationError(
                        AMOUNT_TOO_LARGE_YI.format(label=leaf.label, limit=MAX_YI),
                        code="too_large",
                    ),
                )
            elif amount is not None and not _exact_in(amount, unit):
                message = (
                    TOO_PRECISE_YI.format(label=leaf.label, value=amount)
                    if unit == DEFAULT_UNIT
                    else TOO_PRECISE.format(
                        label=leaf.label, value=f"{amount:f}", unit=unit
                    )
                )
                self.add_error(
                    amount_key, forms.ValidationError(message, code="too_precise")
                )
        return cleaned

    def figures(self) -> list[MonthlyFigure]:
        """The rows in exact 元, converted from the chosen unit."""
        unit = self.cleaned_data["unit"]
        figures = []
        for leaf in self.leaves:
            count = self.cleaned_data[f"count_{leaf.pk}"]
            typed = self.cleaned_data[f"amount_{leaf.pk}"]
            amount = None if typed is None else to_yuan(typed, unit)
            figures.append(MonthlyFigure(leaf, count, amount))
        return figures

    def implausible(self, history: dict[int, list[Decimal]]) -> list[str]:
        """Warnings for amounts far from the same category's earlier months
        (``history``: category id → its amounts in 元, month by month): a 万元
        figure typed with 亿元 chosen is 10,000 times too large."""
        limit = Decimal(settings.VALIDATION_IMPLAUSIBLE_RATIO)
        unit = self.cleaned_data["unit"]
        warnings = []
        for figure in self.figures():
            past = [a for a in history.get(figure.category.pk, []) if a]
            ratio = implausible_ratio(figure.amount, past)
            if ratio is None or ratio < limit:
                continue
            mean = sum(past) / len(past)
            warnings.append(
                IMPLAUSIBLE_TOTAL.format(
                    label=figure.category.label,
                    value=format_yi(figure.amount, TABLE_PLACES),
                    months=len(past),
                    mean=format_yi(mean, TABLE_PLACES),
                    ratio=f"{ratio.quantize(Decimal(1)):f}",
                    unit=unit,
                )
            )
        return warnings


def _exact_in(amount: Decimal, unit: str) -> bool:
    """Whether ``amount`` typed in ``unit`` is exact: to the 元 in 亿元 (8
    decimals, as 附件2's totals always were), to the 分 otherwise."""
    if unit == DEFAULT_UNIT:
        return amount == round(amount, YI_PLACES)
    try:
        to_yuan(amount, unit)
    except ValueError:
        return False
    return True


def _yi_text(amount_yuan: Decimal) -> str:
    """Stored yuan as 亿元 without trailing zeros: 89340000 → '0.8934'."""
    yi = to_yi(amount_yuan)
    text = f"{yi:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
