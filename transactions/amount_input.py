"""Amounts as staff type them: in a unit chosen on the form, kept in exact 元.

A form's amount fields (``amount_field``) read the number as typed; the form
then knows the unit and turns each into 元 with ``yuan_from``, which refuses a
negative amount, one beyond the column and one finer than the 分, naming the
amount and the unit.
"""

from decimal import Decimal

from django import forms

from submissions.defined import to_yuan

from .amounts import in_unit, yuan_per
from .models import AMOUNT_DIGITS, AMOUNT_PLACES

NEGATIVE_AMOUNT = "金额不能为负数（收到 {value}）。"
# ``label`` names the amount as a sentence begins: "成交金额", "“房屋建筑”的金额".
TOO_PRECISE = "{label}最多精确到分（0.01元），收到 {value}{unit}。"
NOT_A_NUMBER_IN = "{label}须为以{unit}计的数字。"
AMOUNT_TOO_LARGE = "{label}过大，不能超过{limit}{unit}。"
# What the database column holds: yuan with AMOUNT_DIGITS digits of which
# AMOUNT_PLACES are decimals.
MAX_YUAN = Decimal(10) ** (AMOUNT_DIGITS - AMOUNT_PLACES)


def amount_field(label: str, *, required: bool, help_text: str = "") -> forms.Field:
    """An amount as typed, in whichever unit its form is told; the form turns it
    into exact 元 (``yuan_from``) once the unit is known."""
    return forms.DecimalField(
        label=label,
        required=required,
        help_text=help_text,
        error_messages={
            "required": f"请填写{label}。",
            "invalid": f"{label}须为数字。",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "text-end"}),
    )


def yuan_from(typed: Decimal, unit: str, label: str) -> Decimal:
    """``typed`` in ``unit`` as exact 元; a ValidationError names ``label`` (the
    amount's name as a sentence begins: "成交金额", "“房屋建筑”的金额") and the
    unit.

    >>> yuan_from(Decimal("1234.5678"), "万元", "成交金额")
    Decimal('12345678.00')
    """
    if typed < 0:
        raise forms.ValidationError(
            NEGATIVE_AMOUNT.format(value=typed), code="negative"
        )
    if typed * yuan_per(unit) >= MAX_YUAN:
        limit = f"{in_unit(MAX_YUAN, unit):f}"
        raise forms.ValidationError(
            AMOUNT_TOO_LARGE.format(label=label, limit=limit, unit=unit),
            code="too_large",
        )
    try:
        return to_yuan(typed, unit)
    except ValueError:
        raise forms.ValidationError(
            TOO_PRECISE.format(label=label, value=f"{typed:f}", unit=unit),
            code="too_precise",
        ) from None


def name_the_unit(form: forms.Form, labels: dict[str, str], unit: str) -> None:
    """Say the unit in the amount fields' "not a number" errors: the fields
    cannot, since the unit is chosen on the same form."""
    for name, label in labels.items():
        if form.has_error(name, "invalid"):
            form.errors[name] = form.error_class(
                [NOT_A_NUMBER_IN.format(label=label, unit=unit)]
            )
