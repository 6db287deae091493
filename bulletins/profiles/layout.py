"""Lay out a period's figures as a profile says: the blocks in order, numbered,
each paragraph from its sandboxed template (``bulletins.profiles.sandbox``).

Paragraph and section keys are those of docs/composition.md (``hall.cases``,
``hall.trades``, ``centre.<id>.summary`` …, sections by the profile's keys), so
an editor's overrides and work item order keep finding their paragraphs.
A block that has nothing to print is left out, and numbers follow what is
printed: 一、二、 for parts, （一）（二） for sections, 1. 2. for items.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from bulletins.chinese import (
    item_number,
    normalise_text,
    part_number,
    section_number,
)
from bulletins.document import Paragraph, Section
from bulletins.profiles import figure_values, values
from bulletins.profiles.editing import Editing, work_item_paragraphs
from bulletins.profiles.sandbox import render
from bulletins.selectors import CentreFigures, PeriodFigures

_NUMBERS = {
    "part": part_number,
    "section": section_number,
    "item": item_number,
    "none": lambda n: "",
}


@dataclass(frozen=True)
class Context:
    """What every block needs: the figures, the profile, the editor's changes and
    the attachment label the hall's paragraph refers to."""

    figures: PeriodFigures
    profile: dict[str, Any]
    editing: Editing
    reference: str

    @property
    def words(self):
        return self.profile["words"]

    def units(self, block: dict) -> dict:
        return {**self.profile["units"], **block.get("units", {})}


def lay_out(blocks: list[dict], context: Context, level: int = 1, parent: str = ""):
    """The printed blocks of ``blocks``, numbered by their numbering style."""
    laid: list[tuple[dict, Section | Paragraph]] = []
    for block in blocks:
        laid += [
            (block, node)
            for node in _BUILDERS[block["kind"]](block, context, level, parent)
        ]
    counters: dict[str, int] = {}
    result = []
    for block, node in laid:
        style = block["numbering"]
        if isinstance(node, Section) and block["kind"] in _NUMBERED_SECTIONS:
            counters[style] = counters.get(style, 0) + 1
            node = replace(node, number=_NUMBERS[style](counters[style]))
        elif block["kind"] in ("hall_cases", "trades") and isinstance(node, Paragraph):
            counters[style] = counters.get(style, 0) + 1
            number = _NUMBERS[style](counters[style])
            lead = f"{number}{block['heading']}。" if block["heading"] else number
            node = replace(node, lead=lead)
        result.append(node)
    return result


def _container(block, context: Context, level: int, parent: str):
    children = lay_out(block["blocks"], context, level + 1, block["key"])
    if not children:
        return []
    return [
        Section(
            number="",
            title=block["heading"],
            level=min(level, 2),
            key=block["key"],
            blocks=children,
        )
    ]


def _paragraph(key: str, template: str, context: Context, values_: dict | None):
    if values_ is None:
        return []
    text = render(template, values_)
    if not text:
        return []
    return [context.editing.paragraph(key, text)]


def _hall_cases(block, context: Context, level, parent):
    figures = context.figures
    if figures.hall is None:
        return []
    value = values.hall_cases(
        figures,
        context.words,
        context.units(block),
        context.reference,
        context.profile["cases"],
    )
    return _paragraph("hall.cases", block["template"], context, value)


def _trades(block, context: Context, level, parent):
    value = values.trades(context.figures, context.words, context.units(block))
    return _paragraph("hall.trades", block["template"], context, value)


def _hall_work(block, context: Context, level, parent):
    hall = context.figures.hall
    if hall is None:
        return []
    items = context.editing.items(parent, hall.work_items)
    return work_item_paragraphs(items, context.editing)


def _centres(block, context: Context, level, parent):
    figures = context.figures
    sections = []
    for number, centre in enumerate(figures.centres, start=1):
        sections.append(_centre_section(block, context, centre, number, level))
    return sections


