"""Satisfaction ratings (好差评) become figure definitions (DESIGN 5.3, issue 14).

Every bureau's rating channels become definitions of the same name, each broken
down by the five levels of one breakdown (评价等级) with a stated total and the
``sum`` parts rule: levels above the total are an error, levels short of it a
warning, as the rating rules were. Each channel gets its 满意率 as a rate
definition: 非常满意 + 满意 + 基本满意 over the total (stated, else the levels'
sum), two decimals, as the ratings paragraph printed it.

Every ``SatisfactionRating`` row is copied into ``FigureValue`` rows exactly: a
blank field has no row, a 0 is a row holding 0. Its field history is replayed
into the figure values' history, and an explained rating warning stays
explained (the definition is named as the channel was, so only the rule
changes). ``0018`` then drops the models (PostgreSQL does not alter a table
with pending trigger events in the same transaction).

Backwards, the rows and channels are rebuilt from the definitions and values
(their history starts afresh) and the rating definitions are removed.
"""

from django.db import migrations

# A snapshot at the time of writing (migrations keep their meaning).
BREAKDOWN = "评价等级"
LEVELS = {
    "very_satisfied": "非常满意",
    "satisfied": "满意",
    "basically_satisfied": "基本满意",
    "dissatisfied": "不满意",
    "very_dissatisfied": "非常不满意",
}
SATISFIED = ("非常满意", "满意", "基本满意")
FIELDS = ("total", *LEVELS)
# The city pack's channels keep the pack's codes; a channel a bureau added is
# coded by its id.
PACK_CODES = {
    "纸质评价": "rating_paper",
    "网上评价": "rating_online",
    "评价器评价": "rating_device",
    "短信评价": "rating_sms",
}
PREFIX = "rating_"
RATE_SUFFIX = "_satisfaction"
RATE_NAME = "{channel}满意率"
UNIT = "条"
ORDER = 800
PLACES = 2
# An explanation is keyed (rule, subject); the subject, the channel's name, is
# the definition's name.
EXPLAINED = {
    "rating_levels_sum": "defined_parts_sum",
    "rating_levels_exceed_total": "defined_parts_exceed",
}


def channel_code(channel) -> str:
    return PACK_CODES.get(channel.name, f"{PREFIX}{channel.pk}")


def _rekey_explanations(apps, rules, definitions=None):
    """Explanations keyed by ``rules`` re-keyed to their new rule; backwards,
    only those of the rating ``definitions`` (the hotline's stay)."""
    FindingExplanation = apps.get_model("submissions", "FindingExplanation")
    for rule, new_rule in rules.items():
        explanations = FindingExplanation.objects.filter(rule=rule)
        if definitions is None:
            explanations.update(rule=new_rule)
            continue
        for definition in definitions:
            explanations.filter(
                report__centre__bureau_id=definition.bureau_id,
                subject=definition.name,
            ).update(rule=new_rule)


def _levels(apps, bureau):
    Breakdown = apps.get_model("submissions", "Breakdown")
    BreakdownOption = apps.get_model("submissions", "BreakdownOption")
    breakdown, _ = Breakdown.objects.get_or_create(bureau=bureau, name=BREAKDOWN)
    options = {}
    for order, (field, name) in enumerate(LEVELS.items(), start=1):
        options[field], _ = BreakdownOption.objects.get_or_create(
            breakdown=breakdown, name=name, defaults={"order": order * 10}
        )
    return breakdown, options


def _configure(apps, channel, breakdown, options):
    """The channel's definition and 满意率: field → (definition, option or None)."""
    FigureDefinition = apps.get_model("submissions", "FigureDefinition")
    RateDefinition = apps.get_model("submissions", "RateDefinition")
    code = channel_code(channel)
    definition, _ = FigureDefinition.objects.get_or_create(
        bureau_id=channel.bureau_id,
        code=code,
        defaults={
            "name": channel.name,
            "unit": UNIT,
            "breakdown": breakdown,
            "has_total": True,
            "parts_rule": "sum",
            "order": ORDER + channel.order,
        },
    )
    rate, created = RateDefinition.objects.get_or_create(
        bureau_id=channel.bureau_id,
        code=f"{code}{RATE_SUFFIX}",
        defaults={
            "name": RATE_NAME.format(channel=channel.name),
            "numerator": definition,
            "denominator": definition,
            "places": PLACES,
            "order": channel.order,
        },
    )
    if created:
        rate.numerator_options.set([o for o in options.values() if o.name in SATISFIED])
    slots = {"total": (definition, None)}
    slots.update({field: (definition, option) for field, option in options.items()})
    return slots


