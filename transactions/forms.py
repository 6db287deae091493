import datetime
from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.conf import settings

from bureaus.units import AMOUNT_UNITS, UNIT_CHOICES, YUAN, max_places
from config.periods import MonthField, PeriodError, day_in_range
from config.xmltext import XmlTextMixin
from submissions.defined import from_yuan, implausible_ratio

from .amount_input import amount_field, name_the_unit, yuan_from
from .amounts import format_amount
from .locks import check_month_open
from .models import MonthlyTradeTotal, Trade, TradeCategory
from .services import MonthlyFigure

CODE_TAKEN = "项目编号“{code}”已被另一交易项目使用。"
NEGATIVE_COUNT = "项目数不能为负数（收到 {value}）。"
HALF_FILLED = "“{label}”请同时填写项目数和金额，或两者都留空。"
# Every amount is kept to the 分 (``amount_input``); a manual total is typed
# with at most TOTAL_PLACES decimals whatever its unit (in 亿元: to the 元, as
# 附件2's totals always were).
TOO_PRECISE_TOTAL = "{label}最多精确到元（{unit}后{places}位小数），收到 {value}。"
NOT_A_NUMBER = "“{label}”的金额须为数字。"
IMPLAUSIBLE_TOTAL = (
    "“{label}”本月{value}{unit}，是前{months}个月平均{mean}{unit}的{ratio}倍，"
    "请核实金额单位是否选对（当前为{unit}）。"
)
UNIT_NOT_OFFERED = "金额单位“%(value)s”不可选，请从列表中选择。"
HISTORY_MONTHS = 3
NOT_A_COUNT = "“{label}”的项目数须为整数。"
COUNT_TOO_LARGE = "“{label}”的项目数过大，不能超过{limit}。"
TOTAL_PLACES = 8

# What the database column holds: a PositiveIntegerField.
MAX_COUNT = 2_147_483_647


def category_choice_label(category: TradeCategory) -> str:
    if category.parent_id:
        return f"{category.parent.label} · {category.label}"
    return category.label


class LeafCategoryField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return category_choice_label(obj)


