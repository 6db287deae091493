"""The ``Hotline`` model is gone: its figures are definitions since 0014. Its
content types go too, and with them its permissions (granted to no role now)."""

from django.db import migrations

GONE = ("hotline", "historicalhotline")


def forget(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="submissions", model__in=GONE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("submissions", "0015_hotline_definitions"),
    ]

    operations = [
        migrations.DeleteModel(name="HistoricalHotline"),
        migrations.DeleteModel(name="Hotline"),
        migrations.RunPython(forget, migrations.RunPython.noop),
    ]
