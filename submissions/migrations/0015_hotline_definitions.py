"""The 12345 hotline becomes figure definitions (DESIGN 5.3, issue 14).

Every bureau gets the hotline's breakdowns, options and definitions (what the
city starter pack ships; every bureau's report form had the 12345 section), and
every ``Hotline`` row is copied into ``FigureValue`` rows exactly: a blank field
has no row, a 0 is a row holding 0. Its field history is replayed into the
figure values' history, so the editor's review and "changed since return" see
the same changes as before; an explained hotline warning stays explained.
``0015`` then drops the model (PostgreSQL does not
alter a table with pending trigger events in the same transaction).

Backwards, the ``Hotline`` rows are rebuilt from the figure values (their
history starts afresh) and the hotline's definitions are removed.
"""

from django.db import migrations

# A snapshot at the time of writing (migrations keep their meaning): the
# breakdowns, their options in order, and the definitions of the city pack.
BREAKDOWNS = {
    "诉求性质": ["求助类", "咨询类", "投诉类", "建议类"],
    "工单类型": ["承办单", "重新办理单"],
    "热线渠道": [
        "市政府门户网站“市长信箱”",
        "市政府门户网站“网民留言”",
        "青海省“12345”政务服务热线",
    ],
}
DEFINITIONS = [
    # code, name, breakdown, has_total, parts_rule, parts_of, not_above, order
    ("hotline_received", "12345热线受理", "诉求性质", True, "sum", None, None, 910),
    (
        "hotline_orders",
        "12345热线工单",
        "工单类型",
        False,
        "sum",
        "hotline_received",
        None,
        920,
    ),
    (
        "hotline_completed",
        "12345热线办结",
        None,
        True,
        "none",
        None,
        "hotline_received",
        930,
    ),
    (
        "hotline_channel_received",
        "12345热线渠道受理",
        "热线渠道",
        False,
        "none",
        None,
        None,
        940,
    ),
    (
        "hotline_channel_completed",
        "12345热线渠道办结",
        "热线渠道",
        False,
        "none",
        None,
        "hotline_channel_received",
        950,
    ),
]
_MAILBOX, _MESSAGES, _PROVINCIAL = BREAKDOWNS["热线渠道"]
# Hotline field → (definition code, option name or None for the total)
FIELDS = {
    "received": ("hotline_received", None),
    "help_requests": ("hotline_received", "求助类"),
    "consultations": ("hotline_received", "咨询类"),
    "complaints": ("hotline_received", "投诉类"),
    "suggestions": ("hotline_received", "建议类"),
    "assigned": ("hotline_orders", "承办单"),
    "redone": ("hotline_orders", "重新办理单"),
    "completed": ("hotline_completed", None),
    "mayor_mailbox_received": ("hotline_channel_received", _MAILBOX),
    "mayor_mailbox_completed": ("hotline_channel_completed", _MAILBOX),
    "netizen_received": ("hotline_channel_received", _MESSAGES),
    "netizen_completed": ("hotline_channel_completed", _MESSAGES),
    "provincial_received": ("hotline_channel_received", _PROVINCIAL),
    "provincial_completed": ("hotline_channel_completed", _PROVINCIAL),
}

# The hotline's warnings as the definitions' rules now find them: an editor's
# explanation, keyed (rule, subject), follows its warning.
EXPLAINED = {
    ("hotline_orders_sum", "12345热线"): ("defined_parts_sum", "12345热线工单"),
    ("hotline_natures_sum", "12345热线"): ("defined_parts_sum", "12345热线受理"),
}


def _rekey_explanations(apps, keys):
    FindingExplanation = apps.get_model("submissions", "FindingExplanation")
    for (rule, subject), (new_rule, new_subject) in keys.items():
        FindingExplanation.objects.filter(rule=rule, subject=subject).update(
            rule=new_rule, subject=new_subject
        )


