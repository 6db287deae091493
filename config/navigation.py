"""The site navigation, assembled from each app's ``nav_items``.

An app lists what it offers in its AppConfig as ``NavItem``s; the context processor
shows a user only the items whose permission check passes, so each role sees only
what it may use.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    allowed: Callable = lambda user: True  # noqa: E731
    order: int = 100


def items_for(user) -> list[tuple[str, str]]:
    """(label, url) pairs the user may see, in order."""
    items = []
    for config in apps.get_app_configs():
        items.extend(getattr(config, "nav_items", ()))
    visible = [item for item in items if item.allowed(user)]
    visible.sort(key=lambda item: item.order)
    return [(item.label, reverse(item.url_name)) for item in visible]


def navigation(request):
    return {"nav_items": items_for(getattr(request, "user", None))}
