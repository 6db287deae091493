"""Profiles name the figures the trends page charts (issue 14).

The public trends page charted the 12345 hotline's 受理 by a code written in
Python; a profile now lists the figures its series' trends chart in
``charts``. Every stored profile version gets ``hotline_received`` (the code
``submissions/0015`` gave that figure), so the page charts what it did; a
series whose issues never state it shows no such chart, as before.
Backwards, ``charts`` is taken out again.
"""

from django.db import migrations

CHARTS = ["hotline_received"]


def forwards(apps, schema_editor):
    Profile = apps.get_model("bulletins", "Profile")
    for profile in Profile.objects.exclude(spec__has_key="charts"):
        profile.spec["charts"] = list(CHARTS)
        profile.save(update_fields=["spec"])


def backwards(apps, schema_editor):
    Profile = apps.get_model("bulletins", "Profile")
    for profile in Profile.objects.filter(spec__has_key="charts"):
        del profile.spec["charts"]
        profile.save(update_fields=["spec"])


class Migration(migrations.Migration):
    dependencies = [("bulletins", "0013_profile_case_codes")]

    operations = [migrations.RunPython(forwards, backwards)]
