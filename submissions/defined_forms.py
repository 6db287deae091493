"""The clerk's inputs for a bureau's figure definitions (DESIGN 5.3).

One form holds every active definition: a total (when the definition has one)
and one input per option of its breakdown. Counts use ``CountField``; amounts
``AmountField``, typed in the unit the bureau chose for the definition and kept
exactly in 元. Rows are identified by field names built here on the server
(``d<definition>``, ``d<definition>_o<option>``), never by a posted id.

Definitions that share a breakdown are shown as one grid
(``figure_grids``): a row for the totals when they have them, a row per
option, a column per definition, and a 备注 column when the breakdown takes
notes (``n<option>``: the hall's 附件1). The stated 1至本月累计 inputs are
apart (``to_date_fields``): most units never state one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

from config.xmltext import XmlTextValidator

from .defined import (
    AMOUNT,
    TO_DATE,
    TO_DATE_LABEL,
    UNIT_YUAN,
    Part,
    figure_of,
    from_yuan,
    to_yuan,
)
from .figure_grids import TOTAL_ROW, grid_key, grids
from .forms import _NUMBER, NEGATIVE, CountField, normalise_count

NOT_AN_AMOUNT = "“{label}”应填写金额数字，“{value}”不是数字。"
AMOUNT_TOO_PRECISE = "“{label}”最多精确到分（0.01元），填写的是{value}{unit}。"
AMOUNT_TOO_LARGE = "“{label}”金额过大（填写的是{value}{unit}）。"
TO_DATE_SUFFIX = "_ytd"
NOTE_LABEL = "备注"
NOTE_LENGTH = 200
NOTE_TOO_LONG = "“{label}”最多%(limit_value)d个字（填写了%(show_value)d个字），请删减。"
# 10^16 元: far above any bureau's figure, within the column's 20 digits.
MAX_YUAN = Decimal(10) ** 16


class AmountField(forms.Field):
    """An amount typed in ``unit`` (元/万元/亿元), cleaned to exact 元."""

    widget = forms.TextInput(
        attrs={"inputmode": "decimal", "autocomplete": "off", "class": "figure-input"}
    )

    def __init__(self, *, unit: str = "元", **kwargs):
        kwargs.setdefault("required", False)
        self.unit = unit
        super().__init__(**kwargs)

    def to_python(self, value):
        if value is None or isinstance(value, Decimal):
            return value
        raw = str(value).strip()
        text = normalise_count(raw)
        if text == "":
            return None
        label, unit = self.label or "", self.unit
        if not _NUMBER.match(text):
            raise ValidationError(
                NOT_AN_AMOUNT.format(label=label, value=raw), code="invalid"
            )
        try:
            number = Decimal(text)
        except InvalidOperation as exc:  # pragma: no cover - regex guards this
            raise ValidationError(
                NOT_AN_AMOUNT.format(label=label, value=raw), code="invalid"
            ) from exc
        if number < 0:
            raise ValidationError(
                NEGATIVE.format(label=label, value=raw), code="negative"
            )
        try:
            yuan = to_yuan(number, unit)
        except ValueError as exc:
            raise ValidationError(
                AMOUNT_TOO_PRECISE.format(label=label, value=raw, unit=unit),
                code="too_precise",
            ) from exc
        if yuan >= MAX_YUAN:
            raise ValidationError(
                AMOUNT_TOO_LARGE.format(label=label, value=raw, unit=unit),
                code="too_large",
            )
        return yuan

    def prepare_value(self, value):
        if value is None or value == "":
            return ""
        if isinstance(value, Decimal):
            return from_yuan(value, self.unit)
        return value


def input_unit(definition) -> str:
    """The unit a definition's figures are typed in: a count's measure word, an
    amount's 元/万元/亿元 (元 when the definition names another)."""
    if definition.value_type == AMOUNT:
        return definition.unit if definition.unit in UNIT_YUAN else "元"
    return definition.unit


