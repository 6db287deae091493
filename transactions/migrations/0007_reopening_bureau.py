"""A trade-month reopening belongs to one bureau (0007 adds the column, 0008
fills it, 0009 makes it required: on PostgreSQL a schema change and the rows
written in one transaction would clash over pending constraint checks).

Before, a reopening acted on the month of every bureau (locks were per month),
so each existing reopening becomes one reopening per bureau: every bureau's
month stays exactly as open as it was.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("bureaus", "0001_initial"),
        ("transactions", "0006_trade_measures"),
    ]

    operations = [
        migrations.AddField(
            model_name="trademonthreopening",
            name="bureau",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="trade_month_reopenings",
                to="bureaus.bureau",
                verbose_name="编发单位",
            ),
        ),
    ]
