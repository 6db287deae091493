"""A report's defined figures (DESIGN 5.3) as a spreadsheet: export, and import
with a dry run.

The sheet is the clerk's form as rows, in the definitions' order: one row per
definition total and one per option of its breakdown, under the header

    指标 | 分项 | 数值 | 单位 | 1至本月累计

A total's row has an empty 分项; its 1至本月累计 is the stated year-to-date
total (``FigureValue.to_date``), which an option's row never has. Values are in
the unit the form uses (``input_unit``: the count's measure word, the amount's
元/万元/亿元), exact; a blank cell is a blank figure, 0 is a stated zero. An
empty report exports every row with blank values: the template a clerk fills
offline. Text cells are neutralised (``config.spreadsheets``).

``parse_figure_sheet`` never writes. Each cell is read by the form's own field
(``input_field``), so a value means in the sheet what it means typed; every
problem is a row-numbered Chinese message, and the caller saves only when there
is none. A row the file leaves out leaves its figures as they are; a column
1至本月累计 the file leaves out leaves every stated year-to-date as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import tablib
from django.core.exceptions import ValidationError

from config.sheets import SheetError
from config.spreadsheets import neutralise
from config.xmltext import illegal_characters, xml_safe

from .defined import AMOUNT, TO_DATE, TO_DATE_LABEL, from_yuan
from .defined_forms import FigureInput, figure_inputs, input_field, input_unit
from .resources import (
    BAD_CSV,
    NOT_A_WORKBOOK,
    UnreadableFile,
    canonical,
    cell_text,
    load_rows,
)

NAME, OPTION, VALUE, UNIT, TO_DATE_COLUMN = HEADERS = [
    "指标",
    "分项",
    "数值",
    "单位",
    TO_DATE_LABEL,
]
REQUIRED = (NAME, OPTION, VALUE)
# A float carries about 15 significant digits: longer amounts are written as text.
EXACT_DIGITS = 15

NO_HEADER = "未找到表头：第一列应为“指标”，第二列应为“分项”（请使用导出的模板）。"
MISSING_COLUMN = "表头缺少“{column}”列（请使用导出的模板）。"
UNKNOWN_DEFINITION = "第{row}行：“{name}”不是本单位的指标。"
UNKNOWN_OPTION = "第{row}行：指标“{name}”没有分项“{option}”。"
NO_TOTAL = "第{row}行：指标“{name}”只按分项填报，没有总数（分项不能为空）。"
DUPLICATE = "第{row}行：“{label}”重复出现（第{first}行已有）。"
WRONG_UNIT = (
    "第{row}行：“{label}”的单位应为“{expected}”，填写的是“{unit}”；"
    "请按“{expected}”填写数值。"
)
TO_DATE_ON_OPTION = "第{row}行：分项“{label}”没有{to_date}，只有总数有。"
FORMULA = "第{row}行：“{label}”是公式（{value}），请填写数字。"
NOT_A_NUMBER = "第{row}行：“{label}”应填写数字，填写的是“{value}”。"
CONTROL_CHARACTER = (
    "第{row}行：“{label}”含有不可见的控制字符（{codes}），请删除后再上传。"
)
IN_ROW = "第{row}行：{message}"
EMPTY_FILE = "文件中没有指标数据。"
MORE_ERRORS = "……另有{count}处错误未列出。"
# Errors listed; a file of thousands of wrong rows is not a page of thousands.
MAX_ERRORS = 100
# Characters of a cell repeated in a message.
QUOTED = 40


@dataclass(frozen=True)
class Change:
    """One figure the import would change (values as the form shows them)."""

    row: int
    label: str
    unit: str
    old: str
    new: str


@dataclass
class ParsedFigures:
    """What an uploaded sheet states: {key: value or None} (keys as
    ``DefinedFiguresForm.values()``), the row each came from, and errors."""

    values: dict = field(default_factory=dict)
    rows: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.values)

    @property
    def line_count(self) -> int:
        """The rows of the file that state figures."""
        return len(set(self.rows.values()))


def _sheet_rows(definitions) -> list[tuple[object, FigureInput, FigureInput | None]]:
    """(definition, the row's input, its 1至本月累计 input or None) per row."""
    rows = []
    for definition in definitions:
        inputs = figure_inputs(definition)
        by_key = {item.key[1]: item for item in inputs}
        for item in inputs:
            if item.key[1] == TO_DATE:
                continue
            rows.append(
                (definition, item, by_key.get(TO_DATE) if not item.option else None)
            )
    return rows


def _shown(definition, value) -> str:
    """A stored value as the form shows it (amounts in the form's unit)."""
    if value is None:
        return ""
    if definition.value_type == AMOUNT:
        return from_yuan(value, input_unit(definition))
    return str(value)


def _cell(definition, value):
    """A stored value as a cell: a number, or text where a float would round."""
    text = _shown(definition, value)
    if text == "":
        return ""
    if definition.value_type != AMOUNT:
        return int(text)
    number = Decimal(text)
    return number if len(number.as_tuple().digits) <= EXACT_DIGITS else text


def figure_dataset(definitions, stored: dict, *, title: str) -> tablib.Dataset:
    """The sheet of ``definitions`` (as the form shows them) filled with
    ``stored`` ({key: value}, ``stored_defined``); blank where nothing is
    stored."""
    dataset = tablib.Dataset(title=title)
    dataset.headers = HEADERS
    for definition, item, to_date in _sheet_rows(definitions):
        dataset.append(
            [
                neutralise(definition.name),
                neutralise(item.option.name) if item.option else "",
                _cell(definition, stored.get(item.key)),
                neutralise(input_unit(definition)),
                _cell(definition, stored.get(to_date.key)) if to_date else "",
            ]
        )
    return dataset


def _read(raw: str, definition, item: FigureInput, *, row, errors):
    """``raw`` through the form's field for ``item``; None and a message on
    error."""
    if raw.startswith("="):
        errors.append(FORMULA.format(row=row, label=item.label, value=_quoted(raw)))
        return None
    if len(raw) > QUOTED:  # no number is this long; the field would repeat it
        errors.append(
            NOT_A_NUMBER.format(row=row, label=item.label, value=_quoted(raw))
        )
        return None
    try:
        return input_field(definition, item.label).clean(raw)
    except ValidationError as exc:
        errors.extend(IN_ROW.format(row=row, message=m) for m in exc.messages)
        return None


def _lines(content: bytes, filename: str, errors: list[str]) -> list[list[str]]:
    try:
        dataset = load_rows(content, filename, "figures")
    except (UnreadableFile, SheetError) as exc:
        errors.append(str(exc))
        return []
    except Exception:  # noqa: BLE001 - any unreadable file is one message
        xlsx = filename.lower().endswith(".xlsx")
        errors.append(NOT_A_WORKBOOK if xlsx else BAD_CSV)
        return []
    return [[cell_text(value) for value in row] for row in dataset]


def _columns(header: list[str], errors: list[str]) -> dict[str, int]:
    """Header name → column index; the required ones must all be there."""
    columns = {}
    for index, text in enumerate(header):
        for name in HEADERS:
            if canonical(text) == canonical(name) and name not in columns:
                columns[name] = index
    for name in REQUIRED:
        if name not in columns:
            errors.append(MISSING_COLUMN.format(column=name))
    return columns


def parse_figure_sheet(content: bytes, filename: str, definitions) -> ParsedFigures:
    """The figures an uploaded sheet states for ``definitions`` (the report's
    form: ``report_definitions``), matched by name."""
    result = ParsedFigures()
    lines = _lines(content, filename, result.errors)
    if result.errors:
        return result
    header_at = next(
        (
            i
            for i, line in enumerate(lines[:10])
            if len(line) >= 2
            and canonical(line[0]) == NAME
            and canonical(line[1]) == OPTION
        ),
        None,
    )
    if header_at is None:
        result.errors.append(NO_HEADER)
        return result
    columns = _columns(lines[header_at], result.errors)
    if result.errors:
        return result
    rows = {
        (canonical(d.name), canonical(item.option.name) if item.option else ""): (
            d,
            item,
            to_date,
        )
        for d, item, to_date in _sheet_rows(definitions)
    }
    names = {canonical(d.name): d for d in definitions}
    width = max(columns.values()) + 1
    for number, line in enumerate(lines[header_at + 1 :], start=header_at + 2):
        if not any(line):
            continue
        line = line + [""] * (width - len(line))
        hidden = [code for cell in line for code in illegal_characters(cell)]
        if hidden:
            label = _quoted(xml_safe(line[columns[NAME]]).strip())
            result.errors.append(
                CONTROL_CHARACTER.format(
                    row=number, label=label, codes="、".join(dict.fromkeys(hidden))
                )
            )
            continue
        name, option = line[columns[NAME]], line[columns[OPTION]]
        found = rows.get((canonical(name), canonical(option)))
        if found is None:
            result.errors.append(
                _unknown(number, _quoted(name), _quoted(option), names)
            )
            continue
        definition, item, to_date = found
        first = result.rows.get(item.key)
        if first is not None:
            result.errors.append(
                DUPLICATE.format(row=number, label=item.label, first=first)
            )
            continue
        result.rows[item.key] = number
        expected = input_unit(definition)
        unit = line[columns[UNIT]] if UNIT in columns else ""
        if unit and canonical(unit) != canonical(expected):
            result.errors.append(
                WRONG_UNIT.format(
                    row=number, label=item.label, expected=expected, unit=_quoted(unit)
                )
            )
            continue
        result.values[item.key] = _read(
            line[columns[VALUE]], definition, item, row=number, errors=result.errors
        )
        if TO_DATE_COLUMN not in columns:
            continue
        raw = line[columns[TO_DATE_COLUMN]]
        if to_date is None:
            if raw:
                result.errors.append(
                    TO_DATE_ON_OPTION.format(
                        row=number, label=item.label, to_date=TO_DATE_LABEL
                    )
                )
            continue
        result.rows[to_date.key] = number
        result.values[to_date.key] = _read(
            raw, definition, to_date, row=number, errors=result.errors
        )
    if not result.values and not result.errors:
        result.errors.append(EMPTY_FILE)
    if len(result.errors) > MAX_ERRORS:
        more = len(result.errors) - MAX_ERRORS
        result.errors[MAX_ERRORS:] = [MORE_ERRORS.format(count=more)]
    return result


def _quoted(text: str) -> str:
    return text if len(text) <= QUOTED else text[:QUOTED] + "…"


def _unknown(number: int, name: str, option: str, names: dict) -> str:
    definition = names.get(canonical(name))
    if definition is None:
        return UNKNOWN_DEFINITION.format(row=number, name=name)
    if not option:
        return NO_TOTAL.format(row=number, name=definition.name)
    return UNKNOWN_OPTION.format(row=number, name=definition.name, option=option)


def sheet_changes(parsed: ParsedFigures, definitions, stored: dict) -> list[Change]:
    """The figures ``parsed`` would change against ``stored``, in the sheet's
    order: old → new as the form shows them."""
    changes = []
    for definition, item, to_date in _sheet_rows(definitions):
        for each in (item, to_date):
            if each is None or each.key not in parsed.values:
                continue
            old, new = stored.get(each.key), parsed.values[each.key]
            if old != new:
                changes.append(
                    Change(
                        parsed.rows[each.key],
                        each.label,
                        input_unit(definition),
                        _shown(definition, old),
                        _shown(definition, new),
                    )
                )
    return changes
