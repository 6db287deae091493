"""The hall's department table (附件1) is a figure table (issue 14).

Since ``submissions/0020`` the table's columns are figure definitions on the
breakdown 窗口单位 and its 办结率 are rate definitions, so every stored profile
version's ``department_table`` attachment becomes a ``figure_table`` naming
them by code, with the same labels in the same order: it prints what it
printed before. Backwards, a figure table of exactly these columns becomes
the department table again.
"""

from django.db import migrations

BREAKDOWN = "窗口单位"
# The department table's column → the figure table's column source.
COLUMNS = {
    "number": ("key", "number"),
    "department": ("key", "option"),
    "licensing_accepted": ("figure", "hall_licensing_accepted"),
    "licensing_completed": ("figure", "hall_licensing_completed"),
    "licensing_rate": ("rate", "hall_licensing_rate"),
    "service_accepted": ("figure", "hall_service_accepted"),
    "service_completed": ("figure", "hall_service_completed"),
    "service_rate": ("rate", "hall_service_rate"),
    "note": ("key", "note"),
}


def _forwards(attachment) -> bool:
    if attachment.get("kind") != "department_table":
        return False
    labels = attachment.pop("columns")
    attachment["kind"] = "figure_table"
    attachment["breakdown"] = BREAKDOWN
    attachment["columns"] = [
        {source: value, "label": labels[key]}
        for key, (source, value) in COLUMNS.items()
    ]
    return True


def _backwards(attachment) -> bool:
    if attachment.get("kind") != "figure_table":
        return False
    columns = attachment.get("columns", [])
    sources = [
        next((c[s], s) for s in ("key", "figure", "rate") if s in c) for c in columns
    ]
    if sources != [(value, source) for source, value in COLUMNS.values()]:
        return False
    attachment["kind"] = "department_table"
    attachment.pop("breakdown", None)
    attachment["columns"] = {
        key: column["label"] for key, column in zip(COLUMNS, columns, strict=True)
    }
    return True


def _rewrite(apps, change):
    Profile = apps.get_model("bulletins", "Profile")
    for profile in Profile.objects.all():
        changed = [change(a) for a in profile.spec.get("attachments", [])]
        if any(changed):
            profile.save(update_fields=["spec"])


def forwards(apps, schema_editor):
    _rewrite(apps, _forwards)


def backwards(apps, schema_editor):
    _rewrite(apps, _backwards)


class Migration(migrations.Migration):
    dependencies = [
        ("bulletins", "0010_ratings_as_figures"),
        ("submissions", "0020_department_definitions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
