"""Forms of the editor's screens; they validate, services save."""

from crispy_forms.helper import FormHelper
from django import forms

from bulletins.models import Issue, Series
from config.xmltext import XmlTextMixin

BAD_PERIOD_FOR_SERIES = "季刊请填写季度，如“2021-Q3”；月刊请填写月份，如“2021-06”。"
OVERRIDE_EMPTY = "改写后的文字不能为空；要恢复自动生成的文字，请点“恢复自动生成”。"


class _Helper:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class IssueCreateForm(XmlTextMixin, _Helper, forms.Form):
    series = forms.ModelChoiceField(
        label="刊物", queryset=Series.objects.none(), empty_label=None
    )
    period = forms.CharField(
        label="报告期",
        max_length=10,
        help_text="月刊填月份，如 2021-06；季刊填季度，如 2021-Q3。",
        widget=forms.TextInput(attrs={"placeholder": "2021-06"}),
    )
    number = forms.IntegerField(
        label="期号", min_value=1, required=False, help_text="留空则取下一期号。"
    )
    publication_date = forms.DateField(
        label="印发日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="留空则为报告期结束后第6天。",
    )

    def clean(self):
        data = super().clean()
        series, text = data.get("series"), data.get("period")
        if series is None or not text:
            return data
        from bulletins.periods import Period

        try:
            period = Period.parse(text)
        except ValueError as exc:
            self.add_error("period", forms.ValidationError(str(exc), code="period"))
            return data
        if period.kind != series.frequency:
            self.add_error(
                "period",
                forms.ValidationError(BAD_PERIOD_FOR_SERIES, code="frequency"),
            )
            return data
        data["period_start"] = period.start
        return data

    def __init__(self, *args, bureau, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = Series.objects.filter(bureau=bureau)


class IssueSettingsForm(XmlTextMixin, _Helper, forms.ModelForm):
    class Meta:
        model = Issue
        fields = [
            "number",
            "publication_date",
            "index_number",
            "issuing_org",
            "written_date",
            "editor_note",
        ]
        widgets = {
            "publication_date": forms.DateInput(
                attrs={"type": "date"}, format="%Y-%m-%d"
            ),
            "written_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "editor_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.is_published:
            # The number is fixed once published.
            self.fields["number"].disabled = True


class OverrideForm(XmlTextMixin, _Helper, forms.Form):
    text = forms.CharField(
        label="改写后的文字",
        widget=forms.Textarea(attrs={"rows": 8}),
        strip=True,
        error_messages={"required": OVERRIDE_EMPTY},
    )


class ReturnForm(XmlTextMixin, _Helper, forms.Form):
    comment = forms.CharField(
        label="退回意见", widget=forms.Textarea(attrs={"rows": 3}), strip=True
    )


class CorrectionForm(XmlTextMixin, _Helper, forms.Form):
    note = forms.CharField(
        label="更正说明",
        widget=forms.Textarea(attrs={"rows": 3}),
        strip=True,
        help_text="公开页面上与更正版本一同显示，如“更正平安区受理件数”。",
    )
    recompose = forms.BooleanField(
        label="按当前已审核数据重新编排（报送数据已更正时选择）", required=False
    )


class WorkItemsForm(forms.Form):
    """One position and one "omit" box per work item, grouped by section."""

    def __init__(self, *args, sections, omitted, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = []
        for section, items in sections:
            rows = []
            for position, item in enumerate(items, start=1):
                order_name = f"order__{item.key}"
                omit_name = f"omit__{item.key}"
                self.fields[order_name] = forms.IntegerField(
                    label="顺序", min_value=1, initial=position
                )
                self.fields[omit_name] = forms.BooleanField(
                    label="不刊登", required=False, initial=item.key in omitted
                )
                rows.append((item, self[order_name], self[omit_name]))
            self.sections.append((section, rows))

    def result(self) -> tuple[dict[str, list[str]], list[str]]:
        """({section key: item keys in order}, [omitted item keys])."""
        order, omitted = {}, []
        for section, rows in self.sections:
            ranked = sorted(
                rows,
                key=lambda r: (self.cleaned_data[r[1].name], rows.index(r)),
            )
            order[section.key] = [item.key for item, _o, _m in ranked]
            omitted += [item.key for item, _o, m in rows if self.cleaned_data[m.name]]
        return order, omitted
