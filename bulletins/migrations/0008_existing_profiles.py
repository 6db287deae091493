"""Every existing series gets version 1 of 海东's monthly profile (the layout its
issues were composed with), and every published issue is marked as built with
it (DESIGN 5.7)."""

from django.db import migrations

from bulletins.profiles import default_profile

NOTE = "初始版式（海东月刊）"


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


def backwards(apps, schema_editor):
    apps.get_model("bulletins", "Issue").objects.update(profile=None)
    apps.get_model("bulletins", "Profile").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("bulletins", "0007_profiles")]

    operations = [migrations.RunPython(forwards, backwards)]
