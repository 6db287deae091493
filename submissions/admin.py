from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from bureaus.admin import BureauScopedAdmin, BureauScopedInline
from bureaus.models import StaffMembership
from bureaus.scoping import current_bureau
from config.admin_export import ChineseExportForm

from .defined_forms import DefinedFiguresForm
from .definitions import DEFINITION_OTHER_BUREAU, NOT_ITSELF
from .models import (
    Breakdown,
    BreakdownOption,
    Centre,
    FigureDefinition,
    FindingExplanation,
    Membership,
    MonthlyReport,
    RateDefinition,
    Reminder,
    ReportTransition,
)
from .resources import MonthlyReportResource
from .workflow import reopen_refusals


@admin.register(Centre)
class CentreAdmin(BureauScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["kind", "is_active"]


class BreakdownOptionInline(admin.TabularInline):
    model = BreakdownOption
    extra = 3


@admin.register(Breakdown)
class BreakdownAdmin(BureauScopedAdmin):
    list_display = ["name", "has_note"]
    inlines = [BreakdownOptionInline]


class FigureDefinitionForm(forms.ModelForm):
    class Meta:
        model = FigureDefinition
        fields = [
            "bureau",
            "code",
            "name",
            "value_type",
            "unit",
            "breakdown",
            "has_total",
            "parts_rule",
            "parts_of",
            "not_above",
            "sums_to",
            "sums_to_option",
            "equals_sum_of",
            "change_limit",
            "aggregation",
            "rank_top",
            "unit_kind",
            "required",
            "order",
            "is_active",
        ]

    def clean(self):
        """The definitions a total should equal the sum of: the same bureau's,
        never the definition itself."""
        data = super().clean()
        bureau = data.get("bureau")
        bureau_id = bureau.pk if bureau else self.instance.bureau_id
        for other in data.get("equals_sum_of") or []:
            if self.instance.pk is not None and other.pk == self.instance.pk:
                self.add_error("equals_sum_of", NOT_ITSELF)
            elif bureau_id is not None and other.bureau_id != bureau_id:
                self.add_error(
                    "equals_sum_of", DEFINITION_OTHER_BUREAU.format(name=other.name)
                )
        return data


@admin.register(FigureDefinition)
class FigureDefinitionAdmin(BureauScopedAdmin):
    """Figure definitions, with a preview of the clerk's form they make."""

    form = FigureDefinitionForm
    filter_horizontal = ["equals_sum_of"]
    list_display = [
        "name",
        "code",
        "value_type",
        "unit",
        "breakdown",
        "parts_rule",
        "rank_top",
        "unit_kind",
        "required",
        "order",
        "is_active",
    ]
    list_editable = ["order", "is_active"]
    list_filter = ["value_type", "unit_kind", "is_active"]
    change_list_template = "admin/submissions/figuredefinition/change_list.html"

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if not request.user.is_superuser:
            field.queryset = field.queryset.filter(bureau=current_bureau(request))
        return field

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path(
                "preview/",
                preview,
                name="submissions_figuredefinition_preview",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request):
        """The clerk's 其他指标 inputs as the bureau's active definitions make
        them: the same grids, lists and 1至本月累计 inputs as the report form."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        definitions = self.get_queryset(request).active().with_options()
        form = DefinedFiguresForm(definitions=list(definitions))
        # The clerk's own template and styles: the admin sees what they see.
        context = {"form": form, "findings_by_field": {}}
        return TemplateResponse(
            request, "submissions/definitions_preview.html", context
        )


OPTION_NOT_OF_DEFINITION = "分类选项“{option}”不属于指标“{definition}”的分类。"


class RateDefinitionForm(forms.ModelForm):
    class Meta:
        model = RateDefinition
        fields = [
            "bureau",
            "code",
            "name",
            "numerator",
            "numerator_options",
            "denominator",
            "denominator_options",
            "places",
            "minimum",
            "order",
            "is_active",
        ]

    def clean(self):
        """Each side's options must be options of that side's definition."""
        data = super().clean()
        for side in ("numerator", "denominator"):
            definition = data.get(side)
            for option in data.get(f"{side}_options") or []:
                if definition is None or option.breakdown_id != definition.breakdown_id:
                    self.add_error(
                        f"{side}_options",
                        OPTION_NOT_OF_DEFINITION.format(
                            option=option.name,
                            definition=getattr(definition, "name", ""),
                        ),
                    )
        return data


@admin.register(RateDefinition)
class RateDefinitionAdmin(BureauScopedAdmin):
    """Rates (差评整改率 = 整改 / 差评): printed with the unit's defined figures."""

    form = RateDefinitionForm
    list_display = ["name", "code", "numerator", "denominator", "places", "order"]
    list_editable = ["order"]
    list_filter = ["is_active"]
    filter_horizontal = ["numerator_options", "denominator_options"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        field.queryset = field.queryset.select_related("breakdown")
        if not request.user.is_superuser:
            field.queryset = field.queryset.filter(
                breakdown__bureau=current_bureau(request)
            )
        # Options of different breakdowns may share a name (其他).
        field.label_from_instance = lambda o: f"{o.breakdown.name}·{o.name}"
        return field


class TransitionInline(admin.TabularInline):
    model = ReportTransition
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "actor", "at", "comment"]

    def has_add_permission(self, request, obj=None):
        return False


class ExplanationInline(admin.TabularInline):
    model = FindingExplanation
    extra = 0
    can_delete = False
    fields = ["rule_title", "subject", "text"]
    readonly_fields = fields

    @admin.display(description="预警")
    def rule_title(self, obj):
        from .validation import RULES_BY_CODE

        rule = RULES_BY_CODE.get(obj.rule)
        return rule.title if rule else obj.rule

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(MonthlyReport)
class MonthlyReportAdmin(BureauScopedAdmin, ExportMixin, SimpleHistoryAdmin):
    """Read-mostly: reports are filled and reviewed through the workflow screens.

    The workflow fields are read-only here: only the model methods
    (submit/return_for_changes/approve/reopen) change them, so that every change
    is recorded as a transition.
    """

    list_display = [
        "centre",
        "month",
        "period_type",
        "status",
        "submitted_at",
        "updated_at",
    ]
    list_filter = ["status", "period_type", "month", "centre"]
    # The period type is chosen when the report is opened, where a month and
    # its quarter are refused side by side (``services.report_create``).
    readonly_fields = [
        "period_type",
        "status",
        "version",
        "submitted_at",
        "submitted_by",
        "approved_at",
        "approved_by",
        "returned_at",
        "return_comment",
    ]
    inlines = [TransitionInline, ExplanationInline]
    resource_classes = [MonthlyReportResource]
    export_form_class = ChineseExportForm

    def has_change_permission(self, request, obj=None):
        """Submitted and approved reports (and those a published issue used)
        change only through the workflow: returned or reopened, then edited."""
        if obj is not None and (not obj.is_editable or reopen_refusals(obj)):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (not obj.is_editable or reopen_refusals(obj)):
            return False
        return super().has_delete_permission(request, obj)

    bureau_path = "centre__bureau"

    def save_model(self, request, obj, form, change):
        # An administrator's correction makes every open copy of the form stale.
        if change:
            obj.claim_version(obj.version)
        super().save_model(request, obj, form, change)


@admin.register(Reminder)
class ReminderAdmin(BureauScopedAdmin):
    """A record of what was sent: nobody edits it."""

    list_display = ["centre", "month", "sent_at", "sent_by", "recipients"]
    list_filter = ["month", "centre"]
    list_select_related = ["centre", "sent_by"]
    bureau_path = "centre__bureau"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StaffMembershipInline(BureauScopedInline, admin.StackedInline):
    model = StaffMembership
    can_delete = True
    verbose_name_plural = "所属编发单位"


class MembershipInline(BureauScopedInline, admin.StackedInline):
    model = Membership
    can_delete = True
    verbose_name_plural = "填报员所属单位"


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class BureauUserAdmin(BureauScopedAdmin, UserAdmin):
    """Users: a bureau admin sees and manages only their own bureau's staff."""

    bureau_path = "staff_membership__bureau"
    inlines = [StaffMembershipInline, MembershipInline]
    list_display = ["username", "first_name", "is_staff", "is_active", "centre"]

    @admin.display(description="所属单位")
    def centre(self, obj):
        membership = getattr(obj, "membership", None)
        return membership.centre if membership else "—"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("membership__centre")
