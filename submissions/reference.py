"""A new bureau's breakdowns, figure definitions and rate definitions, from
its starter pack (``bureaus.packs``): its own copy to change."""

from .models import (
    Breakdown,
    BreakdownOption,
    FigureDefinition,
    RateDefinition,
)

# The pack's fields of a definition that are copied as they are.
DEFINITION_FIELDS = (
    "name",
    "value_type",
    "unit",
    "has_total",
    "parts_rule",
    "unit_kind",
    "required",
    "change_limit",
    "aggregation",
    "order",
)
# The pack names another definition by its code in these fields.
DEFINITION_LINKS = ("parts_of", "not_above", "sums_to")


def start_bureau(bureau, pack) -> None:
    """A bureau starter (``bureaus.services.starters``): breakdowns with their
    options, figure definitions and rates."""
    start_definitions(bureau, pack)


def start_definitions(bureau, pack) -> None:
    """The pack's breakdowns and figure definitions; a definition links to
    others (``parts_of``, ``not_above``, ``sums_to``, ``equals_sum_of``) by
    their codes, and to the option of ``sums_to`` by its name."""
    breakdowns = {}
    for entry in pack.part("breakdowns"):
        breakdown, _ = Breakdown.objects.get_or_create(
            bureau=bureau,
            name=entry["name"],
            defaults={"has_note": entry.get("has_note", False)},
        )
        breakdowns[entry["name"]] = breakdown
        for option in entry.get("options", []):
            BreakdownOption.objects.get_or_create(
                breakdown=breakdown,
                name=option["name"],
                defaults={
                    "order": option.get("order", 0),
                    "short_label": option.get("short_label", ""),
                },
            )
    definitions = {}
    entries = pack.part("figure_definitions")
    for entry in entries:
        defaults = {k: entry[k] for k in DEFINITION_FIELDS if k in entry}
        if entry.get("breakdown"):
            defaults["breakdown"] = breakdowns[entry["breakdown"]]
        definitions[entry["code"]], _ = FigureDefinition.objects.get_or_create(
            bureau=bureau, code=entry["code"], defaults=defaults
        )
    for entry in entries:
        links = {k: definitions[entry[k]] for k in DEFINITION_LINKS if entry.get(k)}
        if links:
            FigureDefinition.objects.filter(pk=definitions[entry["code"]].pk).update(
                **links
            )
        if entry.get("sums_to_option"):
            target = definitions[entry["sums_to"]]
            FigureDefinition.objects.filter(pk=definitions[entry["code"]].pk).update(
                sums_to_option=target.breakdown.options.get(
                    name=entry["sums_to_option"]
                )
            )
        if entry.get("equals_sum_of"):
            definitions[entry["code"]].equals_sum_of.set(
                [definitions[code] for code in entry["equals_sum_of"]]
            )
    start_rates(bureau, pack, definitions)


def start_rates(bureau, pack, definitions) -> None:
    """The pack's rate definitions: each side names a definition of the pack by
    its code and, optionally, options of its breakdown by name (a rating
    channel's satisfied levels over the channel's total)."""
    for entry in pack.part("rate_definitions"):
        sides = {
            side: definitions[entry[side]] for side in ("numerator", "denominator")
        }
        rate, created = RateDefinition.objects.get_or_create(
            bureau=bureau,
            code=entry["code"],
            defaults={
                "name": entry["name"],
                "places": entry.get("places", 2),
                "minimum": entry.get("minimum"),
                "order": entry.get("order", 0),
                **sides,
            },
        )
        if not created:
            continue
        for side, definition in sides.items():
            names = entry.get(f"{side}_options", [])
            getattr(rate, f"{side}_options").set(
                definition.breakdown.options.filter(name__in=names) if names else []
            )
