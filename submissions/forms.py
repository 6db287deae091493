"""Forms of the reporting screens: one report's figures, its sections, the review.

Counts are typed by people copying from other systems, so ``CountField`` accepts
full-width digits (１２３) and thousands separators (29,447 / 29，447), keeps a
blank as ``None`` and a 0 as ``0``, and refuses negative, fractional and absurdly
large numbers with a Chinese message that names the field and repeats the input.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.forms import formset_factory

from config.periods import PeriodError, month_in_range, parse_quarter
from config.xmltext import XmlTextMixin

from .models import Centre, MonthlyReport

# Full-width digits and signs, and the separators people type between thousands.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９－＋．", "0123456789-+.")
_SEPARATORS = re.compile(r"[,，、\s\u00a0\u2009\u3000']")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")

MAX_COUNT = 999_999_999

NOT_A_NUMBER = "“{label}”应填写整数，“{value}”不是数字。"
NEGATIVE = "“{label}”不能为负数（填写的是{value}）。"
NOT_INTEGER = "“{label}”应为整数，不能是小数（填写的是{value}）。"
TOO_LARGE = "“{label}”数值过大（填写的是{value}），不能超过{limit}。"
WORKING_DAYS_TOO_MANY = "“工作日天数”不能超过31天（填写的是{value}）。"
TITLE_REQUIRED = "第{number}项主要工作已填写正文，请填写标题。"
FILE_TOO_LARGE = "文件过大（{size}字节），上限为{limit}字节。"
FILE_TYPE = "只接受 .xlsx 或 .csv 文件（上传的是“{name}”）。"
EXPLANATION_REQUIRED = "请填写说明。"
# A NUL character (pasted from a PDF or a binary file) cannot be stored.


def normalise_count(text: str) -> str:
    """Full-width to half-width, separators removed: "２９，４４７" → "29447"."""
    return _SEPARATORS.sub("", str(text).translate(_FULL_WIDTH))


class CountField(forms.Field):
    """A whole, non-negative count; blank stays None."""

    widget = forms.TextInput(
        attrs={"inputmode": "numeric", "autocomplete": "off", "class": "figure-input"}
    )

    def __init__(self, *, max_value=MAX_COUNT, **kwargs):
        kwargs.setdefault("required", False)
        self.max_value = max_value
        super().__init__(**kwargs)

    def to_python(self, value):
        if value is None:
            return None
        if isinstance(value, int):
            return value
        raw = str(value).strip()
        text = normalise_count(raw)
        if text == "":
            return None
        label = self.label or ""
        if not _NUMBER.match(text):
            raise ValidationError(
                NOT_A_NUMBER.format(label=label, value=raw), code="invalid"
            )
        try:
            number = Decimal(text)
        except InvalidOperation as exc:  # pragma: no cover - regex guards this
            raise ValidationError(
                NOT_A_NUMBER.format(label=label, value=raw), code="invalid"
            ) from exc
        if number < 0:
            raise ValidationError(
                NEGATIVE.format(label=label, value=raw), code="negative"
            )
        if number != number.to_integral_value():
            raise ValidationError(
                NOT_INTEGER.format(label=label, value=raw), code="not_integer"
            )
        if number > self.max_value:
            raise ValidationError(
                TOO_LARGE.format(label=label, value=raw, limit=self.max_value),
                code="too_large",
            )
        return int(number)

    def prepare_value(self, value):
        return "" if value is None else value


class LoginForm(AuthenticationForm):
    """The login form; django-axes refuses locked-out users before it runs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "登录", css_class="w-100"))


def _bare_helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class CreateReportForm(forms.Form):
    month = forms.DateField(widget=forms.HiddenInput)

    def clean_month(self):
        try:
            return month_in_range(self.cleaned_data["month"])
        except PeriodError as exc:
            raise forms.ValidationError(str(exc), code="period") from None


class CreateQuarterForm(forms.Form):
    """A quarter's report (``2021-Q2``): its first month, as a date."""

    quarter = forms.CharField(max_length=20)

    def clean_quarter(self):
        try:
            year, quarter = parse_quarter(self.cleaned_data["quarter"])
        except PeriodError as exc:
            raise forms.ValidationError(str(exc), code="period") from None
        return datetime.date(year, 3 * quarter - 2, 1)


