from django.contrib import admin

from bulletins.models import Issue, IssueEvent, IssueRevision, Series
from bureaus.admin import BureauScopedAdmin


@admin.register(Series)
class SeriesAdmin(BureauScopedAdmin):
    list_display = ["title", "slug", "bureau", "publisher", "frequency", "numbering"]


class IssueRevisionInline(admin.TabularInline):
    model = IssueRevision
    fields = ["number", "published_at", "published_by", "note", "pdf_sha256"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class IssueEventInline(admin.TabularInline):
    model = IssueEvent
    fields = ["at", "actor", "from_status", "to_status", "comment"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Issue)
class IssueAdmin(BureauScopedAdmin):
    """Read-mostly: issues are made and changed on the editor's screens, where
    the workflow and publishing rules apply."""

    list_display = ["__str__", "period_start", "publication_date", "status", "revision"]
    list_filter = ["series", "status"]
    readonly_fields = [
        f.name
        for f in Issue._meta.get_fields()
        if getattr(f, "concrete", False) and not f.auto_created
    ]
    inlines = [IssueRevisionInline, IssueEventInline]
    bureau_path = "series__bureau"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
