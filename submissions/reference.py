"""A new bureau's case categories and rating channels, from its starter pack
(``bureaus.packs``): its own copy to change."""

from .models import CaseCategory, RatingChannel


def start_bureau(bureau, pack) -> None:
    """A bureau starter (``bureaus.services.starters``): categories, channels."""
    for entry in pack.part("case_categories"):
        CaseCategory.objects.get_or_create(
            bureau=bureau,
            name=entry["name"],
            defaults={
                "short_name": entry.get("short_name", entry["name"]),
                "order": entry.get("order", 0),
            },
        )
    for entry in pack.part("rating_channels"):
        RatingChannel.objects.get_or_create(
            bureau=bureau, name=entry["name"], defaults={"order": entry.get("order", 0)}
        )
