"""Creating a bureau, and the starter data other apps give every new bureau.

``starters`` is a registry of callables ``(bureau) -> None`` that apps fill from
their ``AppConfig.ready`` (the case categories and rating channels, the trade
category tree …), so bureaus imports none of them and a new bureau starts with
the same reference data the first one had.
"""

from collections.abc import Callable

from django.db import transaction

from .models import Bureau

starters: list[Callable[[Bureau], None]] = []


def bureau_start(*, bureau: Bureau) -> None:
    """Give a freshly saved bureau every app's starter data."""
    for starter in starters:
        starter(bureau)


@transaction.atomic
def bureau_create(*, name: str, short_name: str, slug: str, **fields) -> Bureau:
    bureau = Bureau(name=name, short_name=short_name, slug=slug, **fields)
    bureau.full_clean()
    bureau.save()
    bureau_start(bureau=bureau)
    return bureau