def input_field(definition, label: str) -> forms.Field:
    """The input of one of ``definition``'s figures, labelled ``label（unit）``."""
    unit = input_unit(definition)
    if definition.value_type == AMOUNT:
        return AmountField(unit=unit, label=f"{label}（{unit}）")
    return CountField(label=f"{label}（{unit}）")


@dataclass(frozen=True)
class FigureInput:
    """One input of a definition, as the form and the spreadsheet show it."""

    key: tuple  # (definition id, option id, None for the total, or TO_DATE)
    label: str  # 分渠道受理总数, 分渠道受理·窗口受理, 咨询·1至本月累计
    row_name: str  # the option's name, TO_DATE_LABEL, or "" for the total
    option: object = None  # the BreakdownOption of an option's input

    @property
    def name(self) -> str:
        """The form field's name: d7, d7_ytd, d7_o3."""
        definition, option = self.key
        if option is None:
            return f"d{definition}"
        if option == TO_DATE:
            return f"d{definition}{TO_DATE_SUFFIX}"
        return f"d{definition}_o{option}"


def figure_inputs(definition) -> list[FigureInput]:
    """The total (when the definition has one), its stated 1至本月累计, then
    one input per active option."""
    inputs = []
    options = list(definition.active_options)
    if definition.breakdown_id is None or definition.has_total:
        label = definition.name if not options else f"{definition.name}总数"
        inputs.append(FigureInput((definition.pk, None), label, ""))
        # Where earlier months were never entered, the unit states the year's
        # total so far (printed as stated, never summed).
        inputs.append(
            FigureInput(
                (definition.pk, TO_DATE), f"{label}·{TO_DATE_LABEL}", TO_DATE_LABEL
            )
        )
    for option in options:
        inputs.append(
            FigureInput(
                (definition.pk, option.pk),
                f"{definition.name}·{option.name}",
                option.name,
                option,
            )
        )
    return inputs


