from django.apps import AppConfig

from config.navigation import NavItem


def _may_edit(user) -> bool:
    from bulletins.models import may_sign_off

    return bool(
        user
        and user.is_authenticated
        and (user.has_perm("bulletins.compose_issue") or may_sign_off(user))
    )


def _may_edit_profiles(user) -> bool:
    return bool(
        user and user.is_authenticated and user.has_perm("bulletins.change_profile")
    )


class BulletinsConfig(AppConfig):
    name = "bulletins"
    verbose_name = "政务服务动态"
    nav_items = (
        NavItem("往期动态", "bulletins:archive", order=10),
        NavItem("检索", "bulletins:search", order=20),
        NavItem("数据趋势", "bulletins:trends_index", order=30),
        NavItem("编排与签发", "bulletins:issue_list", allowed=_may_edit, order=300),
        NavItem(
            "版式", "bulletins:profile_list", allowed=_may_edit_profiles, order=310
        ),
    )

    def ready(self):
        from bulletins.locks import (
            lock_trade_month,
            refuse_reopen_if_published,
            refuse_trade_change_if_published,
        )
        from submissions.workflow import reopen_guards
        from transactions.guards import change_guards
        from transactions.locks import lock_guards

        if refuse_trade_change_if_published not in change_guards:
            change_guards.append(refuse_trade_change_if_published)

        if refuse_reopen_if_published not in reopen_guards:
            reopen_guards.append(refuse_reopen_if_published)
        if lock_trade_month not in lock_guards:
            lock_guards.append(lock_trade_month)
