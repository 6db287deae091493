"""Compose a bulletin issue: approved figures in, a ``Document`` tree out.

``compose_document`` reads the period's figures through ``bulletins.selectors``
and lays them out as the series' profile (版式, DESIGN 5.5) says: its masthead
style, title, issuer line and introduction, its blocks in order and its
attachments (``bulletins.profiles``). The 海东 monthly profile
(``bulletins/profiles/shipped/haidong-monthly.yaml``, the default) prints:

    masthead · issuer · 6月份政务服务和公共资源工作情况
    一、市级政务服务大厅及公共资源交易工作开展情况
        （一）办理情况      1.办件情况。… 2.公共资源交易情况。…
        （二）主要工作      1.Title。body …
    二、区（县）政务服务大厅工作开展情况
        （一）平安区政务服务中心   summary · 好差评 · 12345 · 主要工作：1.Title。…
        （二）…                   one section per active centre with approved data
    附件：1.… 2.…
    附件1 the hall's department table (a figure table) · 附件2 the trade table

Every paragraph has a key that is stable for the period, so an editor's override
finds its paragraph again after recomposition:

    hall.cases · hall.trades · centre.<centre id>.summary · centre.<id>.ratings ·
    centre.<id>.figures · workitem.<work item id> (its further paragraphs
    workitem.<id>.2, .3, …)

Sections are keyed by the profile (``hall``, ``hall.handling``, ``hall.work``,
``centres``) and ``centre.<id>``; ``item_order`` reorders a section's work items
by their keys.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import Any

from bulletins.chinese import date_text
from bulletins.document import Document, Masthead, Paragraph, Section, Table
from bulletins.figure_data import (
    defined_data,
    level_data,
    rate_data,
    year_to_date_data,
)
from bulletins.periods import Period
from bulletins.profiles import default_profile
from bulletins.profiles.cases import of_centre
from bulletins.profiles.editing import Editing
from bulletins.profiles.layout import Context, lay_out
from bulletins.profiles.sandbox import render
from bulletins.profiles.tables import FIGURE_TABLE, TOTALS, attachments, exact_amount
from bulletins.selectors import CentreFigures, PeriodFigures, period_figures
from bureaus.units import YI
from submissions.figures import daily_average, format_percent


def compose_document(
    *,
    bureau,
    series_title: str,
    publisher: str,
    subtitle: str = "",
    issue_label: str,
    publication_date: date,
    period: Period,
    profile: Mapping[str, Any] | None = None,
    issuer: str | None = None,
    overrides: Mapping[str, Any] | None = None,
    item_order: Mapping[str, Sequence[str]] | None = None,
    omitted_items: Collection[str] = (),
    editor_note: str = "",
) -> Document:
    """``bureau``'s issue for ``period`` from its approved reports and trades,
    laid out by ``profile`` (a validated profile dict; 海东's monthly one when
    None).

    ``issuer`` (printed above the title) defaults to the profile's issuer line.
    The optional editing arguments take an ``Issue``'s fields as they are
    stored: ``overrides`` ``{paragraph key: {"text": …}}`` (or a plain string),
    ``item_order`` ``{section key: [work item keys]}``, ``omitted_items``
    ``[work item keys]``.
    """
    return build_document(
        period_figures(period, bureau=bureau),
        series_title=series_title,
        publisher=publisher,
        subtitle=subtitle,
        issue_label=issue_label,
        publication_date=publication_date,
        profile=profile,
        issuer=issuer,
        overrides=overrides,
        item_order=item_order,
        omitted_items=omitted_items,
        editor_note=editor_note,
    )


def build_document(
    figures: PeriodFigures,
    *,
    series_title: str,
    publisher: str,
    issue_label: str,
    publication_date: date,
    subtitle: str = "",
    profile: Mapping[str, Any] | None = None,
    issuer: str | None = None,
    overrides: Mapping[str, Any] | None = None,
    item_order: Mapping[str, Sequence[str]] | None = None,
    omitted_items: Collection[str] = (),
    editor_note: str = "",
) -> Document:
    """``compose_document`` without the database: lay out ``figures``."""
    profile = default_profile() if profile is None else profile
    period = figures.period
    values = {
        "period": period.label,
        "previous_period": period.previous_label,
        "year": period.start.year,
        "series": series_title,
        "publisher": publisher,
        "publisher_from_city": _from_city(publisher),
        "date": date_text(publication_date),
        "words": profile["words"],
        "hall": figures.hall.name if figures.hall else "",
    }
    attached = attachments(figures, profile, values)
    reference = next((a.label for a in attached if a.key == FIGURE_TABLE), "")
    context = Context(
        figures=figures,
        profile=profile,
        editing=Editing(overrides or {}, item_order or {}, set(omitted_items)),
        reference=reference,
    )
    masthead = profile["masthead"]
    return Document(
        masthead=Masthead(
            title=series_title,
            issue_label=issue_label if masthead["style"] == "masthead" else "",
            publisher=publisher,
            date_text=date_text(publication_date),
            subtitle=masthead["subtitle"] or subtitle,
            style=masthead["style"],
        ),
        title=render(profile["title"], values),
        issuer=render(profile["issuer"], values) if issuer is None else issuer,
        introduction=render(profile["introduction"], values),
        sections=lay_out(profile["blocks"], context),
        attachment_list=[f"{n}.{a.title}" for n, a in enumerate(attached, 1)],
        attachments=attached,
        editor_note=editor_note,
        figures=open_figures(figures, profile["cases"]),
    )


def _from_city(publisher: str) -> str:
    """海东市政务服务监督管理局 → 市政务服务监督管理局 (the city's name dropped)."""
    at = publisher.find("市")
    return publisher[at:] if 0 < at < len(publisher) - 1 else publisher


# --- open data --------------------------------------------------------------------


def _percent(part: int | None, whole: int | None) -> str | None:
    return format_percent(part, whole) or None


def _centre_data(centre: CentreFigures, period: Period, names) -> dict[str, Any]:
    cases = of_centre(centre, names)
    return {
        "id": centre.centre_id,
        "name": centre.name,
        "short_name": centre.short_name,
        "months": [m.isoformat() for m in centre.months],
        "complete": centre.complete,
        "accepted": cases.accepted,
        "completed": cases.completed,
        "in_progress": cases.in_progress,
        "working_days": centre.working_days,
        "daily_average": daily_average(cases.accepted, centre.working_days),
        "previous_accepted": cases.previous_accepted,
        "completion_rate": _percent(cases.completed, cases.accepted),
        "categories": [
            {
                "name": c.name,
                "accepted": c.accepted,
                "completed": c.completed,
                "completion_rate": _percent(c.completed, c.accepted),
            }
            for c in cases.categories
        ],
        "figures": [defined_data(f, period.calendar_days) for f in centre.defined],
        "rates": [rate_data(r) for r in centre.rates],
        "year_to_date": year_to_date_data(centre.year_to_date, names),
    }


def _trade_data(figure) -> dict[str, Any]:
    return {
        "code": getattr(figure, "code", ""),
        "label": getattr(figure, "label", TOTALS),
        "name": getattr(figure, "name", ""),
        "measure_word": figure.measure_word,
        "count": figure.count,
        "amount_yuan": f"{figure.amount:f}",
        "amount_yi": exact_amount(figure.amount, YI),
        "source": figure.source,
        **{
            f"{name}_yuan": None if value is None else f"{value:f}"
            for name in ("budget", "savings", "reserve", "premium")
            for value in [getattr(figure, name)]
        },
        "in_total": getattr(figure, "in_total", True),
        "amount_printed": getattr(figure, "amount_printed", True),
    }


def open_figures(figures: PeriodFigures, names: dict[str, str]) -> dict[str, Any]:
    """Every figure the issue states, JSON-safe, for open data and charts;
    ``names``: the profile's ``cases``, the figures under each unit's
    ``accepted``, ``completed`` … keys.

    Counts are ints (None = blank); amounts exact decimal strings; rates the
    printed text.
    """
    period = figures.period
    return {
        "period": {
            "key": period.key,
            "kind": period.kind,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "label": period.label,
        },
        "hall": None
        if figures.hall is None
        else _centre_data(figures.hall, period, names),
        "centres": [_centre_data(c, period, names) for c in figures.centres],
        "regions": [_centre_data(c, period, names) for c in figures.regions],
        "levels": [level_data(level, names) for level in figures.levels],
        "trades": {
            "categories": [_trade_data(f) for f in figures.trades.leaves],
            "groups": [_trade_data(f) for f in figures.trades.groups],
            "total": _trade_data(figures.trades.total),
        },
        "report_ids": list(figures.report_ids),
        "missing": [
            {"centre_id": m.centre_id, "name": m.name, "month": m.month.isoformat()}
            for m in figures.missing
        ],
    }


# --- plain text -------------------------------------------------------------------


def document_text(document: Document) -> str:
    """The issue as plain text in reading order, attachments included (for the
    command line, search and diffs); table cells are separated by tabs."""
    head = document.masthead
    notice = head.style == "notice"
    lines = (
        []
        if notice
        else [head.title, head.issue_label, f"{head.publisher}\u3000{head.date_text}"]
    )
    if document.editor_note:
        lines.append(f"编者按：{document.editor_note}")
    lines += [document.issuer, document.title, document.introduction]

    def walk(blocks):
        for block in blocks:
            if isinstance(block, Section):
                lines.append(f"{block.number}{block.title}")
                walk(block.blocks)
            elif isinstance(block, Paragraph):
                lines.append(f"{block.lead}{block.text}")
            elif isinstance(block, Table):
                lines.extend(_table_lines(block))

    walk(document.sections)
    if document.attachment_list:
        lines.append("附件：" + "\n\u3000\u3000\u3000".join(document.attachment_list))
    if notice:
        lines += [head.publisher, head.date_text]
    for attachment in document.attachments:
        lines += [attachment.label, attachment.title]
        if attachment.meta:
            lines.append(attachment.meta)
        lines.extend(_table_lines(attachment.table))
    return "\n".join(line for line in lines if line) + "\n"


def _table_lines(table: Table) -> list[str]:
    lines = ["\t".join(c.label for c in table.columns)]
    lines += ["\t".join(c.text for c in row) for row in table.rows]
    if table.totals:
        lines.append("\t".join(c.text for c in table.totals))
    return lines
