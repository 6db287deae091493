"""Creating a bureau, and the starter data other apps give every new bureau.

``starters`` is a registry of callables ``(bureau, pack) -> None`` that apps
fill from their ``AppConfig.ready``; each reads its own part of the chosen
starter pack (``bureaus.packs``: the case categories and rating channels, the
trade category tree …), so bureaus imports none of them and the reference data
a bureau starts with is data. No pack: the bureau starts blank.
"""

from collections.abc import Callable

from django.db import transaction

from .models import Bureau
from .packs import DEFAULT_PACK, StarterPack, starter_pack

starters: list[Callable[[Bureau, StarterPack], None]] = []


def bureau_start(*, bureau: Bureau, pack: str | None = DEFAULT_PACK) -> None:
    """Give a freshly saved bureau every app's part of the starter ``pack``
    (its file name; ``None`` or "" for none)."""
    if not pack:
        return
    chosen = starter_pack(pack)
    for starter in starters:
        starter(bureau, chosen)


@transaction.atomic
def bureau_create(
    *, name: str, short_name: str, slug: str, pack: str | None = DEFAULT_PACK, **fields
) -> Bureau:
    bureau = Bureau(name=name, short_name=short_name, slug=slug, **fields)
    bureau.full_clean()
    bureau.save()
    bureau_start(bureau=bureau, pack=pack)
    return bureau
