"""The people's roles, as Django groups with permissions (DESIGN 3.1).

Group names are what an administrator sees; code checks permissions, never group
names, so a bureau can regroup its people without a code change. Each app's data
migration grants its own permissions to these groups.
"""

CLERK = "填报员"
EDITOR = "编辑"
LEADER = "签发人"
ADMIN = "管理员"

ALL = (CLERK, EDITOR, LEADER, ADMIN)


def grant(apps, schema_editor, mapping):
    """Create the groups and grant ``mapping``'s permissions (for data migrations).

    Permissions are normally created after migrate; creating them here first makes
    the groups complete on a fresh database in one ``migrate``.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in ALL:
        group, _ = Group.objects.get_or_create(name=name)
        for dotted in mapping.get(name, []):
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )


def in_role(user, role: str) -> bool:
    return bool(
        user and user.is_authenticated and user.groups.filter(name=role).exists()
    )
