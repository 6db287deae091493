"""The case categories become figure definitions (DESIGN 5.3, issue 14).

Every bureau gets a breakdown 办件类别 whose options are its case categories,
in their order (an inactive category an inactive option, its 简称 the option's
short label), and two definitions on it with a stated total: 受理
(``cases_accepted``) and 办结 (``cases_completed``), unit 件, both with the
``sum`` parts rule (the categories sum to the stated total), 办结 ``not_above``
受理 (total against total, category against category: an error, as
``completed_exceeds_accepted`` was); and the rate 办结率 = 办结 / 受理, two
decimals. A report's stated 受理总数/办结总数 are the definitions' totals; each
``CaseCount`` field an option's part. Values are copied exactly: a blank field
has no row, a 0 is a row holding 0. The field history of the totals (the
report's history) and of the case counts is replayed into the figure values'
history, and an explained 分类合计 warning stays explained. a later migration drops
the models and the fields (PostgreSQL does not alter a table with pending
trigger events in the same transaction).

Backwards, the categories, case counts and totals are rebuilt from the
definitions and values (their history starts afresh) and the definitions go.
"""

from django.db import migrations

# A snapshot at the time of writing (migrations keep their meaning).
BREAKDOWN = "办件类别"
ACCEPTED, COMPLETED = "cases_accepted", "cases_completed"
# code → (name, the report's total field, the case count's field, order: the
# case figures lead the form, before a bureau's own definitions)
DEFINITIONS = {
    ACCEPTED: ("受理", "accepted_total", "accepted", 1),
    COMPLETED: ("办结", "completed_total", "completed", 2),
}
UNIT = "件"
# A bureau that already named a definition (or rate) of its own 受理 keeps
# it; the case definition then takes this name.
TAKEN_NAME = "{name}（办件类别）"
RATE = ("cases_completion", "办结率", 2)
# An explanation is keyed (rule, subject): the 分类合计 warnings had no subject;
# the definition rule's subject is the definition's name.
EXPLAINED = {
    "categories_sum_accepted": ("defined_parts_sum", ACCEPTED),
    "categories_sum_completed": ("defined_parts_sum", COMPLETED),
}
# Ids under which a figure blanked before the migration keeps its history (no
# row will take them; apart from the hotline's, 0015, and the ratings', 0017).
BLANK_TOTAL_IDS = -3 * 10**9
BLANK_PART_IDS = -2 * 10**9


def _configure(apps, bureau):
    """The bureau's breakdown, options (category id → option) and definitions
    (code → definition)."""
    CaseCategory = apps.get_model("submissions", "CaseCategory")
    Breakdown = apps.get_model("submissions", "Breakdown")
    BreakdownOption = apps.get_model("submissions", "BreakdownOption")
    FigureDefinition = apps.get_model("submissions", "FigureDefinition")
    RateDefinition = apps.get_model("submissions", "RateDefinition")
    breakdown, _ = Breakdown.objects.get_or_create(bureau=bureau, name=BREAKDOWN)
    options = {}
    for category in CaseCategory.objects.filter(bureau=bureau).order_by("order", "pk"):
        options[category.pk], _ = BreakdownOption.objects.get_or_create(
            breakdown=breakdown,
            name=category.name,
            defaults={
                "order": category.order,
                "is_active": category.is_active,
                "short_label": ""
                if category.short_name == category.name
                else category.short_name,
            },
        )
    definitions = {}
    taken = set(
        FigureDefinition.objects.filter(bureau=bureau)
        .exclude(code__in=DEFINITIONS)
        .values_list("name", flat=True)
    )
    for code, (name, _, _, order) in DEFINITIONS.items():
        definitions[code], _ = FigureDefinition.objects.get_or_create(
            bureau=bureau,
            code=code,
            defaults={
                "name": TAKEN_NAME.format(name=name) if name in taken else name,
                "unit": UNIT,
                "breakdown": breakdown,
                "has_total": True,
                "parts_rule": "sum",
                "order": order,
            },
        )
    FigureDefinition.objects.filter(pk=definitions[COMPLETED].pk).update(
        not_above=definitions[ACCEPTED]
    )
    code, name, places = RATE
    rates = RateDefinition.objects.filter(bureau=bureau).exclude(code=code)
    RateDefinition.objects.get_or_create(
        bureau=bureau,
        code=code,
        defaults={
            "name": TAKEN_NAME.format(name=name)
            if rates.filter(name=name).exists()
            else name,
            "numerator": definitions[COMPLETED],
            "denominator": definitions[ACCEPTED],
            "places": places,
        },
    )
    return options, definitions