class TradeForm(XmlTextMixin, forms.ModelForm):
    """A trade record. Its amounts are typed in 元 (the records' own unit, as
    the import reads them) or in the bureau's working unit, and kept in 元."""

    category = LeafCategoryField(
        queryset=TradeCategory.objects.none(),
        label="交易类型",
        empty_label="请选择",
        error_messages={
            "required": "请选择交易类型。",
            "invalid_choice": "请选择具体的交易类型（如工程建设下的“房屋建筑”）。",
        },
    )
    unit = forms.ChoiceField(
        label="金额单位",
        required=False,
        initial=YUAN,
        error_messages={"invalid_choice": UNIT_NOT_OFFERED},
        help_text="成交金额、预算和底价均按此单位填写，按元精确到分保存。",
    )
    amount = amount_field("成交金额", required=True)
    budget = amount_field(
        "预算/最高限价",
        required=False,
        help_text="填写后计算节约资金 = 预算 − 成交金额。",
    )
    reserve_price = amount_field(
        "底价",
        required=False,
        help_text="出让类交易填写后计算增价 = 成交金额 − 底价。",
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
        }
        # Stated here, not left to Django's translations: LocaleMiddleware would
        # follow an English browser and print "This field is required."
        error_messages = {
            "code": {"required": "请填写项目编号。"},
            "name": {"required": "请填写项目名称。"},
            "date": {
                "required": "请填写成交日期。",
                "invalid": "成交日期格式不正确，请写作 2021-06-15。",
            },
        }

    AMOUNTS = ("amount", "budget", "reserve_price")

    def __init__(self, *args, bureau, **kwargs):
        super().__init__(*args, **kwargs)
        self.bureau = bureau
        self.instance.bureau = bureau
        self.fields["unit"].choices = [
            (u, u) for u in dict.fromkeys([YUAN, bureau.amount_unit])
        ]
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
                Column("venue", css_class="col-md-4"),
            ),
            Row(
                Column("unit", css_class="col-md-3"),
                Column("amount", css_class="col-md-3"),
                Column("budget", css_class="col-md-3"),
                Column("reserve_price", css_class="col-md-3"),
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

    def clean_unit(self) -> str:
        # Not posted (a client that predates the choice): the records' 元.
        return self.cleaned_data["unit"] or YUAN

    def clean(self):
        cleaned = super().clean()
        if "unit" not in cleaned:
            return cleaned  # the unit's own error is shown
        unit = cleaned["unit"]
        labels = {name: self.fields[name].label for name in self.AMOUNTS}
        name_the_unit(self, labels, unit)
        for name, label in labels.items():
            if cleaned.get(name) is not None:
                try:
                    cleaned[name] = yuan_from(cleaned[name], unit, label)
                except forms.ValidationError as exc:
                    self.add_error(name, exc)
        return cleaned


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
    """附件2 as a form: a count and an amount for each leaf category, the
    amounts typed in the bureau's working unit unless another is chosen.

    A row left blank has no manual total (the month's trade records count); a row
    filled in (zeros included) takes precedence over them.
    """

    unit = forms.ChoiceField(
        label="金额单位",
        choices=UNIT_CHOICES,
        required=False,
        error_messages={"invalid_choice": UNIT_NOT_OFFERED},
    )

    def __init__(self, *args, month: datetime.date, bureau, **kwargs):
        super().__init__(*args, **kwargs)
        self.month = month
        self.bureau = bureau
        self.fields["unit"].initial = bureau.amount_unit
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
                error_messages={"invalid": NOT_A_NUMBER.format(label=leaf.label)},
                initial=(
                    from_yuan(total.amount, bureau.amount_unit) if total else None
                ),
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
        """The unit the amounts are typed in (the bureau's unless chosen)."""
        chosen = self["unit"].value()
        return chosen if chosen in AMOUNT_UNITS else self.bureau.amount_unit

    def clean_unit(self) -> str:
        # Not posted (a client that predates the choice): the working unit.
        return self.cleaned_data["unit"] or self.bureau.amount_unit

    def clean(self):
        cleaned = super().clean()
        check_month_open(self.bureau.pk, self.month)
        if "unit" not in cleaned:
            return cleaned  # the unit's own error is shown
        unit = cleaned["unit"]
        labels = {f"amount_{leaf.pk}": _amount_of(leaf) for leaf in self.leaves}
        name_the_unit(self, labels, unit)
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
            if amount is None:
                continue
            try:
                yuan = yuan_from(amount, unit, labels[amount_key])
            except forms.ValidationError as exc:
                self.add_error(amount_key, exc)
                continue
            if amount != round(amount, TOTAL_PLACES):
                self.add_error(
                    amount_key,
                    forms.ValidationError(
                        TOO_PRECISE_TOTAL.format(
                            label=labels[amount_key],
                            unit=unit,
                            places=TOTAL_PLACES,
                            value=f"{amount:f}",
                        ),
                        code="too_precise",
                    ),
                )
                continue
            cleaned[amount_key] = yuan
        return cleaned

    def figures(self) -> list[MonthlyFigure]:
        """The rows, their amounts in exact 元."""
        return [
            MonthlyFigure(
                leaf,
                self.cleaned_data[f"count_{leaf.pk}"],
                self.cleaned_data[f"amount_{leaf.pk}"],
            )
            for leaf in self.leaves
        ]

    def implausible(self, history: dict[int, list[Decimal]]) -> list[str]:
        """Warnings for amounts far from the same category's earlier months
        (``history``: category id → its amounts in 元, month by month): a 万元
        figure typed with 亿元 chosen is 10,000 times too large. The figures
        are said in the unit they were typed in."""
        limit = Decimal(settings.VALIDATION_IMPLAUSIBLE_RATIO)
        unit = self.cleaned_data["unit"]
        places = min(self.bureau.amount_places, max_places(unit))
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
                    value=format_amount(figure.amount, unit, places),
                    months=len(past),
                    mean=format_amount(mean, unit, places),
                    ratio=f"{ratio.quantize(Decimal(1)):f}",
                    unit=unit,
                )
            )
        return warnings


def _amount_of(leaf: TradeCategory) -> str:
    return f"“{leaf.label}”的金额"