def _centre_paragraphs(block, context: Context, centre: CentreFigures):
    """The centre's summary, ratings and defined figures paragraphs,
    as the block's templates say; a blank template prints nothing."""
    key = f"centre.{centre.centre_id}"
    period, words, units = context.figures.period, context.words, context.units(block)
    made = {}  # the ratings and figures paragraphs share one context
    blocks = []
    for name, make in (
        ("summary", partial(values.summary, names=context.profile["cases"])),
        ("ratings", figure_values.unit_figures),
        ("figures", figure_values.unit_figures),
    ):
        if block[name].strip():
            if make not in made:
                made[make] = make(centre, period, words, units)
            blocks += _paragraph(f"{key}.{name}", block[name], context, made[make])
    return blocks


def _paragraphs_of_centres(block, context: Context, level, parent):
    return [
        paragraph
        for centre in _all_centres(context.figures)
        for paragraph in _centre_paragraphs(block, context, centre)
    ]


def _all_centres(figures: PeriodFigures) -> list[CentreFigures]:
    return ([figures.hall] if figures.hall else []) + list(figures.centres)


def _work_topics(block, context: Context, level, parent):
    """Every centre's work items, each a numbered section titled by its topic."""
    sections = []
    for centre in _all_centres(context.figures):
        key = f"centre.{centre.centre_id}"
        for item in context.editing.items(key, centre.work_items):
            paragraphs = work_item_paragraphs([item], context.editing)
            paragraphs = [replace(p, lead="") for p in paragraphs]
            sections.append(
                Section(
                    number="",
                    title=normalise_text(item.title).rstrip("。"),
                    level=min(level, 2),
                    key=f"topic.{item.id}",
                    blocks=paragraphs,
                )
            )
    return sections


def _centre_section(block, context: Context, centre: CentreFigures, number, level):
    key = f"centre.{centre.centre_id}"
    blocks = _centre_paragraphs(block, context, centre)
    items = context.editing.items(key, centre.work_items)
    blocks += work_item_paragraphs(items, context.editing, intro=block["intro"])
    return Section(
        number=_NUMBERS[block["numbering"]](number),
        title=centre.name,
        level=min(level, 2),
        key=key,
        blocks=blocks,
    )


def _missing_note(block, context: Context, level, parent):
    """A note naming the centres whose reports for the period are not approved
    (so not printed); nothing when every report is in."""
    names = list(dict.fromkeys(m.name for m in context.figures.missing))
    if not names:
        return []
    value = {
        "period": context.figures.period.label,
        "previous_period": context.figures.period.previous_label,
        "year": context.figures.period.start.year,
        "words": context.words,
        "missing": names,
        "missing_count": len(names),
    }
    return _paragraph(f"{parent}.missing", block["template"], context, value)


def _levels(block, context: Context, level, parent):
    """The region's cases, its units' and their intake channels', with rates."""
    value = figure_values.levels(
        context.figures,
        block,
        context.words,
        context.units(block),
        context.profile["cases"],
    )
    return _paragraph(f"{parent}.levels", block["template"], context, value)


def _ranking(block, context: Context, level, parent):
    """One paragraph per unit that ranks the block's figure."""
    paragraphs = []
    for centre_id, value in figure_values.rankings(
        context.figures, block, context.words, context.units(block)
    ):
        key = f"centre.{centre_id}.ranking.{block['figure']}"
        paragraphs += _paragraph(key, block["template"], context, value)
    return paragraphs


_NUMBERED_SECTIONS = ("part", "section", "work_topics")
_BUILDERS = {
    "centre_paragraphs": _paragraphs_of_centres,
    "work_topics": _work_topics,
    "missing_note": _missing_note,
    "levels": _levels,
    "ranking": _ranking,
    "part": _container,
    "section": _container,
    "hall_cases": _hall_cases,
    "trades": _trades,
    "hall_work": _hall_work,
    "centres": _centres,
}
