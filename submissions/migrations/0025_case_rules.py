"""The case figures' remaining rules as definition data (issue 14).

The fixed rules about 受理/办结 become fields of the definitions 0023 made, so
that behaviour does not change and a bureau admin can edit them:

* the categories against the stated total stay a warning both ways: the parts
  rule ``sum_warning`` on 受理 and 办结 (``categories_sum_accepted`` and
  ``_completed`` never were errors);
* 正在办理 (``MonthlyReport.in_progress_total``) becomes the definition
  ``cases_in_progress`` (unit 件, no breakdown); 受理 ``equals_sum_of`` 办结 and
  正在办理 (the fixed ``totals_inconsistent``, now a warning as the lead
  decided); values and field history copied as 0023 copied the totals;
* the month-over-month change of 受理 (``monthly_change``): 受理's
  ``change_limit``, the deployment's ``VALIDATION_MAX_MONTHLY_CHANGE`` as a
  percent;
* a low 办结率 (``completion_rate_low``): the rate's ``minimum``, the
  deployment's ``VALIDATION_MIN_COMPLETION_RATE`` as a percent.

* the hall's department table (``0020``) sums to the case categories: each
  column's ``sums_to`` is 受理 or 办结 and its ``sums_to_option`` the category
  (行政许可事项, 公共服务事项), where the rule found them by name
  (``department_table_sum_*``).

An explained ``monthly_change``, ``completion_rate_low`` or
``department_table_sum_*`` warning stays explained under the generic rule's
key. Backwards, the rule fields are cleared,
正在办理's values written back to the report and the definition removed.
"""

from decimal import Decimal
from importlib import import_module

from django.conf import settings
from django.db import migrations

cases = import_module("submissions.migrations.0023_case_definitions")

# A snapshot at the time of writing (migrations keep their meaning).
ACCEPTED, COMPLETED = cases.ACCEPTED, cases.COMPLETED
IN_PROGRESS = ("cases_in_progress", "正在办理", "in_progress_total", 3)
RATE = cases.RATE[0]
UNIT = cases.UNIT
# Ids of 正在办理's history of a total blanked before the migration (beside the
# ids 0023 gave 受理's and 办结's, index 0 and 1 of the same report).
BLANK_IDS = cases.BLANK_TOTAL_IDS - 2
CHANGE_RULE = ("monthly_change", "defined_change")
RATE_RULE = ("completion_rate_low", "rate_below_minimum")
# The hall table's columns (0020) → (the case definition, the category, the
# former rule whose explanations follow them).
SUMS_TO = {
    "hall_licensing_accepted": (
        ACCEPTED,
        "行政许可事项",
        "department_table_sum_accepted",
    ),
    "hall_licensing_completed": (
        COMPLETED,
        "行政许可事项",
        "department_table_sum_completed",
    ),
    "hall_service_accepted": (
        ACCEPTED,
        "公共服务事项",
        "department_table_sum_accepted",
    ),
    "hall_service_completed": (
        COMPLETED,
        "公共服务事项",
        "department_table_sum_completed",
    ),
}
SUMS_TO_RULE = "defined_sums_to"


def _percent(name: str, default: str) -> Decimal:
    """A ratio setting (0.5) as the percent a definition holds (50.00)."""
    ratio = Decimal(str(getattr(settings, name, default)))
    return (ratio * 100).quantize(Decimal("0.01"))


def forwards(apps, schema_editor):
    FigureDefinition = apps.get_model("submissions", "FigureDefinition")
    RateDefinition = apps.get_model("submissions", "RateDefinition")
    MonthlyReport = apps.get_model("submissions", "MonthlyReport")
    HistoricalMonthlyReport = apps.get_model("submissions", "HistoricalMonthlyReport")
    FindingExplanation = apps.get_model("submissions", "FindingExplanation")
    change = _percent("VALIDATION_MAX_MONTHLY_CHANGE", "0.5")
    minimum = _percent("VALIDATION_MIN_COMPLETION_RATE", "0.9")
    code, name, field, order = IN_PROGRESS
    made = {}
    for accepted in FigureDefinition.objects.filter(
        code=ACCEPTED, breakdown__name=cases.BREAKDOWN
    ):
        bureau_id = accepted.bureau_id
        completed = FigureDefinition.objects.get(bureau_id=bureau_id, code=COMPLETED)
        taken = FigureDefinition.objects.filter(bureau_id=bureau_id, name=name)
        in_progress, _ = FigureDefinition.objects.get_or_create(
            bureau_id=bureau_id,
            code=code,
            defaults={
                "name": cases.TAKEN_NAME.format(name=name) if taken.exists() else name,
                "unit": UNIT,
                "has_total": True,
                # Cases open at the end of the period: a stock, never summed
                # over a quarter (the selectors took the latest report's).
                "aggregation": "last",
                "order": order,
            },
        )
        made[bureau_id] = in_progress
        FigureDefinition.objects.filter(pk__in=[accepted.pk, completed.pk]).update(
            parts_rule="sum_warning"
        )
        FigureDefinition.objects.filter(pk=accepted.pk).update(change_limit=change)
        accepted.equals_sum_of.set([completed, in_progress])
        rate = RateDefinition.objects.filter(bureau_id=bureau_id, code=RATE).first()
        if rate is not None:
            rate.minimum = minimum
            rate.save(update_fields=["minimum"])
        _link_table(apps, bureau_id, {ACCEPTED: accepted, COMPLETED: completed})
        explained = FindingExplanation.objects.filter(
            report__centre__bureau_id=bureau_id
        )
        explained.filter(rule=CHANGE_RULE[0]).update(
            rule=CHANGE_RULE[1], subject=accepted.name
        )
        if rate is not None:
            for explanation in explained.filter(rule=RATE_RULE[0]):
                explanation.rule = RATE_RULE[1]
                explanation.subject = (
                    f"{rate.name}·{explanation.subject}"
                    if explanation.subject
                    else rate.name
                )
                explanation.save(update_fields=["rule", "subject"])
    reports = MonthlyReport.objects.select_related("centre").order_by("pk")
    for report in reports:
        definition = made.get(report.centre.bureau_id)
        if definition is None:
            continue
        cases._copy(
            apps,
            report,
            report.pk,
            {field: (definition, None)},
            BLANK_IDS,
            HistoricalMonthlyReport,
        )


