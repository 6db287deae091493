"""The ``SatisfactionRating`` and ``RatingChannel`` models are gone: ratings are
figure definitions since 0017. Their content types go too, and with them their
permissions (granted to no role now)."""

from django.db import migrations

GONE = ("satisfactionrating", "historicalsatisfactionrating", "ratingchannel")


def forget(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="submissions", model__in=GONE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("submissions", "0017_rating_definitions"),
    ]

    operations = [
        migrations.DeleteModel(name="HistoricalSatisfactionRating"),
        migrations.DeleteModel(name="SatisfactionRating"),
        migrations.DeleteModel(name="RatingChannel"),
        migrations.RunPython(forget, migrations.RunPython.noop),
    ]