def _history(apps, records, report_id, slots, ids):
    """History ``records`` of one row (a report's, a case count's) as the
    figure values' history: each changed field of ``slots`` (field →
    (definition, option)) a record of its value (``-`` when it became
    blank)."""
    HistoricalFigureValue = apps.get_model("submissions", "HistoricalFigureValue")
    before = dict.fromkeys(slots)
    replayed = []
    for record in records:
        gone = record.history_type == "-"
        for field, (definition, option) in slots.items():
            old, new = before[field], None if gone else getattr(record, field)
            if old == new:
                continue
            replayed.append(
                HistoricalFigureValue(
                    id=ids[field],
                    report_id=report_id,
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
    HistoricalFigureValue.objects.bulk_create(replayed)


def _copy(apps, row, report_id, slots, blank_base, history):
    """The row's fields of ``slots`` as figure values (a blank: no row), then
    its history."""
    FigureValue = apps.get_model("submissions", "FigureValue")
    ids = {}
    for index, (field, (definition, option)) in enumerate(slots.items()):
        value = getattr(row, field)
        if value is None:
            ids[field] = blank_base - (row.pk * 10 + index)
            continue
        ids[field] = FigureValue.objects.create(
            report_id=report_id,
            definition=definition,
            option=option,
            value=value,
            to_date=False,
        ).pk
    records = history.objects.filter(id=row.pk).order_by("history_date", "history_id")
    _history(apps, records, report_id, slots, ids)


def forwards(apps, schema_editor):
    Bureau = apps.get_model("bureaus", "Bureau")
    MonthlyReport = apps.get_model("submissions", "MonthlyReport")
    CaseCount = apps.get_model("submissions", "CaseCount")
    HistoricalMonthlyReport = apps.get_model("submissions", "HistoricalMonthlyReport")
    HistoricalCaseCount = apps.get_model("submissions", "HistoricalCaseCount")
    configured = {
        bureau.pk: _configure(apps, bureau) for bureau in Bureau.objects.all()
    }
    reports = MonthlyReport.objects.select_related("centre").order_by("pk")
    for report in reports:
        _, definitions = configured[report.centre.bureau_id]
        slots = {
            total: (definitions[code], None)
            for code, (_, total, _, _) in DEFINITIONS.items()
        }
        _copy(apps, report, report.pk, slots, BLANK_TOTAL_IDS, HistoricalMonthlyReport)
    counts = CaseCount.objects.select_related("report__centre").order_by("pk")
    for count in counts:
        options, definitions = configured[count.report.centre.bureau_id]
        slots = {
            field: (definitions[code], options[count.category_id])
            for code, (_, _, field, _) in DEFINITIONS.items()
        }
        _copy(apps, count, count.report_id, slots, BLANK_PART_IDS, HistoricalCaseCount)
    FindingExplanation = apps.get_model("submissions", "FindingExplanation")
    for bureau_id, (_, definitions) in configured.items():
        for rule, (new_rule, code) in EXPLAINED.items():
            FindingExplanation.objects.filter(
                rule=rule, report__centre__bureau_id=bureau_id
            ).update(rule=new_rule, subject=definitions[code].name)


def backwards(apps, schema_editor):
    CaseCategory = apps.get_model("submissions", "CaseCategory")
    CaseCount = apps.get_model("submissions", "CaseCount")
    MonthlyReport = apps.get_model("submissions", "MonthlyReport")
    FigureDefinition = apps.get_model("submissions", "FigureDefinition")
    FigureValue = apps.get_model("submissions", "FigureValue")
    HistoricalFigureValue = apps.get_model("submissions", "HistoricalFigureValue")
    RateDefinition = apps.get_model("submissions", "RateDefinition")
    Breakdown = apps.get_model("submissions", "Breakdown")
    FindingExplanation = apps.get_model("submissions", "FindingExplanation")
    definitions = list(
        FigureDefinition.objects.filter(code__in=DEFINITIONS, breakdown__name=BREAKDOWN)
    )
    for definition in definitions:
        for rule, (new_rule, code) in EXPLAINED.items():
            if definition.code == code:
                FindingExplanation.objects.filter(
                    rule=new_rule,
                    subject=definition.name,
                    report__centre__bureau_id=definition.bureau_id,
                ).update(rule=rule, subject="")
    categories = {}
    for breakdown in Breakdown.objects.filter(
        name=BREAKDOWN, definitions__in=definitions
    ).distinct():
        for option in breakdown.options.all():
            categories[option.pk], _ = CaseCategory.objects.update_or_create(
                bureau_id=breakdown.bureau_id,
                name=option.name,
                defaults={
                    "short_name": option.short_label or option.name,
                    "order": option.order,
                    "is_active": option.is_active,
                },
            )
    totals, parts = {}, {}
    values = FigureValue.objects.filter(definition__in=definitions, to_date=False)
    for value in values.select_related("definition"):
        _, total, field, _ = DEFINITIONS[value.definition.code]
        if value.option_id is None:
            totals.setdefault(value.report_id, {})[total] = int(value.value)
        else:
            key = (value.report_id, categories[value.option_id].pk)
            parts.setdefault(key, {})[field] = int(value.value)
    # Only what the values state is written: a figure without a row is blank
    # in the tables the removal recreates empty (and is left as it is when it was
    # never applied).
    for report_id, fields in totals.items():
        MonthlyReport.objects.filter(pk=report_id).update(**fields)
    for (report_id, category_id), fields in parts.items():
        CaseCount.objects.update_or_create(
            report_id=report_id, category_id=category_id, defaults=fields
        )
    RateDefinition.objects.filter(code=RATE[0], denominator__in=definitions).delete()
    HistoricalFigureValue.objects.filter(
        definition_id__in=[d.pk for d in definitions]
    ).delete()
    FigureValue.objects.filter(definition__in=definitions).delete()
    FigureDefinition.objects.filter(pk__in=[d.pk for d in definitions]).update(
        not_above=None
    )
    for definition in definitions:
        definition.delete()
    Breakdown.objects.filter(name=BREAKDOWN, definitions=None).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0022_option_short_label"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
