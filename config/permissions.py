"""Permission names in Chinese.

Django names the permissions it creates for every model in English at migrate
time ("Can view 月度报送"), whatever the language, and the admin shows those names
when an administrator grants permissions to a user or a role. After each
migrate, ``name_permissions`` renames the four built-in ones of every model
("可查看月度报送"); codenames, which the code and the role migrations use, stay.
"""

from django.apps import apps as global_apps

ACTIONS = {"add": "添加", "change": "修改", "delete": "删除", "view": "查看"}
HISTORICAL = "historical "


def chinese_name(action: str, verbose_name: str) -> str:
    """("view", "月度报送") → "可查看月度报送"; a simple-history model's
    "historical 月度报送" → "可查看月度报送的历史记录"."""
    verbose_name = str(verbose_name)
    if verbose_name.startswith(HISTORICAL):
        verbose_name = verbose_name.removeprefix(HISTORICAL) + "的历史记录"
    return f"可{ACTIONS[action]}{verbose_name}"


def name_permissions(apps=global_apps, **kwargs) -> None:
    """A post_migrate receiver: rename the built-in permissions in Chinese."""
    try:
        Permission = apps.get_model("auth", "Permission")
    except LookupError:
        return
    renamed = []
    for permission in Permission.objects.select_related("content_type"):
        action, _, model_name = permission.codename.partition("_")
        if action not in ACTIONS:
            continue
        try:
            model = global_apps.get_model(
                permission.content_type.app_label, permission.content_type.model
            )
        except LookupError:
            continue
        if model_name != model._meta.model_name:
            continue  # a custom permission: named by its model's Meta
        name = chinese_name(action, model._meta.verbose_name)
        if permission.name != name:
            permission.name = name
            renamed.append(permission)
    Permission.objects.bulk_update(renamed, ["name"])
