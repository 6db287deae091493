from django.apps import AppConfig

from config.navigation import NavItem


def _is_staff(user):
    return bool(user and user.is_authenticated and user.is_staff)


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = "报送与审核"
    nav_items = (
        NavItem("首页", "home", order=0),
        NavItem("系统管理", "admin:index", allowed=_is_staff, order=900),
    )