class DefinedFiguresForm(forms.Form):
    """Every active definition of a bureau, as one form of one report."""

    def __init__(
        self, data=None, *, definitions, stored=None, notes=None, prefix="defined"
    ):
        """``definitions``: the bureau's definitions with ``options`` loaded
        (``active_options``); ``stored``: {(definition id, option id or None):
        value in 元 or count} of the report; ``notes``: {option id: text}."""
        stored, notes = stored or {}, notes or {}
        initial = {}
        self.groups: list[tuple[object, list[str]]] = []
        self.keys: dict[str, tuple] = {}
        super().__init__(data, prefix=prefix)
        for definition in definitions:
            names = []
            for item in figure_inputs(definition):
                self.fields[item.name] = input_field(definition, item.label)
                if item.row_name:
                    self.fields[item.name].row_name = item.row_name
                initial[item.name] = stored.get(item.key)
                self.keys[item.name] = item.key
                names.append(item.name)
            self.groups.append((definition, names))
        self.note_options: dict[str, int] = {}
        for option in _noted_options(definitions):
            name = f"n{option.pk}"
            label = f"{option.name}·{NOTE_LABEL}"
            self.fields[name] = forms.CharField(
                label=label,
                max_length=NOTE_LENGTH,
                required=False,
                error_messages={"max_length": NOTE_TOO_LONG.format(label=label)},
            )
            self.fields[name].validators.append(
                XmlTextValidator(self.fields[name], name)
            )
            initial[name] = notes.get(option.pk, "")
            self.note_options[name] = option.pk
        self.initial = initial
        self.definitions = list(definitions)

    def finding_key(self, name: str) -> str:
        """ "d7" → "defined[7].total", "d7_o3" → "defined[7].option[3]",
        "d7_ytd" → "defined[7].to_date", "n3" → "notes[3]"."""
        if name in self.note_options:
            return f"notes[{self.note_options[name]}]"
        definition, _, option = name[1:].partition("_o")
        if option:
            return f"defined[{definition}].option[{option}]"
        if definition.endswith(TO_DATE_SUFFIX):
            return f"defined[{definition.removesuffix(TO_DATE_SUFFIX)}].to_date"
        return f"defined[{definition}].total"

    def layout(self) -> list[dict]:
        """What the template shows, in the definitions' order: a list of one
        definition's inputs (``kind`` "list"), or a grid of the definitions
        sharing a breakdown (``kind`` "grid": ``definitions`` as columns,
        ``rows`` of (row name, bound fields, note field or None)); the
        1至本月累计 inputs in neither."""
        found = grids(self.definitions)
        blocks, shown = [], set()
        for definition, names in self.groups:
            key = grid_key(definition)
            grid = found.get(key)
            if grid is None or definition.pk not in {d.pk for d in grid}:
                blocks.append(
                    {
                        "kind": "list",
                        "definition": definition,
                        "fields": [
                            self[name]
                            for name in names
                            if self.keys[name][1] != TO_DATE
                        ],
                    }
                )
            elif key not in shown:
                shown.add(key)
                blocks.append(self._grid(definition.breakdown, grid))
        return blocks

    def _grid(self, breakdown, definitions) -> dict:
        options = {o.pk: o for d in definitions for o in d.active_options}
        rows = []
        if definitions[0].has_total:
            # Definitions with a total (受理, 办结 by 办件类别): their row leads.
            rows.append((TOTAL_ROW, [self[f"d{d.pk}"] for d in definitions], None))
        rows += [
            (
                option.name,
                [self[f"d{d.pk}_o{option.pk}"] for d in definitions],
                self[f"n{option.pk}"] if f"n{option.pk}" in self.fields else None,
            )
            for option in sorted(options.values(), key=lambda o: (o.order, o.pk))
        ]
        return {
            "kind": "grid",
            "breakdown": breakdown,
            "definitions": definitions,
            "rows": rows,
            "has_note": breakdown.has_note,
        }

    def to_date_fields(self) -> list[tuple]:
        """(the definition's name and unit, bound field) of each stated
        1至本月累计 input, in the definitions' order: where earlier months were
        never entered, a unit states the year's total so far; the form shows
        them apart."""
        return [
            (f"{definition.name}（{input_unit(definition)}）", self[name])
            for definition, names in self.groups
            for name in names
            if self.keys[name][1] == TO_DATE
        ]

    def to_date_open(self) -> bool:
        """Whether the 1至本月累计 inputs are shown open: one of them holds a
        figure (a stated 0 is one) or an input error."""
        return any(
            _stated(field.value()) or field.errors
            for _label, field in self.to_date_fields()
        )

    def notes(self) -> dict[int, str]:
        """{option id: note} of every note input (blank: "")."""
        cleaned = getattr(self, "cleaned_data", {}) or {}
        return {
            pk: (cleaned.get(name) or "").strip()
            for name, pk in self.note_options.items()
        }

    def values(self) -> dict[tuple[int, int | None], object]:
        """{(definition id, option id or None): value or None} of every input;
        an input that did not validate reads blank."""
        cleaned = getattr(self, "cleaned_data", {}) or {}
        return {key: cleaned.get(name) for name, key in self.keys.items()}


def entry_defined(definitions, values: dict) -> dict:
    """The ``DefinedFigure``\\ s of typed values (``DefinedFiguresForm.values()``),
    blank definitions left out: what live validation and the preview read."""
    figures = {}
    for definition in definitions:
        total = values.get((definition.pk, None))
        parts = [
            Part(o.pk, o.name, values.get((definition.pk, o.pk)), o.order)
            for o in definition.active_options
            if values.get((definition.pk, o.pk)) is not None
        ]
        if total is None and not parts:
            continue
        figures[definition.pk] = figure_of(definition, total, parts)
    return figures


def _stated(value) -> bool:
    """A typed or stored figure, 0 included; blank is not one."""
    return value is not None and str(value).strip() != ""


def _noted_options(definitions) -> list:
    """The active options of the definitions' breakdowns that take notes."""
    options = {}
    for definition in definitions:
        if definition.breakdown_id is not None and definition.breakdown.has_note:
            for option in definition.active_options:
                options.setdefault(option.pk, option)
    return sorted(options.values(), key=lambda o: (o.breakdown_id, o.order, o.pk))