def _replay_history(apps, rating, slots, ids):
    """The rating's history records as the figure values' history: each
    changed field a record of its value (``-`` when it became blank)."""
    Historical = apps.get_model("submissions", "HistoricalSatisfactionRating")
    HistoricalFigureValue = apps.get_model("submissions", "HistoricalFigureValue")
    before = dict.fromkeys(FIELDS)
    records = []
    for record in Historical.objects.filter(id=rating.pk).order_by(
        "history_date", "history_id"
    ):
        gone = record.history_type == "-"
        for field in FIELDS:
            old, new = before[field], None if gone else getattr(record, field)
            if old == new:
                continue
            definition, option = slots[field]
            records.append(
                HistoricalFigureValue(
                    id=ids[field],
                    report_id=rating.report_id,
                    definition_id=definition.pk,
                    option_id=option.pk if option else None,
                    value=old if new is None else new,
                    to_date=False,
                    history_date=record.history_date,
                    history_change_reason=record.history_change_reason,
                    history_type="-" if new is None else ("+" if old is None else "~"),
                    history_user_id=record.history_user_id,
                )
            )
            before[field] = new
    HistoricalFigureValue.objects.bulk_create(records)


def forwards(apps, schema_editor):
    RatingChannel = apps.get_model("submissions", "RatingChannel")
    SatisfactionRating = apps.get_model("submissions", "SatisfactionRating")
    FigureValue = apps.get_model("submissions", "FigureValue")
    levels, slots = {}, {}
    for channel in RatingChannel.objects.order_by("bureau_id", "order", "id"):
        if channel.bureau_id not in levels:
            levels[channel.bureau_id] = _levels(apps, channel.bureau)
        slots[channel.pk] = _configure(apps, channel, *levels[channel.bureau_id])
    for rating in SatisfactionRating.objects.order_by("pk"):
        channel_slots = slots[rating.channel_id]
        ids = {}
        for index, field in enumerate(FIELDS):
            definition, option = channel_slots[field]
            value = getattr(rating, field)
            if value is None:
                # A figure blanked earlier keeps its history under an id no
                # row will take (apart from the hotline's, 0015).
                ids[field] = -(10**9 + rating.pk * 10 + index)
                continue
            row = FigureValue.objects.create(
                report_id=rating.report_id,
                definition=definition,
                option=option,
                value=value,
                to_date=False,
            )
            ids[field] = row.pk
        _replay_history(apps, rating, channel_slots, ids)
    _rekey_explanations(apps, EXPLAINED)


def _rating_definitions(apps):
    FigureDefinition = apps.get_model("submissions", "FigureDefinition")
    return FigureDefinition.objects.filter(
        code__startswith=PREFIX, breakdown__name=BREAKDOWN
    ).select_related("breakdown")


def backwards(apps, schema_editor):
    RatingChannel = apps.get_model("submissions", "RatingChannel")
    SatisfactionRating = apps.get_model("submissions", "SatisfactionRating")
    FigureValue = apps.get_model("submissions", "FigureValue")
    HistoricalFigureValue = apps.get_model("submissions", "HistoricalFigureValue")
    RateDefinition = apps.get_model("submissions", "RateDefinition")
    Breakdown = apps.get_model("submissions", "Breakdown")
    fields = {name: field for field, name in LEVELS.items()}
    definitions = list(_rating_definitions(apps).order_by("bureau_id", "order", "pk"))
    back = {new: old for old, new in EXPLAINED.items()}
    _rekey_explanations(apps, back, definitions)
    rows = {}
    for definition in definitions:
        channel, _ = RatingChannel.objects.get_or_create(
            bureau_id=definition.bureau_id,
            name=definition.name,
            defaults={"order": max(definition.order - ORDER, 0)},
        )
        values = FigureValue.objects.filter(
            definition=definition, to_date=False
        ).select_related("option")
        for value in values:
            field = fields[value.option.name] if value.option_id else "total"
            row = rows.setdefault((value.report_id, channel.pk), {})
            row[field] = int(value.value)
    SatisfactionRating.objects.bulk_create(
        SatisfactionRating(report_id=report_id, channel_id=channel_id, **fields)
        for (report_id, channel_id), fields in rows.items()
    )
    RateDefinition.objects.filter(
        numerator__in=definitions, code__endswith=RATE_SUFFIX
    ).delete()
    HistoricalFigureValue.objects.filter(
        definition_id__in=[d.pk for d in definitions]
    ).delete()
    FigureValue.objects.filter(definition__in=definitions).delete()
    for definition in definitions:
        definition.delete()
    Breakdown.objects.filter(name=BREAKDOWN, definitions=None).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0016_remove_hotline"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
