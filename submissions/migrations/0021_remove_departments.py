"""The ``Department`` and ``DepartmentCount`` models are gone: the hall's
department table is figure definitions since 0020. Their content types go too,
and with them their permissions."""

from django.db import migrations

GONE = (
    "department",
    "historicaldepartment",
    "departmentcount",
    "historicaldepartmentcount",
)


def forget(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="submissions", model__in=GONE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("submissions", "0020_department_definitions"),
    ]

    operations = [
        migrations.DeleteModel(name="HistoricalDepartmentCount"),
        migrations.DeleteModel(name="DepartmentCount"),
        migrations.DeleteModel(name="HistoricalDepartment"),
        migrations.DeleteModel(name="Department"),
        migrations.RunPython(forget, migrations.RunPython.noop),
    ]