def _configure(apps, bureau):
    """The bureau's hotline definitions and options, created where missing:
    (code, option name or None) → (definition, option or None)."""
    Breakdown = apps.get_model("submissions", "Breakdown")
    BreakdownOption = apps.get_model("submissions", "BreakdownOption")
    FigureDefinition = apps.get_model("submissions", "FigureDefinition")
    options, breakdowns = {}, {}
    for name, option_names in BREAKDOWNS.items():
        breakdown, _ = Breakdown.objects.get_or_create(bureau=bureau, name=name)
        breakdowns[name] = breakdown
        for order, option_name in enumerate(option_names, start=1):
            options[name, option_name], _ = BreakdownOption.objects.get_or_create(
                breakdown=breakdown,
                name=option_name,
                defaults={"order": order * 10},
            )
    definitions = {}
    for code, name, breakdown, has_total, rule, _, _, order in DEFINITIONS:
        definitions[code], _ = FigureDefinition.objects.get_or_create(
            bureau=bureau,
            code=code,
            defaults={
                "name": name,
                "breakdown": breakdowns.get(breakdown),
                "has_total": has_total,
                "parts_rule": rule,
                "order": order,
            },
        )
    for code, _, _, _, _, parts_of, not_above, _ in DEFINITIONS:
        definition = definitions[code]
        definition.parts_of = definitions.get(parts_of)
        definition.not_above = definitions.get(not_above)
        definition.save(update_fields=["parts_of", "not_above"])
    slots = {}
    for field, (code, option_name) in FIELDS.items():
        definition = definitions[code]
        option = None
        if option_name is not None:
            option = options[definition.breakdown.name, option_name]
        slots[field] = (definition, option)
    return slots


def _replay_history(apps, hotline, slots, ids):
    """The hotline's history records as the figure values' history: each
    changed field a record of its value (``-`` when it became blank)."""
    HistoricalHotline = apps.get_model("submissions", "HistoricalHotline")
    HistoricalFigureValue = apps.get_model("submissions", "HistoricalFigureValue")
    before = dict.fromkeys(FIELDS)
    records = []
    for record in HistoricalHotline.objects.filter(id=hotline.pk).order_by(
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
                    report_id=hotline.report_id,
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
    Bureau = apps.get_model("bureaus", "Bureau")
    Hotline = apps.get_model("submissions", "Hotline")
    FigureValue = apps.get_model("submissions", "FigureValue")
    slots = {bureau.pk: _configure(apps, bureau) for bureau in Bureau.objects.all()}
    hotlines = Hotline.objects.select_related("report__centre").order_by("pk")
    for hotline in hotlines:
        bureau_slots = slots[hotline.report.centre.bureau_id]
        ids = {}
        for field, (definition, option) in bureau_slots.items():
            value = getattr(hotline, field)
            if value is None:
                # A figure blanked earlier keeps its history under an id no
                # row will take.
                ids[field] = -(hotline.pk * 100 + list(FIELDS).index(field) + 1)
                continue
            row = FigureValue.objects.create(
                report_id=hotline.report_id,
                definition=definition,
                option=option,
                value=value,
                to_date=False,
            )
            ids[field] = row.pk
        _replay_history(apps, hotline, bureau_slots, ids)
    _rekey_explanations(apps, EXPLAINED)


def backwards(apps, schema_editor):
    _rekey_explanations(apps, {new: old for old, new in EXPLAINED.items()})
    Hotline = apps.get_model("submissions", "Hotline")
    FigureValue = apps.get_model("submissions", "FigureValue")
    FigureDefinition = apps.get_model("submissions", "FigureDefinition")
    HistoricalFigureValue = apps.get_model("submissions", "HistoricalFigureValue")
    Breakdown = apps.get_model("submissions", "Breakdown")
    slot_fields = {slot: field for field, slot in FIELDS.items()}
    codes = [d[0] for d in DEFINITIONS]
    values = FigureValue.objects.filter(
        definition__code__in=codes, to_date=False
    ).select_related("definition", "option")
    rows = {}
    for value in values:
        option = value.option.name if value.option_id else None
        field = slot_fields.get((value.definition.code, option))
        if field is not None:
            rows.setdefault(value.report_id, {})[field] = int(value.value)
    Hotline.objects.bulk_create(
        Hotline(report_id=report_id, **fields) for report_id, fields in rows.items()
    )
    definitions = FigureDefinition.objects.filter(code__in=codes)
    HistoricalFigureValue.objects.filter(definition_id__in=definitions).delete()
    FigureValue.objects.filter(definition__in=definitions).delete()
    definitions.update(parts_of=None, not_above=None)
    definitions.delete()
    Breakdown.objects.filter(name__in=BREAKDOWNS, definitions=None).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("bureaus", "0002_existing_data"),
        ("submissions", "0014_definition_links"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
