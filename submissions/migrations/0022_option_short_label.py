"""A breakdown option may carry a short label (简称) for tight places — a case
category's 简称 (行政许可) becomes its option's when the categories become a
breakdown in 0023. Its own migration: PostgreSQL does not alter a table with
pending trigger events, which 0023's backward step leaves on the options."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0021_remove_departments"),
    ]

    operations = [
        migrations.AddField(
            model_name="breakdownoption",
            name="short_label",
            field=models.CharField(
                blank=True,
                help_text="可选；版式中需要简短说法时使用（如“行政许可”）。",
                max_length=20,
                verbose_name="简称",
            ),
        ),
    ]