def _link_table(apps, bureau_id, cases) -> None:
    """The hall table's columns sum to the case categories (a column already
    linked elsewhere is left as its admin set it)."""
    FigureDefinition = apps.get_model("submissions", "FigureDefinition")
    BreakdownOption = apps.get_model("submissions", "BreakdownOption")
    FindingExplanation = apps.get_model("submissions", "FindingExplanation")
    for code, (target, category, rule) in SUMS_TO.items():
        column = FigureDefinition.objects.filter(
            bureau_id=bureau_id, code=code, sums_to=None
        ).first()
        option = BreakdownOption.objects.filter(
            breakdown_id=cases[target].breakdown_id, name=category
        ).first()
        if column is None or option is None:
            continue
        column.sums_to = cases[target]
        column.sums_to_option = option
        column.save(update_fields=["sums_to", "sums_to_option"])
        FindingExplanation.objects.filter(
            report__centre__bureau_id=bureau_id, rule=rule, subject=category
        ).update(rule=SUMS_TO_RULE, subject=column.name)


def _unlink_table(apps, bureau_id) -> None:
    FigureDefinition = apps.get_model("submissions", "FigureDefinition")
    FindingExplanation = apps.get_model("submissions", "FindingExplanation")
    for code, (target, category, rule) in SUMS_TO.items():
        column = FigureDefinition.objects.filter(
            bureau_id=bureau_id, code=code, sums_to__code=target
        ).first()
        if column is None:
            continue
        FindingExplanation.objects.filter(
            report__centre__bureau_id=bureau_id,
            rule=SUMS_TO_RULE,
            subject=column.name,
        ).update(rule=rule, subject=category)
        column.sums_to = None
        column.sums_to_option = None
        column.save(update_fields=["sums_to", "sums_to_option"])


def backwards(apps, schema_editor):
    FigureDefinition = apps.get_model("submissions", "FigureDefinition")
    FigureValue = apps.get_model("submissions", "FigureValue")
    HistoricalFigureValue = apps.get_model("submissions", "HistoricalFigureValue")
    RateDefinition = apps.get_model("submissions", "RateDefinition")
    MonthlyReport = apps.get_model("submissions", "MonthlyReport")
    FindingExplanation = apps.get_model("submissions", "FindingExplanation")
    code, _, field, _ = IN_PROGRESS
    for accepted in FigureDefinition.objects.filter(
        code=ACCEPTED, breakdown__name=cases.BREAKDOWN
    ):
        bureau_id = accepted.bureau_id
        _unlink_table(apps, bureau_id)
        explained = FindingExplanation.objects.filter(
            report__centre__bureau_id=bureau_id
        )
        explained.filter(rule=CHANGE_RULE[1], subject=accepted.name).update(
            rule=CHANGE_RULE[0], subject=""
        )
        rate = RateDefinition.objects.filter(bureau_id=bureau_id, code=RATE).first()
        if rate is not None:
            for explanation in explained.filter(rule=RATE_RULE[1]):
                subject = explanation.subject
                if subject != rate.name and not subject.startswith(f"{rate.name}·"):
                    continue
                explanation.rule = RATE_RULE[0]
                explanation.subject = subject.removeprefix(rate.name).removeprefix("·")
                explanation.save(update_fields=["rule", "subject"])
            rate.minimum = None
            rate.save(update_fields=["minimum"])
        accepted.equals_sum_of.clear()
        FigureDefinition.objects.filter(
            bureau_id=bureau_id, code__in=[ACCEPTED, COMPLETED]
        ).update(parts_rule="sum", change_limit=None)
    definitions = list(FigureDefinition.objects.filter(code=code, breakdown=None))
    values = FigureValue.objects.filter(
        definition__in=definitions, option=None, to_date=False
    )
    for value in values:
        MonthlyReport.objects.filter(pk=value.report_id).update(
            **{field: int(value.value)}
        )
    HistoricalFigureValue.objects.filter(
        definition_id__in=[d.pk for d in definitions]
    ).delete()
    FigureValue.objects.filter(definition__in=definitions).delete()
    for definition in definitions:
        definition.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0024_definition_rules"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
