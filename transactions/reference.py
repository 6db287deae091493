"""A new bureau's trade category tree, from its starter pack (``bureaus.packs``):
each category with its label, its name in sentences, its measure word, whether
it counts in the total and prints its amount, and its children; the bureau's
own copy to change."""

from .models import TradeCategory

FIELDS = ("label", "name", "measure_word", "order", "in_total", "amount_printed")


def start_bureau(bureau, pack) -> None:
    """A bureau starter (``bureaus.services.starters``): the category tree."""

    def add(entries, parent):
        for entry in entries:
            defaults = {key: entry[key] for key in FIELDS if key in entry}
            category, _ = TradeCategory.objects.get_or_create(
                bureau=bureau,
                code=entry["code"],
                defaults={**defaults, "parent": parent},
            )
            add(entry.get("children", []), category)

    add(pack.part("trade_categories"), None)
