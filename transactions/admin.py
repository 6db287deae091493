from django import forms
from django.conf import settings
from django.contrib import admin
from import_export.admin import ImportExportMixin
from import_export.forms import ImportForm
from simple_history.admin import SimpleHistoryAdmin

from bureaus.admin import BureauScopedAdmin
from bureaus.scoping import require_bureau
from config.admin_export import ChineseExportForm

from .formats import TradeCSV, TradeXLSX
from .guards import change_refusals
from .locks import month_lock
from .models import MonthlyTradeTotal, Trade, TradeCategory, TradeMonthReopening
from .resources import TradeResource
from .spreadsheets import SheetError, check_size

# import-export's own text is English ("'ParseError' encountered while trying to
# read file…"); a file our reader refuses says why in its own message.
UNREADABLE_UPLOAD = (
    "无法读取文件：文件与所选格式（{format}）不符，或文件已损坏。"
    "请选择正确的格式，或在 Excel 中另存为 .xlsx 或 .csv 后再上传。"
)


class TradeImportForm(ImportForm):
    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            check_size(upload.size, settings.UPLOAD_MAX_BYTES)
        except SheetError as exc:
            raise forms.ValidationError(str(exc), code="too_big") from exc
        return upload


@admin.register(TradeCategory)
class TradeCategoryAdmin(BureauScopedAdmin):
    list_display = [
        "label",
        "name",
        "parent",
        "measure_word",
        "order",
        "in_total",
        "amount_printed",
        "code",
    ]
    list_editable = ["order"]
    list_select_related = ["parent"]
    readonly_fields = ["code"]


@admin.register(Trade)
class TradeAdmin(BureauScopedAdmin, ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [TradeResource]
    formats = [TradeXLSX, TradeCSV]
    import_form_class = TradeImportForm
    export_form_class = ChineseExportForm
    import_template_name = "transactions/admin_import.html"
    list_display = ["code", "name", "category", "date", "amount", "budget", "venue"]
    list_filter = ["category", "date"]
    list_select_related = ["category"]
    search_fields = ["code", "name"]
    date_hierarchy = "date"

    def has_change_permission(self, request, obj=None):
        """A trade of a month a published issue covers is shown read-only."""
        if obj is not None and change_refusals(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Published (guards.py), or signed and not reopened (locks.py).
        if obj is not None and (
            change_refusals(obj) or month_lock(obj.bureau_id, obj.date)
        ):
            return False
        return super().has_delete_permission(request, obj)

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, SheetError):
            message = str(e)
        else:
            chosen = form.cleaned_data.get("format")
            formats = self.get_import_formats()
            name = (
                formats[int(chosen)]().get_title() if chosen not in (None, "") else ""
            )
            message = UNREADABLE_UPLOAD.format(format=name or "未选择")
        form.add_error("import_file", message)

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs)} | {
            "history_user": request.user,
            "bureau": require_bureau(request),
        }

    def get_export_resource_kwargs(self, request, **kwargs):
        return {**super().get_export_resource_kwargs(request, **kwargs)} | {
            "bureau": require_bureau(request)
        }


@admin.register(TradeMonthReopening)
class TradeMonthReopeningAdmin(BureauScopedAdmin):
    list_display = ["month", "user", "at", "reason"]
    readonly_fields = ["bureau", "month", "user", "at", "reason"]

    def has_add_permission(self, request):
        return False  # reopened on the trades list, with its checks


@admin.register(MonthlyTradeTotal)
class MonthlyTradeTotalAdmin(BureauScopedAdmin, SimpleHistoryAdmin):
    list_display = ["month", "category", "count", "amount"]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and month_lock(obj.bureau_id, obj.month) is not None:
            return False
        return super().has_delete_permission(request, obj)

    list_filter = ["month", "category"]
    list_select_related = ["category"]
