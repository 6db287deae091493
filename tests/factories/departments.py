"""The hall's department table (附件1) as the city pack's figure definitions:
the window units are options of the breakdown 窗口单位, the four columns
definitions without a total, the 备注 an ``OptionNote``. Tests name a row's
figures by the former ``DepartmentCount`` field names."""

from types import SimpleNamespace

from submissions.defined import DefinedFigure, Part
from submissions.models import (
    Breakdown,
    BreakdownOption,
    FigureDefinition,
    FigureValue,
    MonthlyReport,
    OptionNote,
)

from .bureaus import default_bureau

__all__ = [
    "DEPARTMENT_CODES",
    "DEPARTMENT_IDS",
    "department_figures",
    "department",
    "department_inputs",
    "department_of",
    "department_values",
    "window_units",
]

WINDOW_UNITS = "窗口单位"
# Former ``DepartmentCount`` field → the pack's definition code.
DEPARTMENT_CODES = {
    "licensing_accepted": "hall_licensing_accepted",
    "licensing_completed": "hall_licensing_completed",
    "service_accepted": "hall_service_accepted",
    "service_completed": "hall_service_completed",
}
_count = iter(range(1, 10**6))


def window_units(bureau=None) -> Breakdown:
    return Breakdown.objects.get(bureau=bureau or default_bureau(), name=WINDOW_UNITS)


def department(name: str = "", bureau=None, **fields) -> BreakdownOption:
    """A window unit: an option of the bureau's 窗口单位 (海东's by default)."""
    n = next(_count)
    return BreakdownOption.objects.create(
        breakdown=window_units(bureau),
        name=name or f"市测试局{n}",
        order=fields.pop("order", n),
        **fields,
    )


def _definitions(report) -> dict[str, FigureDefinition]:
    found = {
        d.code: d
        for d in FigureDefinition.objects.filter(
            bureau_id=report.centre.bureau_id, code__in=DEPARTMENT_CODES.values()
        )
    }
    return {field: found[code] for field, code in DEPARTMENT_CODES.items()}


def department_values(report, option, note: str = "", **fields) -> MonthlyReport:
    """A report's row of the table, by the former field names (a blank field
    has no value; a note is the option's note)."""
    definitions = _definitions(report)
    for field, value in fields.items():
        if value is not None:
            FigureValue.objects.create(
                report=report, definition=definitions[field], option=option, value=value
            )
    if note:
        OptionNote.objects.create(report=report, option=option, text=note)
    return report


def department_of(report, option):
    """The report's row for ``option`` by the former field names (None when it
    states nothing)."""
    definitions = _definitions(report)
    stored = {
        v.definition_id: int(v.value)
        for v in FigureValue.objects.filter(report=report, option=option)
    }
    found = {field: stored.get(d.pk) for field, d in definitions.items()}
    note = OptionNote.objects.filter(report=report, option=option).first()
    if all(v is None for v in found.values()) and note is None:
        return None
    return SimpleNamespace(**found, note=note.text if note else "")


def department_inputs(report, option, note=None, **fields) -> dict[str, str]:
    """The clerk's form inputs (``defined-d…_o…``, ``defined-n…``) of a row."""
    definitions = _definitions(report)
    inputs = {
        f"defined-d{definitions[field].pk}_o{option.pk}": str(value)
        for field, value in fields.items()
    }
    if note is not None:
        inputs[f"defined-n{option.pk}"] = note
    return inputs


# The pack's definitions as plain figures (no database): ids by position.
DEPARTMENT_IDS = dict(zip(DEPARTMENT_CODES, (101, 102, 103, 104), strict=True))
DEPARTMENT_NAMES = {
    "licensing_accepted": "行政许可事项受理",
    "licensing_completed": "行政许可事项办结",
    "service_accepted": "公共服务事项受理",
    "service_completed": "公共服务事项办结",
}
BOUNDS = {"licensing_completed": 101, "service_completed": 103}


def department_figures(*rows) -> dict:
    """{definition id: DefinedFigure} of rows ``(option id, window unit,
    licensing_accepted, licensing_completed, service_accepted,
    service_completed)`` as the pack's four definitions (blanks left out):
    what a hall's ``ReportFigures.defined`` holds."""
    figures = {}
    for n, (field, code) in enumerate(DEPARTMENT_CODES.items()):
        parts = tuple(
            Part(option_id, name, values[n], option_id)
            for option_id, name, *values in rows
            if n < len(values) and values[n] is not None
        )
        if parts:
            pk = DEPARTMENT_IDS[field]
            figures[pk] = DefinedFigure(
                pk,
                code,
                DEPARTMENT_NAMES[field],
                not_above=BOUNDS.get(field),
                order=1000 + n,
                parts=parts,
            )
    return figures
