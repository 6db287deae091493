import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("transactions", "0008_reopenings_per_bureau")]

    operations = [
        migrations.AlterField(
            model_name="trademonthreopening",
            name="bureau",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="trade_month_reopenings",
                to="bureaus.bureau",
                verbose_name="编发单位",
            ),
        ),
    ]
