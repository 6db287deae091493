"""Existing data moves into one bureau, 海东 (DESIGN 5.7).

A deployment that already holds centres, series, trades or reports was one
bureau's: everything is given to a bureau 海东 (slug ``haidong``), its first series
gets the slug ``dongtai`` (any later ones ``series-<id>``) and every user who is not
a superuser becomes its staff. A fresh database holds only the starter reference
data of the earlier migrations; it belongs to no bureau and is removed, since every
bureau now gets its own copy when it is created (``bureaus.services.bureau_start``).

The roles gain the bureau admin's permissions: the 管理员 group manages its
bureau's staff, texts and series.
"""

from django.db import migrations

HAIDONG = {
    "name": "海东市政务服务监督管理局",
    "short_name": "海东",
    "slug": "haidong",
    "footer": "主办：海东市政务服务监督管理局",
}
SITE_NAME = "政务服务动态"

# A snapshot at the time of writing (migrations keep their meaning).
ROLE_PERMISSIONS = {
    "管理员": [
        "bureaus.view_bureau",
        "bureaus.change_bureau",
        "bureaus.add_staffmembership",
        "bureaus.change_staffmembership",
        "bureaus.delete_staffmembership",
        "bureaus.view_staffmembership",
        "bulletins.add_series",
        "bulletins.change_series",
        "bulletins.view_series",
    ],
}
OWNED = [
    ("submissions", "Centre"),
    ("submissions", "HistoricalCentre"),
    ("submissions", "CaseCategory"),
    ("submissions", "RatingChannel"),
    ("transactions", "TradeCategory"),
    ("transactions", "Trade"),
    ("transactions", "HistoricalTrade"),
    ("transactions", "MonthlyTradeTotal"),
    ("transactions", "HistoricalMonthlyTradeTotal"),
    ("bulletins", "Series"),
]
OWN_DATA = [
    ("submissions", "Centre"),
    ("bulletins", "Series"),
    ("transactions", "Trade"),
    ("transactions", "MonthlyTradeTotal"),
]


def forwards(apps, schema_editor):
    from submissions.roles import grant

    grant(apps, schema_editor, ROLE_PERMISSIONS)
    apps.get_model("bureaus", "SiteSettings").objects.get_or_create(
        pk=1, defaults={"name": SITE_NAME}
    )

    if not any(apps.get_model(*m).objects.exists() for m in OWN_DATA):
        _drop_unowned_starter_rows(apps)
        return
    Series = apps.get_model("bulletins", "Series")
    first = Series.objects.order_by("id").first()
    fields = dict(HAIDONG)
    if first is not None and first.publisher:
        fields["name"] = first.publisher
        fields["footer"] = f"主办：{first.publisher}"
    bureau = apps.get_model("bureaus", "Bureau").objects.create(**fields)
    for app_label, model_name in OWNED:
        model = apps.get_model(app_label, model_name)
        model.objects.filter(bureau=None).update(bureau=bureau)
    for index, series in enumerate(Series.objects.order_by("id")):
        series.slug = "dongtai" if index == 0 else f"series-{series.pk}"
        series.save(update_fields=["slug"])
    User = apps.get_model("auth", "User")
    Staff = apps.get_model("bureaus", "StaffMembership")
    Staff.objects.bulk_create(
        Staff(user=user, bureau=bureau)
        for user in User.objects.filter(is_superuser=False)
    )


def _drop_unowned_starter_rows(apps):
    for app_label, model_name in (
        ("submissions", "CaseCategory"),
        ("submissions", "RatingChannel"),
    ):
        apps.get_model(app_label, model_name).objects.filter(bureau=None).delete()
    TradeCategory = apps.get_model("transactions", "TradeCategory")
    TradeCategory.objects.filter(bureau=None, parent__isnull=False).delete()
    TradeCategory.objects.filter(bureau=None).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("bureaus", "0001_initial"),
        ("submissions", "0007_bureau"),
        ("transactions", "0004_bureau"),
        ("bulletins", "0005_series_bureau"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
