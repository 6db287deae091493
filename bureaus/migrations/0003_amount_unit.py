"""Each bureau's working amount unit and its display decimals.

Every existing bureau works in 亿元 with four decimals, as the staff screens and
the trends page showed every bureau's amounts before the unit was a setting, so
nothing a bureau sees changes. The columns are added blank, filled, then made
required, with defaults in the database too so that a writer which predates
them (a migration test's historical model) still gets 亿元.
"""

import django.core.validators
from django.db import migrations, models

# A snapshot at the time of writing (migrations keep their meaning).
UNITS = [("元", "元"), ("万元", "万元"), ("亿元", "亿元")]
EXISTING_UNIT = "亿元"
EXISTING_PLACES = 4


def existing_bureaus_work_in_yi(apps, schema_editor):
    Bureau = apps.get_model("bureaus", "Bureau")
    Bureau.objects.update(amount_unit=EXISTING_UNIT, amount_places=EXISTING_PLACES)


class Migration(migrations.Migration):
    dependencies = [("bureaus", "0002_existing_data")]

    operations = [
        migrations.AddField(
            model_name="bureau",
            name="amount_unit",
            field=models.CharField("金额单位", max_length=4, choices=UNITS, null=True),
        ),
        migrations.AddField(
            model_name="bureau",
            name="amount_places",
            field=models.PositiveSmallIntegerField("金额小数位", null=True),
        ),
        migrations.RunPython(
            existing_bureaus_work_in_yi, migrations.RunPython.noop, elidable=False
        ),
        migrations.AlterField(
            model_name="bureau",
            name="amount_unit",
            field=models.CharField(
                "金额单位",
                max_length=4,
                choices=UNITS,
                default=EXISTING_UNIT,
                db_default=EXISTING_UNIT,
                help_text="工作人员录入和查看交易金额（交易项目、手工汇总、本月汇总、"
                "数据趋势）所用的单位；金额一律按元精确保存，刊物印出的单位由版式决定。",
            ),
        ),
        migrations.AlterField(
            model_name="bureau",
            name="amount_places",
            field=models.PositiveSmallIntegerField(
                "金额小数位",
                default=EXISTING_PLACES,
                db_default=EXISTING_PLACES,
                validators=[django.core.validators.MaxValueValidator(10)],
                help_text="以上述单位显示金额时保留的小数位数（四舍五入）。",
            ),
        ),
    ]
