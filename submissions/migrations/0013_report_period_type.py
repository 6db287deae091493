# A report's period type (DESIGN 5.3): a month or a quarter. Every report
# stored so far is a month's report, its history rows included.

from django.db import migrations, models

CHOICES = [("monthly", "月报"), ("quarterly", "季报")]


def every_report_is_a_month(apps, schema_editor):
    for name in ("MonthlyReport", "HistoricalMonthlyReport"):
        apps.get_model("submissions", name).objects.filter(
            period_type__isnull=True
        ).update(period_type="monthly")


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0012_stated_year_to_date"),
    ]

    operations = [
        migrations.AddField(
            model_name="monthlyreport",
            name="period_type",
            field=models.CharField(
                choices=CHOICES, max_length=10, null=True, verbose_name="报告期类型"
            ),
        ),
        migrations.AddField(
            model_name="historicalmonthlyreport",
            name="period_type",
            field=models.CharField(
                choices=CHOICES, max_length=10, null=True, verbose_name="报告期类型"
            ),
        ),
        migrations.RunPython(every_report_is_a_month, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="monthlyreport",
            name="period_type",
            field=models.CharField(
                choices=CHOICES,
                default="monthly",
                max_length=10,
                verbose_name="报告期类型",
            ),
        ),
        migrations.AlterField(
            model_name="historicalmonthlyreport",
            name="period_type",
            field=models.CharField(
                choices=CHOICES,
                default="monthly",
                max_length=10,
                verbose_name="报告期类型",
            ),
        ),
        migrations.AlterField(
            model_name="historicalmonthlyreport",
            name="month",
            field=models.DateField(help_text="报告期的第一个月。", verbose_name="月份"),
        ),
        migrations.AlterField(
            model_name="monthlyreport",
            name="month",
            field=models.DateField(help_text="报告期的第一个月。", verbose_name="月份"),
        ),
    ]
