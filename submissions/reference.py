"""The reference data every new bureau starts with (its own copy to change)."""

from .models import CaseCategory, RatingChannel

CASE_CATEGORIES = [
    ("行政许可事项", "行政许可", 10),
    ("公共服务事项", "公共服务", 20),
    ("便民服务事项", "便民服务", 30),
]
RATING_CHANNELS = [
    ("纸质评价", 10),
    ("网上评价", 20),
    ("评价器评价", 30),
    ("短信评价", 40),
]


def start_bureau(bureau) -> None:
    """A bureau starter (``bureaus.services.starters``): categories, channels."""
    for name, short_name, order in CASE_CATEGORIES:
        CaseCategory.objects.get_or_create(
            bureau=bureau,
            name=name,
            defaults={"short_name": short_name, "order": order},
        )
    for name, order in RATING_CHANNELS:
        RatingChannel.objects.get_or_create(
            bureau=bureau, name=name, defaults={"order": order}
        )
