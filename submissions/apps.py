from django.apps import AppConfig

from config.navigation import NavItem


def _is_staff(user):
    return bool(user and user.is_authenticated and user.is_staff)


def _may(perm):
    def allowed(user):
        return bool(user and user.is_authenticated and user.has_perm(perm))

    return allowed


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = "报送与审核"
    nav_items = (
        NavItem("首页", "home", order=0),
        NavItem(
            "我的报送",
            "submissions:todo",
            allowed=_may("submissions.fill_monthlyreport"),
            order=10,
        ),
        NavItem(
            "报送审核",
            "submissions:review_overview",
            allowed=_may("submissions.review_monthlyreport"),
            order=20,
        ),
        NavItem("系统管理", "admin:index", allowed=_is_staff, order=900),
    )

    def ready(self):
        from django.db.models.signals import post_migrate

        from config.permissions import name_permissions

        # After Django's own receiver has created the permissions, in English.
        post_migrate.connect(name_permissions, dispatch_uid="chinese-permissions")

        from bureaus.services import starters
        from submissions.reference import start_bureau

        if start_bureau not in starters:
            starters.append(start_bureau)
