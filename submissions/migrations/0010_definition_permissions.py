"""The bureau admin (管理员) edits the bureau's figure definitions and breakdowns;
the editor may read them."""

from django.db import migrations

# A snapshot at the time of writing: migrations must not change meaning later.
ROLE_PERMISSIONS = {
    "编辑": [
        "submissions.view_figuredefinition",
        "submissions.view_breakdown",
        "submissions.view_breakdownoption",
    ],
    "管理员": [
        f"submissions.{action}_{model}"
        for model in ("figuredefinition", "breakdown", "breakdownoption")
        for action in ("add", "change", "view")
    ],
}


def forwards(apps, schema_editor):
    from submissions.roles import grant

    grant(apps, schema_editor, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("submissions", "0009_figure_definitions_and_levels")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
