"""Compose a bulletin issue: approved figures in, a ``Document`` tree out.

``compose_document`` reads the period's figures through ``bulletins.selectors``
and lays them out as the bureau's bulletin (see docs/composition.md):

    masthead · issuer · 6月份政务服务和公共资源工作情况
    一、市级政务服务大厅及公共资源交易工作开展情况
        （一）办理情况      1.办件情况。… 2.公共资源交易情况。…
        （二）主要工作      1.Title。body …
    二、区（县）政务服务大厅工作开展情况
        （一）平安区政务服务中心   summary · 好差评 · 12345 · 主要工作：1.Title。…
        （二）…                   one section per active centre with approved data
    附件：1.… 2.…
    附件1 the hall's department table · 附件2 the trade table

Every paragraph has a key that is stable for the period, so an editor's override
finds its paragraph again after recomposition:

    hall.cases · hall.trades · centre.<centre id>.summary · centre.<id>.ratings ·
    centre.<id>.hotline · workitem.<work item id> (its further paragraphs
    workitem.<id>.2, .3, …)

Sections are keyed ``hall``, ``hall.handling``, ``hall.work``, ``centres`` and
``centre.<id>``; ``item_order`` reorders a section's work items by their keys.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, replace
from datetime import date
from decimal import Decimal
from typing import Any

from bulletins.chinese import date_text, normalise_text, part_number, section_number
from bulletins.document import (
    Attachment,
    Cell,
    Column,
    Document,
    Masthead,
    Paragraph,
    Section,
    Table,
)
from bulletins.figure_data import (
    defined_data,
    level_data,
    rate_data,
    year_to_date_data,
)
from bulletins.narrative import (
    CentreSummary,
    TradeLine,
    centre_summary_text,
    hall_cases_text,
    hotline_text,
    item_lead,
    ratings_text,
    trades_text,
)
from bulletins.narrative.defined import defined_text, ranking_texts, rates_text
from bulletins.periods import Period
from bulletins.selectors import (
    CentreFigures,
    DepartmentFigures,
    PeriodFigures,
    WorkItemText,
    period_figures,
    sum_given,
)
from submissions.figures import daily_average, format_percent, satisfied_count
from transactions.amounts import TABLE_PLACES, format_yi, to_yi

HALL_PART = "市级政务服务大厅及公共资源交易工作开展情况"
CENTRES_PART = "区（县）政务服务大厅工作开展情况"
HANDLING = "办理情况"
WORK = "主要工作"
CASES = "办件情况"
TRADES = "公共资源交易情况"
DEFINED = "其他指标情况"
RANKING = "排名情况"
MISSING_NOTE = "注：{names}{period}数据未报送或未审核通过，以上情况未包括{them}。"
CENTRE_WORK_LEAD = "主要工作："
TITLE = "{label}政务服务和公共资源工作情况"
DEPARTMENT_TABLE = "{hall}{label}办件情况统计表"
TRADE_TABLE = "公共资源交易进场交易情况统计表"
TRADE_META = "单位名称：{publisher}\u3000{date}"
TOTALS = "合计"

DEPARTMENT_COLUMNS = [
    Column("序号", key="number"),
    Column("单位", align="left", key="department"),
    Column("受理行政许可事项（件）", align="right", key="licensing_accepted"),
    Column("办结（件）", align="right", key="licensing_completed"),
    Column("办结率（%）", align="right", key="licensing_rate"),
    Column("受理公共服务事项（件）", align="right", key="service_accepted"),
    Column("办结（件）", align="right", key="service_completed"),
    Column("办结率（%）", align="right", key="service_rate"),
    Column("备注", align="left", key="note"),
]
TRADE_COLUMNS = [
    Column("序号", key="number"),
    Column("交易类型", align="left", key="category"),
    Column("交易项目数（个）", align="right", key="count"),
    Column("交易金额（亿元）", align="right", key="amount_yi"),
    Column("备注", align="left", key="note"),
]


def compose_document(
    *,
    bureau,
    series_title: str,
    publisher: str,
    subtitle: str = "",
    issue_label: str,
    publication_date: date,
    period: Period,
    issuer: str | None = None,
    overrides: Mapping[str, Any] | None = None,
    item_order: Mapping[str, Sequence[str]] | None = None,
    omitted_items: Collection[str] = (),
    editor_note: str = "",
) -> Document:
    """``bureau``'s issue for ``period`` from its approved reports and trades.

    ``issuer`` (printed above the title) defaults to the publisher from its
    ``市`` on: 海东市政务服务监督管理局 → 市政务服务监督管理局. The optional
    editing arguments take an ``Issue``'s fields as they are stored: ``overrides``
    ``{paragraph key: {"text": …}}`` (or a plain string), ``item_order``
    ``{section key: [work item keys]}``, ``omitted_items`` ``[work item keys]``.
    """
    return build_document(
        period_figures(period, bureau=bureau),
        series_title=series_title,
        publisher=publisher,
        subtitle=subtitle,
        issue_label=issue_label,
        publication_date=publication_date,
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
    issuer: str | None = None,
    overrides: Mapping[str, Any] | None = None,
    item_order: Mapping[str, Sequence[str]] | None = None,
    omitted_items: Collection[str] = (),
    editor_note: str = "",
) -> Document:
    """``compose_document`` without the database: lay out ``figures``."""
    period = figures.period
    editing = _Editing(overrides or {}, item_order or {}, set(omitted_items))
    attachments = []
    department_table = _department_table(figures)
    if department_table is not None:
        hall_name = figures.hall.name if figures.hall else ""
        attachments.append(
            Attachment(
                label=f"附件{len(attachments) + 1}",
                title=DEPARTMENT_TABLE.format(hall=hall_name, label=period.label),
                table=department_table,
                key="departments",
            )
        )
    reference = attachments[0].label if attachments else ""
    attachments.append(
        Attachment(
            label=f"附件{len(attachments) + 1}",
            title=TRADE_TABLE,
            table=_trade_table(figures),
            meta=TRADE_META.format(
                publisher=publisher, date=date_text(publication_date)
            ),
            key="trades",
        )
    )

    parts = [_hall_part(figures, reference, editing)]
    centre_blocks = [
        _centre_section(centre, period, number, editing)
        for number, centre in enumerate(figures.centres, start=1)
    ]
    if note := missing_note(figures):
        centre_blocks.append(editing.paragraph("centres.missing", note))
    if centre_blocks:
        parts.append(
            Section(number="", title=CENTRES_PART, key="centres", blocks=centre_blocks)
        )
    parts = [replace(p, number=part_number(n)) for n, p in enumerate(parts, start=1)]

    return Document(
        masthead=Masthead(
            title=series_title,
            issue_label=issue_label,
            publisher=publisher,
            date_text=date_text(publication_date),
            subtitle=subtitle,
        ),
        title=TITLE.format(label=period.label),
        issuer=_issuer(publisher) if issuer is None else issuer,
        sections=parts,
        attachment_list=[f"{n}.{a.title}" for n, a in enumerate(attachments, 1)],
        attachments=attachments,
        editor_note=editor_note,
        figures=open_figures(figures),
    )


def missing_note(figures: PeriodFigures) -> str:
    """The note closing the centres' part when some had no approved report:
    ``注：乐都区政务服务中心、互助县政务服务中心6月份数据未报送或未审核通过，
    以上情况未包括上述单位。`` ("" when every centre reported)."""
    names = list(dict.fromkeys(m.name for m in figures.missing))
    if not names:
        return ""
    return MISSING_NOTE.format(
        names="、".join(names),
        period=figures.period.label,
        them="该单位" if len(names) == 1 else "上述单位",
    )


def _issuer(publisher: str) -> str:
    """海东市政务服务监督管理局 → 市政务服务监督管理局 (the city's name dropped)."""
    at = publisher.find("市")
    return publisher[at:] if 0 < at < len(publisher) - 1 else publisher


class _Editing:
    """An editor's overrides, work item order and omissions, applied while laying
    out so that numbering follows the edited order."""

    def __init__(self, overrides, item_order, omitted):
        self.overrides, self.item_order, self.omitted = overrides, item_order, omitted

    def paragraph(self, key: str, text: str, lead: str = "") -> Paragraph:
        override = self.overrides.get(key)
        if isinstance(override, Mapping):
            override = override.get("text")
        if override is None or override == text:
            return Paragraph(text=text, key=key, lead=lead)
        return Paragraph(text=override, key=key, lead=lead, edited=True, generated=text)

    def items(self, section_key: str, items: Sequence[WorkItemText]):
        kept = [i for i in items if _item_key(i) not in self.omitted]
        order = {key: n for n, key in enumerate(self.item_order.get(section_key, []))}
        # Items the editor has not placed keep their order, after the placed ones.
        return sorted(kept, key=lambda i: order.get(_item_key(i), len(order)))


def _item_key(item: WorkItemText) -> str:
    return f"workitem.{item.id}"


def work_item_paragraphs(
    items: Sequence[WorkItemText], editing: _Editing, intro: str = ""
) -> list[Paragraph]:
    """Numbered work items: ``1.Title。`` as the lead of the first paragraph of
    each, further paragraphs plain; ``intro`` (``主要工作：``) leads the first."""
    blocks = []
    for number, item in enumerate(items, start=1):
        lead = item_lead(number, item.title)
        if number == 1:
            lead = intro + lead
        first, *rest = [normalise_text(p) for p in item.paragraphs] or [""]
        blocks.append(editing.paragraph(_item_key(item), first, lead))
        blocks.extend(
            editing.paragraph(f"{_item_key(item)}.{n}", text)
            for n, text in enumerate(rest, start=2)
        )
    return blocks


def _trade_lines(figures: PeriodFigures) -> list[TradeLine]:
    return [
        TradeLine(
            g.name,
            g.measure_word,
            g.count,
            g.amount,
            savings_yuan=g.savings,
            count_only=not g.amount_printed,
            beside_total=not g.in_total,
        )
        for g in figures.trades.groups
    ]


def _hall_part(figures: PeriodFigures, reference: str, editing: _Editing) -> Section:
    period = figures.period
    handling = []  # (key, title, text), numbered from the ones present
    if figures.hall is not None:
        text = hall_cases_text(period, figures.hall.categories, reference=reference)
        if text:
            handling.append(("hall.cases", CASES, text))
        handling += [
            (f"hall.{suffix}", title, text)
            for suffix, title, text in _defined_texts(figures.hall)
        ]
    trades = figures.trades
    handling.append(
        (
            "hall.trades",
            TRADES,
            trades_text(
                period,
                _trade_lines(figures),
                total_count=trades.total.count,
                total_amount=trades.total.amount,
                total_savings=trades.total.savings,
            ),
        )
    )
    handling = [
        editing.paragraph(key, text, item_lead(number, title))
        for number, (key, title, text) in enumerate(handling, start=1)
    ]
    sections = [
        Section(
            number="", title=HANDLING, level=2, key="hall.handling", blocks=handling
        )
    ]
    if figures.hall is not None and (
        items := editing.items("hall.work", figures.hall.work_items)
    ):
        sections.append(
            Section(
                number="",
                title=WORK,
                level=2,
                key="hall.work",
                blocks=work_item_paragraphs(items, editing),
            )
        )
    sections = [
        replace(s, number=section_number(n)) for n, s in enumerate(sections, start=1)
    ]
    return Section(number="", title=HALL_PART, key="hall", blocks=sections)


def _centre_section(
    centre: CentreFigures, period: Period, number: int, editing: _Editing
) -> Section:
    key = f"centre.{centre.centre_id}"
    summary = centre_summary_text(
        period,
        CentreSummary(
            accepted=centre.accepted,
            completed=centre.completed,
            in_progress=centre.in_progress,
            working_days=centre.working_days,
            previous_accepted=centre.previous_accepted,
            categories=centre.categories,
        ),
    )
    ratings = ratings_text(period, centre.ratings)
    hotline = ""
    if centre.hotline is not None:
        hotline = hotline_text(
            period,
            centre.hotline,
            area=centre.short_name,
            days=period.calendar_days,
        )
    blocks = [
        editing.paragraph(f"{key}.{name}", text)
        for name, text in (
            ("summary", summary),
            ("ratings", ratings),
            ("hotline", hotline),
        )
        if text
    ]
    blocks += _defined_paragraphs(key, centre, editing)
    items = editing.items(key, centre.work_items)
    blocks += work_item_paragraphs(items, editing, intro=CENTRE_WORK_LEAD)
    return Section(
        number=section_number(number),
        title=centre.name,
        level=2,
        key=key,
        blocks=blocks,
    )


def _defined_texts(centre: CentreFigures) -> list[tuple[str, str, str]]:
    """(key suffix, item title, text): the unit's defined figures, then one
    text per ranking."""
    texts = []
    if text := defined_text(centre.defined) + rates_text(centre.rates):
        texts.append(("defined", DEFINED, text))
    for n, text in enumerate(ranking_texts(centre.defined), start=1):
        texts.append((f"ranking.{n}", RANKING, text))
    return texts


def _defined_paragraphs(key: str, centre: CentreFigures, editing: _Editing):
    return [
        editing.paragraph(f"{key}.{suffix}", text)
        for suffix, _title, text in _defined_texts(centre)
    ]


# --- attachments ---------------------------------------------------------------


def _count_cell(value: int | None) -> Cell:
    """Blank stays blank, 0 is printed."""
    return Cell("" if value is None else str(value), value)


def _rate_cell(part: int | None, whole: int | None) -> Cell:
    """The rate without its %, which the column header carries; 0 of 0 is —."""
    if part is None or whole is None:
        return Cell("")
    return Cell(format_percent(part, whole).removesuffix("%"))


def _department_cells(number: Cell, name: str, row: dict, note: str) -> list[Cell]:
    return [
        number,
        Cell(name),
        _count_cell(row["licensing_accepted"]),
        _count_cell(row["licensing_completed"]),
        _rate_cell(row["licensing_completed"], row["licensing_accepted"]),
        _count_cell(row["service_accepted"]),
        _count_cell(row["service_completed"]),
        _rate_cell(row["service_completed"], row["service_accepted"]),
        Cell(note),
    ]


def _department_table(figures: PeriodFigures) -> Table | None:
    """附件1: one row per department, blanks blank, and a 合计 row of the sums."""
    if figures.hall is None or not figures.departments:
        return None
    rows = [
        _department_cells(Cell(str(n), n), d.name, asdict(d), d.note)
        for n, d in enumerate(figures.departments, start=1)
    ]
    totals = department_totals(figures.departments)
    return Table(
        columns=DEPARTMENT_COLUMNS,
        rows=rows,
        totals=_department_cells(Cell(TOTALS), "", totals, ""),
        totals_span=2,
    )


def department_totals(rows: Sequence[DepartmentFigures]) -> dict[str, int | None]:
    """Column sums; a column blank in every row stays blank."""
    return {
        field: sum_given(getattr(r, field) for r in rows)
        for field in (
            "licensing_accepted",
            "licensing_completed",
            "service_accepted",
            "service_completed",
        )
    }


def _yi_cell(amount: Decimal) -> Cell:
    return Cell(format_yi(amount, TABLE_PLACES), _exact_yi(amount))


def _exact_yi(amount: Decimal | None) -> str | None:
    if amount is None:
        return None
    yi = to_yi(amount)
    return "0" if yi == 0 else f"{yi.normalize():f}"


BESIDE_TOTAL = "不计入合计"


def _trade_table(figures: PeriodFigures) -> Table:
    """附件2: the leaf categories, then 合计 rounded from the exact total."""
    trades = figures.trades
    rows = [
        [
            Cell(str(n), n),
            Cell(leaf.label),
            _count_cell(leaf.count),
            _yi_cell(leaf.amount) if leaf.amount_printed else Cell(""),
            Cell("" if leaf.in_total else BESIDE_TOTAL),
        ]
        for n, leaf in enumerate(trades.leaves, start=1)
    ]
    totals = [
        Cell(TOTALS),
        Cell(""),
        _count_cell(trades.total.count),
        _yi_cell(trades.total.amount),
        Cell(""),
    ]
    return Table(columns=TRADE_COLUMNS, rows=rows, totals=totals, totals_span=2)


# --- open data --------------------------------------------------------------------


def _percent(part: int | None, whole: int | None) -> str | None:
    return format_percent(part, whole) or None


def _centre_data(centre: CentreFigures, period: Period) -> dict[str, Any]:
    return {
        "id": centre.centre_id,
        "name": centre.name,
        "short_name": centre.short_name,
        "months": [m.isoformat() for m in centre.months],
        "complete": centre.complete,
        "accepted": centre.accepted,
        "completed": centre.completed,
        "in_progress": centre.in_progress,
        "working_days": centre.working_days,
        "daily_average": daily_average(centre.accepted, centre.working_days),
        "previous_accepted": centre.previous_accepted,
        "completion_rate": _percent(centre.completed, centre.accepted),
        "categories": [
            {
                "name": c.name,
                "accepted": c.accepted,
                "completed": c.completed,
                "completion_rate": _percent(c.completed, c.accepted),
            }
            for c in centre.categories
        ],
        "ratings": [
            {
                "channel": r.name,
                "total": r.total,
                "very_satisfied": r.very_satisfied,
                "satisfied": r.satisfied,
                "basically_satisfied": r.basically_satisfied,
                "dissatisfied": r.dissatisfied,
                "very_dissatisfied": r.very_dissatisfied,
                "satisfaction_rate": _percent(
                    satisfied_count(
                        r.very_satisfied, r.satisfied, r.basically_satisfied
                    ),
                    r.total,
                ),
            }
            for r in centre.ratings
        ],
        "figures": [defined_data(f) for f in centre.defined],
        "rates": [rate_data(r) for r in centre.rates],
        "year_to_date": year_to_date_data(centre.year_to_date),
        "hotline": None
        if centre.hotline is None
        else {
            **asdict(centre.hotline),
            "calendar_days": period.calendar_days,
            "daily_average": daily_average(
                centre.hotline.received, period.calendar_days
            ),
        },
    }


def _trade_data(figure) -> dict[str, Any]:
    return {
        "code": getattr(figure, "code", ""),
        "label": getattr(figure, "label", TOTALS),
        "name": getattr(figure, "name", ""),
        "measure_word": figure.measure_word,
        "count": figure.count,
        "amount_yuan": f"{figure.amount:f}",
        "amount_yi": _exact_yi(figure.amount),
        "source": figure.source,
        **{
            f"{name}_yuan": None if value is None else f"{value:f}"
            for name in ("budget", "savings", "reserve", "premium")
            for value in [getattr(figure, name)]
        },
        "in_total": getattr(figure, "in_total", True),
        "amount_printed": getattr(figure, "amount_printed", True),
    }


def open_figures(figures: PeriodFigures) -> dict[str, Any]:
    """Every figure the issue states, JSON-safe, for open data and charts.

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
        "hall": None if figures.hall is None else _centre_data(figures.hall, period),
        "centres": [_centre_data(c, period) for c in figures.centres],
        "regions": [_centre_data(c, period) for c in figures.regions],
        "levels": [level_data(level) for level in figures.levels],
        "departments": [
            {
                **{k: v for k, v in asdict(d).items() if k != "order"},
                "licensing_rate": _percent(d.licensing_completed, d.licensing_accepted),
                "service_rate": _percent(d.service_completed, d.service_accepted),
            }
            for d in figures.departments
        ],
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
    lines = [
        document.masthead.title,
        document.masthead.issue_label,
        f"{document.masthead.publisher}\u3000{document.masthead.date_text}",
    ]
    if document.editor_note:
        lines.append(f"编者按：{document.editor_note}")
    lines += [document.issuer, document.title]

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
