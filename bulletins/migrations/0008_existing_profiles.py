"""Every existing series gets version 1 of 海东's monthly profile (the layout its
issues were composed with), and every published issue is marked as built with
it (DESIGN 5.7); the bureau admin (管理员) may view and edit profiles."""

from django.db import migrations

from bulletins.profiles import default_profile

NOTE = "初始版式（海东月刊）"
# A snapshot at the time of writing: the bureau admin edits profiles.
ROLE_PERMISSIONS = {"管理员": ["bulletins.view_profile", "bulletins.change_profile"]}


def forwards(apps, schema_editor):
    Series = apps.get_model("bulletins", "Series")
    Profile = apps.get_model("bulletins", "Profile")
    Issue = apps.get_model("bulletins", "Issue")
    spec = default_profile()
    for series in Series.objects.all():
        profile = Profile.objects.filter(series=series).order_by("version").first()
        if profile is None:
            profile = Profile.objects.create(
                series=series, version=1, spec=spec, note=NOTE
            )
        Issue.objects.filter(series=series, status="published", profile=None).update(
            profile=profile
        )


def grant(apps, schema_editor):
    from submissions.roles import grant

    grant(apps, schema_editor, ROLE_PERMISSIONS)


def backwards(apps, schema_editor):
    apps.get_model("bulletins", "Issue").objects.update(profile=None)
    apps.get_model("bulletins", "Profile").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("bulletins", "0007_profiles"),
        ("submissions", "0002_roles_and_reference_data"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
