"""Issue 14: the case figures' former storage goes, now that every bureau's
受理 / 办结 / 正在办理 by 办件类别 are figure definitions (0023 copied every
value, note and history row; 0025 their rules). The report's three totals,
CaseCount (and its history) and CaseCategory are dropped; reversing recreates
them empty and 0023's reverse fills them from the definitions (their
permissions come back with the next migrate's post_migrate)."""

from django.db import migrations

GONE = ("casecategory", "casecount", "historicalcasecount")


def drop_content_types(apps, schema_editor):
    """The dropped models' content types and their permissions (never named
    in Chinese again, they would list as “Can add 分类办件”)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="submissions", model__in=GONE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0025_case_rules"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.DeleteModel(name="HistoricalCaseCount"),
        migrations.DeleteModel(name="CaseCount"),
        migrations.DeleteModel(name="CaseCategory"),
        *(
            migrations.RemoveField(model_name=model, name=field)
            for model in ("historicalmonthlyreport", "monthlyreport")
            for field in ("accepted_total", "completed_total", "in_progress_total")
        ),
        migrations.RunPython(drop_content_types, migrations.RunPython.noop),
    ]
