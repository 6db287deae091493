"""A definition's parts may break down another definition's total
(``parts_of``), and a definition may not exceed another (``not_above``): the
rules the 12345 hotline needs (0014). Schema only: PostgreSQL does not build
the new indexes in a transaction that has changed rows."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0013_report_period_type"),
    ]

    operations = [
        migrations.AddField(
            model_name="figuredefinition",
            name="not_above",
            field=models.ForeignKey(
                blank=True,
                help_text="填写后，本指标的总数不得超过所选指标的总数（如办结不得超过受理）；"
                "两者按同一分类填报时，各分项也逐项对照（错误）。",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bounding",
                to="submissions.figuredefinition",
                verbose_name="不得超过指标",
            ),
        ),
        migrations.AddField(
            model_name="figuredefinition",
            name="parts_of",
            field=models.ForeignKey(
                blank=True,
                help_text="填写后，本指标的分项按分项规则与所选指标的总数对照"
                "（如“承办单、重新办理单”对照“受理”）；本指标不另填总数。",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="broken_down_by",
                to="submissions.figuredefinition",
                verbose_name="分项对照指标",
            ),
        ),
    ]
