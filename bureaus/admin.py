"""The admin for bureaus, and the mixin that scopes every other admin page.

A superuser (the site administrator) sees every bureau's rows and chooses a
row's bureau; anyone else sees, chooses and saves only their own bureau's.
"""

from django import forms
from django.contrib import admin

from config.xmltext import XmlTextMixin

from .models import Bureau, SiteSettings, StaffMembership
from .packs import DEFAULT_PACK, starter_packs
from .scoping import current_bureau

BLANK = "空白：不建任何参照数据，由本单位自行录入"


def pack_choices():
    packs = [(p.slug, f"{p.name}（{p.slug}）") for p in starter_packs().values()]
    return [*packs, ("", BLANK)]


class BureauForm(XmlTextMixin, forms.ModelForm):
    """A bureau's texts reach its pages, feeds and PDFs: XML 1.0 must hold them."""

    starter_pack = forms.ChoiceField(
        label="起始参照数据",
        required=False,
        initial=DEFAULT_PACK,
        help_text="新单位从这里复制一份办件类别、评价渠道和交易类别，之后可逐项修改。",
    )

    class Meta:
        model = Bureau
        fields = [
            "name",
            "short_name",
            "slug",
            "description",
            "footer",
            "order",
            "amount_unit",
            "amount_places",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starter_pack"].choices = pack_choices()
        # Shown with the current (or default) value chosen; a client that does
        # not send them keeps it.
        for name in ("amount_unit", "amount_places"):
            self.fields[name].required = False

    def clean_amount_unit(self):
        return self.cleaned_data["amount_unit"] or self.instance.amount_unit

    def clean_amount_places(self):
        places = self.cleaned_data["amount_places"]
        return self.instance.amount_places if places is None else places


class SiteSettingsForm(XmlTextMixin, forms.ModelForm):
    class Meta:
        model = SiteSettings
        fields = ["name", "footer"]


class BureauScopedAdmin(admin.ModelAdmin):
    """Scope a model admin to the user's bureau.

    ``bureau_path`` is the lookup from the model to its bureau (``bureau``,
    ``centre__bureau``, ``series__bureau`` …); when it is the model's own
    ``bureau`` field, a non-superuser's new rows get their bureau and never see
    the field.
    """

    bureau_path = "bureau"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{self.bureau_path: current_bureau(request)})

    def get_list_filter(self, request):
        """A non-superuser's filters offer only values of their own rows."""
        filters = super().get_list_filter(request)
        if request.user.is_superuser:
            return filters
        return [_related_only(self.model, f) for f in filters]

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        if self.bureau_path == "bureau" and not request.user.is_superuser:
            exclude.append("bureau")
        return exclude

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and not request.user.is_superuser:
            field.queryset = scope_choices(field.queryset, current_bureau(request))
        return field

    def save_model(self, request, obj, form, change):
        if self.bureau_path == "bureau" and not request.user.is_superuser:
            obj.bureau = current_bureau(request)
        super().save_model(request, obj, form, change)


class BureauScopedInline(admin.options.InlineModelAdmin):
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and not request.user.is_superuser:
            field.queryset = scope_choices(field.queryset, current_bureau(request))
        return field


def _related_only(model, list_filter):
    if isinstance(list_filter, str) and "__" not in list_filter:
        field = model._meta.get_field(list_filter)
        if field.is_relation:
            return (list_filter, admin.RelatedOnlyFieldListFilter)
    return list_filter


def scope_choices(queryset, bureau):
    """Choices of a foreign key limited to ``bureau`` when the model has one."""
    model = queryset.model
    if model is Bureau:
        return queryset.filter(pk=getattr(bureau, "pk", None))
    names = {f.name for f in model._meta.get_fields()}
    if "bureau" in names:
        return queryset.filter(bureau=bureau)
    if "centre" in names:
        return queryset.filter(centre__bureau=bureau)
    if "breakdown" in names:  # options
        return queryset.filter(breakdown__bureau=bureau)
    if "staff_membership" in names:  # users
        return queryset.filter(staff_membership__bureau=bureau)
    return queryset


@admin.register(Bureau)
class BureauAdmin(BureauScopedAdmin):
    """Superusers add bureaus; a bureau admin edits their own bureau's texts."""

    form = BureauForm
    bureau_path = "pk"
    list_display = ["name", "short_name", "slug", "order"]

    def get_queryset(self, request):
        queryset = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return queryset
        bureau = current_bureau(request)
        return queryset.filter(pk=getattr(bureau, "pk", None))

    def get_readonly_fields(self, request, obj=None):
        return [] if request.user.is_superuser else ["name", "slug", "order"]

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        # The pack is chosen once, when the bureau is added.
        return fields if obj is None else [f for f in fields if f != "starter_pack"]

    def save_model(self, request, obj, form, change):
        from .services import bureau_start

        super().save_model(request, obj, form, change)
        if not change:
            bureau_start(bureau=obj, pack=form.cleaned_data.get("starter_pack"))


@admin.register(StaffMembership)
class StaffMembershipAdmin(BureauScopedAdmin):
    list_display = ["user", "bureau"]
    list_select_related = ["user", "bureau"]


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    form = SiteSettingsForm
    list_display = ["name"]

    def has_add_permission(self, request):
        return request.user.is_superuser and not SiteSettings.objects.exists()

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False
