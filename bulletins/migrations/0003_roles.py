"""Grant the bulletin permissions to the roles (DESIGN 3.1, 3.6)."""

from django.db import migrations

# A snapshot at the time of writing: migrations must not change meaning later.
ROLE_PERMISSIONS = {
    "编辑": [
        "bulletins.view_series",
        "bulletins.view_issue",
        "bulletins.add_issue",
        "bulletins.change_issue",
        "bulletins.compose_issue",
        "bulletins.publish_issue",
    ],
    "签发人": [
        "bulletins.view_series",
        "bulletins.view_issue",
        "bulletins.signoff_issue",
    ],
    "管理员": [
        "bulletins.add_series",
        "bulletins.change_series",
        "bulletins.view_series",
        "bulletins.view_issue",
        "bulletins.add_issue",
        "bulletins.change_issue",
        "bulletins.compose_issue",
        "bulletins.signoff_issue",
        "bulletins.publish_issue",
    ],
}


def forwards(apps, schema_editor):
    from submissions.roles import grant

    grant(apps, schema_editor, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("bulletins", "0002_search_trigram_index"),
        ("submissions", "0002_roles_and_reference_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
