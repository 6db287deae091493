"""The hall's department table (附件1) becomes figure definitions (DESIGN 5.3,
issue 14).

Every bureau gets the table's definitions (as every bureau got the hotline's,
0015); a centre's window units (``Department``) become the options of its
breakdown 窗口单位 (names, order and whether active kept; its options take
notes, 备注). The table's four columns become four definitions on it without a
stated total, reported by halls only (``unit_kind``): 行政许可事项受理 /
办结, 公共服务事项受理 / 办结, each 办结 ``not_above`` its 受理 (option by
option, an error, as the table's rule was), the two 受理 ``required`` (the
former ``department_table_missing``). Each column pair gets its 办结率 as a rate
definition (the attachment's rate columns name them).

Every ``DepartmentCount`` row is copied exactly: a blank figure has no
``FigureValue``, a 0 is a row holding 0; a note is an ``OptionNote``. The
rows' field history is replayed into the values' and notes' history. ``0021``
then drops the models.

Backwards, the departments (of the bureau's hall) and their rows are rebuilt
from the options, values and notes (their history starts afresh).
"""

from django.db import migrations

# A snapshot at the time of writing (migrations keep their meaning).
BREAKDOWN = "窗口单位"
UNIT_KIND = "hall"
UNIT = "件"
ORDER = 1000
# field → (code, name, bound field, required)
COLUMNS = {
    "licensing_accepted": ("hall_licensing_accepted", "行政许可事项受理", None, True),
    "licensing_completed": (
        "hall_licensing_completed",
        "行政许可事项办结",
        "licensing_accepted",
        False,
    ),
    "service_accepted": ("hall_service_accepted", "公共服务事项受理", None, True),
    "service_completed": (
        "hall_service_completed",
        "公共服务事项办结",
        "service_accepted",
        False,
    ),
}
# rate code → (name, numerator field, denominator field)
RATES = {
    "hall_licensing_rate": (
        "行政许可事项办结率",
        "licensing_completed",
        "licensing_accepted",
    ),
    "hall_service_rate": (
        "公共服务事项办结率",
        "service_completed",
        "service_accepted",
    ),
}
PLACES = 2
CODES = [code for code, *_ in COLUMNS.values()]


def _configure(apps, bureau_id):
    """The bureau's breakdown and field → definition."""
    Breakdown = apps.get_model("submissions", "Breakdown")
    FigureDefinition = apps.get_model("submissions", "FigureDefinition")
    RateDefinition = apps.get_model("submissions", "RateDefinition")
    breakdown, _ = Breakdown.objects.get_or_create(
        bureau_id=bureau_id, name=BREAKDOWN, defaults={"has_note": True}
    )
    if not breakdown.has_note:
        breakdown.has_note = True
        breakdown.save(update_fields=["has_note"])
    definitions = {}
    for order, (field, (code, name, bound, required)) in enumerate(
        COLUMNS.items(), start=1
    ):
        definitions[field], _ = FigureDefinition.objects.get_or_create(
            bureau_id=bureau_id,
            code=code,
            defaults={
                "name": name,
                "unit": UNIT,
                "breakdown": breakdown,
                "has_total": False,
                "not_above": definitions.get(bound),
                "unit_kind": UNIT_KIND,
                "required": required,
                "order": ORDER + order,
            },
        )
    for order, (code, (name, top, bottom)) in enumerate(RATES.items(), start=1):
        RateDefinition.objects.get_or_create(
            bureau_id=bureau_id,
            code=code,
            defaults={
                "name": name,
                "numerator": definitions[top],
                "denominator": definitions[bottom],
                "places": PLACES,
                "order": ORDER + order,
            },
        )
    return breakdown, definitions


def _replay_history(apps, count, option_id, slots, ids):
    """The row's history records as the values' and the note's history."""
    Historical = apps.get_model("submissions", "HistoricalDepartmentCount")
    HistoricalFigureValue = apps.get_model("submissions", "HistoricalFigureValue")
    HistoricalOptionNote = apps.get_model("submissions", "HistoricalOptionNote")
    before = dict.fromkeys([*COLUMNS, "note"])
    values, notes = [], []
    for record in Historical.objects.filter(id=count.pk).order_by(
        "history_date", "history_id"
    ):
        gone = record.history_type == "-"
        for field in before:
            new = None if gone else getattr(record, field)
            if field == "note":
                new = (new or "").strip() or None
            old = before[field]
            if old == new:
                continue
            common = {
                "report_id": count.report_id,
                "option_id": option_id,
                "history_date": record.history_date,
                "history_change_reason": record.history_change_reason,
                "history_type": "-" if new is None else ("+" if old is None else "~"),
                "history_user_id": record.history_user_id,
            }
            if field == "note":
                notes.append(
                    HistoricalOptionNote(
                        id=ids[field], text=old if new is None else new, **common
                    )
                )
            else:
                values.append(
                    HistoricalFigureValue(
                        id=ids[field],
                        definition_id=slots[field].pk,
                        value=old if new is None else new,
                        to_date=False,
                        **common,
                    )
                )
            before[field] = new
    HistoricalFigureValue.objects.bulk_create(values)
    HistoricalOptionNote.objects.bulk_create(notes)


