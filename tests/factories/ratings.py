"""Satisfaction ratings (好差评) as the city pack's figure definitions: one per
rating channel, its total and the five levels of the 评价等级 breakdown, with
the channel's 满意率 as a rate definition. Tests name a channel's figures by
the former ``SatisfactionRating`` field names."""

from types import SimpleNamespace

from submissions.defined import DefinedFigure, Part
from submissions.models import FigureDefinition, FigureValue, MonthlyReport
from submissions.rates import RateSpec, rates_of

from .submissions import MonthlyReportFactory

__all__ = [
    "RATING_CODES",
    "rating_figures",
    "rating_inputs",
    "rating_of",
    "rating_values",
]

# Former field → option name (None: the channel's total).
RATING_FIELDS = {
    "total": None,
    "very_satisfied": "非常满意",
    "satisfied": "满意",
    "basically_satisfied": "基本满意",
    "dissatisfied": "不满意",
    "very_dissatisfied": "非常不满意",
}
SATISFIED = ("非常满意", "满意", "基本满意")
# The pack's channels and their definitions' codes, in the pack's order.
RATING_CODES = {
    "纸质评价": "rating_paper",
    "网上评价": "rating_online",
    "评价器评价": "rating_device",
    "短信评价": "rating_sms",
}


def _slots(report, channel: str) -> dict:
    definition = (
        FigureDefinition.objects.filter(
            bureau_id=report.centre.bureau_id, code=RATING_CODES[channel]
        )
        .prefetch_related("breakdown__options")
        .get()
    )
    options = {o.name: o for o in definition.breakdown.options.all()}
    return {
        field: (definition, options[name] if name else None)
        for field, name in RATING_FIELDS.items()
    }


def rating_values(report=None, channel: str = "纸质评价", **fields) -> MonthlyReport:
    """A report's ratings of one channel, by the former field names, stored as
    the figure values of the channel's definition (a blank field has no row)."""
    report = report or MonthlyReportFactory()
    slots = _slots(report, channel)
    for field, value in fields.items():
        if value is not None:
            definition, option = slots[field]
            FigureValue.objects.create(
                report=report, definition=definition, option=option, value=value
            )
    return report


def rating_of(report, channel: str = "纸质评价"):
    """The report's ratings of the channel by the former field names (None
    when it states none)."""
    slots = _slots(report, channel)
    stored = {
        (v.definition_id, v.option_id): int(v.value)
        for v in FigureValue.objects.filter(report=report, to_date=False)
    }
    found = {
        field: stored.get((d.pk, o.pk if o else None))
        for field, (d, o) in slots.items()
    }
    if all(v is None for v in found.values()):
        return None
    return SimpleNamespace(**found)


def rating_inputs(report, channel: str = "纸质评价", **fields) -> dict[str, str]:
    """The clerk's form inputs (``defined-d…``) of a channel's ratings."""
    slots = _slots(report, channel)
    inputs = {}
    for field, value in fields.items():
        definition, option = slots[field]
        suffix = f"_o{option.pk}" if option else ""
        inputs[f"defined-d{definition.pk}{suffix}"] = str(value)
    return inputs


def rating_figures(*rows):
    """(defined figures, rates) of rows ``(channel, total, very_satisfied,
    satisfied, basically_satisfied, dissatisfied, very_dissatisfied)`` as the
    pack's rating definitions, in the pack's codes by position (no database):
    what a centre's ``defined`` and ``rates`` hold."""
    codes = list(RATING_CODES.values())
    option_ids = {name: n for n, name in enumerate(SATISFIED, start=1)}
    option_ids.update({"不满意": 4, "非常不满意": 5})
    figures, specs = [], []
    for n, (channel, total, *levels) in enumerate(rows, start=1):
        names = [name for name in RATING_FIELDS.values() if name]
        parts = tuple(
            Part(option_ids[name], name, value, option_ids[name])
            for name, value in zip(names, levels, strict=True)
            if value is not None
        )
        code = codes[n - 1]
        figures.append(
            DefinedFigure(
                n,
                code,
                channel,
                unit="条",
                parts_rule="sum",
                order=800 + n * 10,
                total=total,
                parts=parts,
            )
        )
        specs.append(
            RateSpec(
                f"{code}_satisfaction",
                f"{channel}满意率",
                n,
                frozenset(option_ids[name] for name in SATISFIED),
                n,
                frozenset(),
            )
        )
    figures = [f for f in figures if not f.is_blank]
    return tuple(figures), rates_of(specs, figures)
