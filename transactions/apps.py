from django.apps import AppConfig

from config.navigation import NavItem


def _may_view_trades(user):
    return bool(
        user and user.is_authenticated and user.has_perm("transactions.view_trade")
    )


class TransactionsConfig(AppConfig):
    name = "transactions"
    verbose_name = "公共资源交易"
    nav_items = (
        NavItem(
            "公共资源交易",
            "transactions:trade_list",
            allowed=_may_view_trades,
            order=30,
        ),
    )

    def ready(self):
        from bureaus.services import starters
        from transactions.reference import start_bureau

        if start_bureau not in starters:
            starters.append(start_bureau)