def forwards(apps, schema_editor):
    Department = apps.get_model("submissions", "Department")
    DepartmentCount = apps.get_model("submissions", "DepartmentCount")
    BreakdownOption = apps.get_model("submissions", "BreakdownOption")
    FigureValue = apps.get_model("submissions", "FigureValue")
    OptionNote = apps.get_model("submissions", "OptionNote")
    Bureau = apps.get_model("bureaus", "Bureau")
    configured = {
        bureau.pk: _configure(apps, bureau.pk) for bureau in Bureau.objects.all()
    }
    options = {}
    for department in Department.objects.select_related("centre").order_by(
        "centre__bureau_id", "centre__order", "centre_id", "order", "id"
    ):
        breakdown, _ = configured[department.centre.bureau_id]
        options[department.pk], _ = BreakdownOption.objects.get_or_create(
            breakdown=breakdown,
            name=department.name,
            defaults={"order": department.order, "is_active": department.is_active},
        )
    for count in DepartmentCount.objects.select_related("department__centre").order_by(
        "pk"
    ):
        option = options[count.department_id]
        slots = configured[count.department.centre.bureau_id][1]
        ids = {}
        for position, field in enumerate([*COLUMNS, "note"]):
            # A figure blanked earlier keeps its history under an id no row
            # will take (apart from the hotline's and the ratings').
            ids[field] = -(2 * 10**9 + count.pk * 10 + position)
            value = getattr(count, field)
            if field == "note":
                if value.strip():
                    ids[field] = OptionNote.objects.create(
                        report_id=count.report_id, option=option, text=value.strip()
                    ).pk
            elif value is not None:
                ids[field] = FigureValue.objects.create(
                    report_id=count.report_id,
                    definition=slots[field],
                    option=option,
                    value=value,
                    to_date=False,
                ).pk
        _replay_history(apps, count, option.pk, slots, ids)


def backwards(apps, schema_editor):
    Department = apps.get_model("submissions", "Department")
    DepartmentCount = apps.get_model("submissions", "DepartmentCount")
    Centre = apps.get_model("submissions", "Centre")
    FigureDefinition = apps.get_model("submissions", "FigureDefinition")
    FigureValue = apps.get_model("submissions", "FigureValue")
    HistoricalFigureValue = apps.get_model("submissions", "HistoricalFigureValue")
    OptionNote = apps.get_model("submissions", "OptionNote")
    HistoricalOptionNote = apps.get_model("submissions", "HistoricalOptionNote")
    RateDefinition = apps.get_model("submissions", "RateDefinition")
    Breakdown = apps.get_model("submissions", "Breakdown")
    fields = {code: field for field, (code, *_) in COLUMNS.items()}
    definitions = list(
        FigureDefinition.objects.filter(code__in=CODES, breakdown__name=BREAKDOWN)
    )
    breakdowns = Breakdown.objects.filter(pk__in={d.breakdown_id for d in definitions})
    departments = {}
    for breakdown in breakdowns:
        hall = (
            Centre.objects.filter(bureau_id=breakdown.bureau_id, kind=UNIT_KIND)
            .order_by("order", "id")
            .first()
        )
        if hall is None:
            continue
        for option in breakdown.options.order_by("order", "id"):
            departments[option.pk], _ = Department.objects.get_or_create(
                centre=hall,
                name=option.name,
                defaults={"order": option.order, "is_active": option.is_active},
            )
    rows = {}
    for value in FigureValue.objects.filter(
        definition__in=definitions, option__isnull=False
    ).select_related("definition"):
        department = departments[value.option_id]
        row = rows.setdefault((value.report_id, department.pk), {})
        row[fields[value.definition.code]] = int(value.value)
    notes = OptionNote.objects.filter(option__breakdown__in=breakdowns)
    for note in notes:
        department = departments[note.option_id]
        rows.setdefault((note.report_id, department.pk), {})["note"] = note.text
    DepartmentCount.objects.bulk_create(
        DepartmentCount(report_id=report_id, department_id=department_id, **fields)
        for (report_id, department_id), fields in rows.items()
    )
    RateDefinition.objects.filter(code__in=RATES, numerator__in=definitions).delete()
    HistoricalFigureValue.objects.filter(
        definition_id__in=[d.pk for d in definitions]
    ).delete()
    HistoricalOptionNote.objects.filter(
        option_id__in=[
            o for b in breakdowns for o in b.options.values_list("pk", flat=True)
        ]
    ).delete()
    notes.delete()
    FigureValue.objects.filter(definition__in=definitions).delete()
    for definition in sorted(definitions, key=lambda d: d.not_above_id is None):
        definition.delete()
    for breakdown in breakdowns:
        if not breakdown.definitions.exists():
            breakdown.options.all().delete()
            breakdown.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("bureaus", "0001_initial"),
        ("submissions", "0019_definition_unit_kind_sums_to_notes"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
