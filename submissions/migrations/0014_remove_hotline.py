"""The ``Hotline`` model is gone: its figures are definitions since 0013."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0013_hotline_definitions"),
    ]

    operations = [
        migrations.DeleteModel(name="HistoricalHotline"),
        migrations.DeleteModel(name="Hotline"),
    ]
