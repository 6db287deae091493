"""The case figures (受理, 办结, 正在办理 by 办件类别) as the city pack's figure
definitions. Tests name them by the former fields: ``accepted_total``,
``completed_total``, ``in_progress_total`` and a category's ``accepted`` /
``completed`` (``categories={"行政许可事项": (1973, 1973)}``)."""

from decimal import Decimal

from bulletins.profiles import default_profile
from bulletins.profiles.cases import Cases
from bulletins.profiles.cases import unit_cases as _unit_cases
from submissions.defined import DefinedFigure, Part
from submissions.models import FigureDefinition, FigureValue, MonthlyReport
from submissions.rates import RateSpec

from .submissions import MonthlyReportFactory

__all__ = [
    "CASE_IDS",
    "CASE_OPTION_IDS",
    "CASE_RATE",
    "CASE_SUMS",
    "case_figures",
    "case_inputs",
    "case_values",
    "cases_of",
    "SHIPPED_CASES",
    "unit_cases",
]

# Former report field → the pack's definition code.
TOTALS = {
    "accepted_total": "cases_accepted",
    "completed_total": "cases_completed",
    "in_progress_total": "cases_in_progress",
}
# A category's former field → the definition of its part.
COLUMNS = {"accepted": "cases_accepted", "completed": "cases_completed"}

# --- without a database: ids as the pack's order gives them ---------------------

CASE_IDS = {"cases_accepted": 11, "cases_completed": 12, "cases_in_progress": 13}
CASE_OPTION_IDS = {"行政许可事项": 1, "公共服务事项": 2, "便民服务事项": 3}
CASE_BREAKDOWN = 5
_RULES = {
    "cases_accepted": {"name": "受理", "parts_rule": "sum_warning", "order": 1},
    "cases_completed": {
        "name": "办结",
        "parts_rule": "sum_warning",
        "not_above": 11,
        "order": 2,
    },
    "cases_in_progress": {"name": "正在办理", "order": 3},
}
CASE_SUMS = {11: (12, 13)}
CASE_RATE = RateSpec(
    "cases_completion",
    "办结率",
    12,
    frozenset(),
    11,
    frozenset(),
    minimum=Decimal("90"),
)


def case_figures(
    accepted_total=None,
    completed_total=None,
    in_progress_total=None,
    *,
    categories=None,
    change_limit=Decimal("50"),
) -> dict[int, DefinedFigure]:
    """Definition id → ``DefinedFigure`` of the case figures (blank ones left
    out), ``categories``: name → (accepted, completed) (a name the pack does
    not have is an option after its own, in the given order)."""
    totals = {
        "cases_accepted": accepted_total,
        "cases_completed": completed_total,
        "cases_in_progress": in_progress_total,
    }
    parts = {code: [] for code in CASE_IDS}
    for n, (name, values) in enumerate((categories or {}).items(), start=100):
        for code, value in zip(COLUMNS.values(), values, strict=True):
            if value is not None:
                pk = CASE_OPTION_IDS.get(name, n)
                parts[code].append(Part(pk, name, value, pk))
    figures = {}
    for code, pk in CASE_IDS.items():
        if totals[code] is None and not parts[code]:
            continue
        figures[pk] = DefinedFigure(
            pk,
            code,
            unit="件",
            total=totals[code],
            parts=tuple(parts[code]),
            change_limit=change_limit if code == "cases_accepted" else None,
            breakdown=None if code == "cases_in_progress" else CASE_BREAKDOWN,
            **_RULES[code],
        )
    return figures


# The shipped profiles' ``cases``: the pack's codes.
SHIPPED_CASES = default_profile()["cases"]


def unit_cases(figures) -> Cases:
    """The case figures the shipped profile states of a ``CentreFigures`` or a
    ``YearToDate``."""
    return _unit_cases(figures.defined, getattr(figures, "previous", ()), SHIPPED_CASES)


# --- stored ---------------------------------------------------------------------


def _definitions(bureau) -> dict:
    return {
        d.code: d
        for d in FigureDefinition.objects.filter(
            bureau=bureau, code__in=TOTALS.values()
        ).prefetch_related("breakdown__options")
    }


def _option(definition, name):
    return next(o for o in definition.breakdown.options.all() if o.name == name)


def _slots(report, fields: dict, categories: dict) -> list:
    """(definition, option or None, value) of every given figure."""
    definitions = _definitions(report.centre.bureau)
    slots = [
        (definitions[TOTALS[field]], None, value)
        for field, value in fields.items()
        if value is not None
    ]
    for name, values in categories.items():
        for code, value in zip(COLUMNS.values(), values, strict=True):
            if value is not None:
                definition = definitions[code]
                slots.append((definition, _option(definition, name), value))
    return slots


def case_values(report=None, *, categories=None, **fields) -> MonthlyReport:
    """A report's case figures by the former field names, stored as the values
    of its bureau's case definitions (a blank figure has no row);
    ``categories``: name → (accepted, completed)."""
    report = report or MonthlyReportFactory()
    for definition, option, value in _slots(report, fields, categories or {}):
        FigureValue.objects.update_or_create(
            report=report,
            definition=definition,
            option=option,
            to_date=False,
            defaults={"value": value},
        )
    return report


def case_inputs(report, *, categories=None, **fields) -> dict[str, str]:
    """The clerk's form inputs (``defined-d…``) of the case figures."""
    inputs = {}
    for definition, option, value in _slots(report, fields, categories or {}):
        suffix = f"_o{option.pk}" if option else ""
        inputs[f"defined-d{definition.pk}{suffix}"] = str(value)
    return inputs


def cases_of(report) -> tuple[tuple, dict]:
    """The report's stated case figures: (accepted_total, completed_total,
    in_progress_total) and category name → (accepted, completed)."""
    totals = dict.fromkeys(TOTALS.values())
    categories: dict[str, list] = {}
    for value in FigureValue.objects.filter(
        report=report, to_date=False, definition__code__in=TOTALS.values()
    ).select_related("definition", "option"):
        code = value.definition.code
        if value.option_id is None:
            totals[code] = int(value.value)
        else:
            pair = categories.setdefault(value.option.name, [None, None])
            pair[list(COLUMNS.values()).index(code)] = int(value.value)
    return tuple(totals.values()), {k: tuple(v) for k, v in categories.items()}
