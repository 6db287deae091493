"""Profiles name their case figures (issue 14).

The centre's summary, the hall's categories, the levels and open data found
the case figures by three codes written in Python; a profile now names them
in ``cases`` (``accepted``, ``completed``, ``in_progress``). Every stored
profile version gets the codes every bureau's definitions have (those of
``submissions/0023`` and ``0025``, and of the city starter pack), so every
issue composes as before. Backwards, ``cases`` is taken out again.
"""

from django.db import migrations

ROLES = {
    "accepted": "cases_accepted",
    "completed": "cases_completed",
    "in_progress": "cases_in_progress",
}


def forwards(apps, schema_editor):
    Profile = apps.get_model("bulletins", "Profile")
    for profile in Profile.objects.exclude(spec__has_key="cases"):
        profile.spec["cases"] = dict(ROLES)
        profile.save(update_fields=["spec"])


def backwards(apps, schema_editor):
    Profile = apps.get_model("bulletins", "Profile")
    for profile in Profile.objects.filter(spec__has_key="cases"):
        del profile.spec["cases"]
        profile.save(update_fields=["spec"])


class Migration(migrations.Migration):
    dependencies = [
        ("bulletins", "0012_cases_as_figures"),
        ("submissions", "0026_remove_case_models"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