class _BureauCentreForm(CreateReportForm):
    """A month and a centre of ``bureau`` (another bureau's centre is invalid)."""

    def __init__(self, *args, bureau, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = Centre.objects.filter(
            bureau=bureau, is_active=True
        )


class ReminderForm(_BureauCentreForm):
    """催报 a month's late centres, or (``centre``) one centre once more."""

    centre = forms.ModelChoiceField(
        queryset=Centre.objects.none(),
        required=False,
        widget=forms.HiddenInput,
    )


class BackfillForm(_BureauCentreForm):
    """The editor opens a report on a centre's behalf (补报/代填): the month's,
    or (``period_type`` quarterly) the quarter's that ``month`` is in."""

    centre = forms.ModelChoiceField(
        queryset=Centre.objects.none(), widget=forms.HiddenInput
    )
    period_type = forms.ChoiceField(
        choices=MonthlyReport.PeriodType.choices,
        required=False,
        widget=forms.HiddenInput,
    )

    def clean_period_type(self):
        return self.cleaned_data["period_type"] or MonthlyReport.PeriodType.MONTH


class ReportForm(forms.Form):
    """The period's working days (its figures are the defined ones), and the
    version the user's copy was loaded at."""

    working_days = CountField(label="工作日天数", max_value=31)
    version = forms.IntegerField(widget=forms.HiddenInput)

    FIGURES = ("working_days",)

    def __init__(self, *args, days: int = 31, **kwargs):
        """``days``: the calendar days of the report's period, the most working
        days it can have (a quarter's are its three months')."""
        super().__init__(*args, **kwargs)
        self.fields["working_days"].max_value = days
        self.helper = _bare_helper()

    @classmethod
    def initial_for(cls, report: MonthlyReport) -> dict:
        initial = {name: getattr(report, name) for name in cls.FIGURES}
        initial["version"] = report.version
        return initial

    def finding_key(self, name: str) -> str:
        return name


class WorkItemForm(XmlTextMixin, forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label="标题", max_length=200, required=False)
    body = forms.CharField(
        label="正文（每段一行）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("body", "").strip() and not cleaned.get("title", "").strip():
            number = int(self.prefix.rsplit("-", 1)[-1]) + 1 if self.prefix else "?"
            raise ValidationError(TITLE_REQUIRED.format(number=number), code="title")
        return cleaned

    def finding_key(self, name: str) -> str:
        return f"work_items.{name}"


WorkItemFormSet = formset_factory(
    WorkItemForm, extra=0, can_delete=True, can_order=True, max_num=100
)


class ReturnForm(XmlTextMixin, forms.Form):
    comment = forms.CharField(
        label="退回意见",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "退回时必须填写退回意见。"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("return", "退回修改", css_class="btn-warning"))


class CommentForm(XmlTextMixin, forms.Form):
    comment = forms.CharField(
        label="意见（可选）", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SheetUploadForm(forms.Form):
    """One .xlsx or .csv file to preview an import from (``label``: what it is)."""

    file = forms.FileField()

    def __init__(self, *args, label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = label
        self.helper = FormHelper()
        self.helper.add_input(Submit("preview", "上传并预览"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Refused before anything reads the content.
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise ValidationError(
                FILE_TOO_LARGE.format(
                    size=upload.size, limit=settings.UPLOAD_MAX_BYTES
                ),
                code="too_large",
            )
        name = upload.name.lower()
        if not (name.endswith(".xlsx") or name.endswith(".csv")):
            raise ValidationError(FILE_TYPE.format(name=upload.name), code="type")
        return upload


class ReportEntry:
    """Every form of one report's page, bound to posted data or filled from the report.

    A defined figure is identified by a field name built here on the server,
    never by a posted id, so a crafted post cannot write another report's rows.
    """

    def __init__(self, report, data=None, *, defined):
        """``defined`` is the ``DefinedFiguresForm`` of the bureau's figure
        definitions, bound to the same ``data``."""
        self.report = report
        self.defined = defined
        self.main = ReportForm(
            data, initial=ReportForm.initial_for(report), days=report.calendar_days
        )
        self.work_items = WorkItemFormSet(
            data,
            prefix="items",
            initial=[
                {"id": item.pk, "title": item.title, "body": item.body}
                for item in report.work_items.all()
            ],
        )

    @property
    def is_bound(self) -> bool:
        return self.main.is_bound

    def parts(self):
        return [self.main, self.defined, *self.work_items]

    def formsets(self):
        return [self.work_items]

    def is_valid(self) -> bool:
        # Evaluate every part so that every error is shown at once.
        results = [form.is_valid() for form in (self.main, self.defined)]
        results += [formset.is_valid() for formset in self.formsets()]
        return all(results)

    def field_errors(self) -> list[tuple[str, str, str]]:
        """(finding key, html id, message) of every input that did not validate."""
        errors = []
        for form in self.parts():
            for name, messages in form.errors.items():
                key = form.finding_key(name) if name != "__all__" else ""
                html_id = form[name].auto_id if name in form.fields else ""
                errors.extend((key, html_id, message) for message in messages)
        for formset in self.formsets():
            errors.extend(("", "", message) for message in formset.non_form_errors())
        return errors

    # -- values -------------------------------------------------------------
    @staticmethod
    def _values(form, names):
        """Valid values of ``names``; an input that did not validate reads blank."""
        cleaned = getattr(form, "cleaned_data", {}) or {}
        return {name: cleaned.get(name) for name in names}

    def values(self) -> dict:
        """The typed figures as plain values, for the save service and validation."""
        items = []
        for index, form in enumerate(self.work_items.forms):
            cleaned = getattr(form, "cleaned_data", {}) or {}
            if not cleaned or not (
                cleaned.get("title", "").strip() or cleaned.get("body", "").strip()
            ):
                continue
            items.append(
                {
                    "id": cleaned.get("id"),
                    "title": cleaned.get("title", "").strip(),
                    "body": cleaned.get("body", "").strip(),
                    # A new item without a position goes after the existing ones.
                    "order": (
                        cleaned["ORDER"]
                        if cleaned.get("ORDER") is not None
                        else 10_000 + index
                    ),
                    "delete": bool(cleaned.get("DELETE")),
                }
            )
        items.sort(key=lambda item: item["order"])
        return {
            "figures": self._values(self.main, ReportForm.FIGURES),
            "work_items": items,
            "defined": self.defined.values(),
            "notes": self.defined.notes(),
        }
