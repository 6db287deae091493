"""What the clerk and the editor see of a report "as the bulletin will print it".

Two steps, both without writes: ``entry_figures`` turns typed (possibly unsaved)
values into the validation snapshot ``ReportFigures``; ``printed`` turns a
snapshot into labelled rows of printed figures (totals, rates, daily averages,
shares, the change against last month), using the exact arithmetic of
``submissions.figures``. A blank stays blank (no row value), a 0 prints as 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bulletins.periods import period_for
from bulletins.profiles.panel import printed_apart, report_paragraphs

from . import figures as fig
from .defined import COUNT, figure_sentence, figures_from_rows, ranking_sentence
from .defined_forms import entry_defined
from .rates import RateSpec, rate_sentence, rates_of
from .validation import ReportFigures
from .validation.queries import month_context

UNCOMPUTABLE = "无法计算"


def entry_figures(report, values: dict, *, definitions):
    """The snapshot of what the clerk typed (``ReportEntry.values()``)."""
    context = month_context(
        [report.centre_id],
        report.month,
        report.period_type,
        bureau_id=report.centre.bureau_id,
    )
    return ReportFigures(
        month=report.month,
        centre_name=report.centre.name,
        centre_short_name=report.centre.short_name,
        centre_kind=report.centre.kind,
        **values["figures"],
        work_item_count=sum(1 for item in values["work_items"] if not item["delete"]),
        previous=context["previous"].get(report.centre_id),
        report_id=report.pk,
        defined=entry_defined(definitions, values["defined"]),
        defined_history=context["history"].get(report.centre_id, {}),
        required={d.pk: d.name for d in definitions if d.required and d.is_active},
        children=context["children"].get(report.centre_id),
        period_type=report.period_type,
        sums=context["sums"],
        rates=context["rates"],
    )


def percent(part, whole) -> str:
    """``format_percent`` that never raises on inconsistent input (shown live)."""
    try:
        return fig.format_percent(part, whole)
    except (TypeError, ValueError):
        return UNCOMPUTABLE


def _number(value) -> str:
    return "" if value is None else str(value)


@dataclass
class PrintedSection:
    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)

    def add(self, label: str, value) -> None:
        if value not in (None, ""):
            self.rows.append((label, str(value)))


def change_text(current, previous, report) -> str:
    """The editor's month-on-month note beside a figure (``较5月份的24236件增加了
    5211件``, ``与5月份的7件持平``); "" when either is blank. The issue's own
    wording of the change is its profile's (``report_paragraphs``)."""
    moved = fig.change(current, previous)
    if moved is None:
        return ""
    period = period_for(report.month, report.period_type)
    then = f"{period.previous_label}的{moved.previous}件"
    if moved.direction == "持平":
        return f"与{then}持平"
    return f"较{then}{moved.direction}了{moved.difference}件"


def comparison_rows(report, figures):
    """This period against the previous one's report (the month before, or the
    quarter before), defined figure by defined figure, then the working days."""
    previous = report.previous()
    if previous is None:
        return None, []
    before = figures_from_rows(
        previous.figure_values.select_related("definition", "option")
    )
    rows = []
    for figure in figures.defined.values():
        current_value = figure.printed_total
        old = before.get(figure.definition_id)
        previous_value = old.printed_total if old is not None else None
        if current_value is None and previous_value is None:
            continue
        rows.append(
            {
                "label": figure.name,
                "current": current_value,
                "previous": previous_value,
                "text": change_text(current_value, previous_value, report)
                if figure.value_type == COUNT
                else "",
            }
        )
    rows.append(
        {
            "label": "工作日",
            "current": figures.working_days,
            "previous": previous.working_days,
            "text": "",
        }
    )
    return previous, rows


PRINTED_TEXT = "公报文字"


def printed(
    figures: ReportFigures, profile: dict, *, rates: Sequence[RateSpec]
) -> list[PrintedSection]:
    """The figures of one report as the bulletin prints them, section by section.

    The centre's summary, ratings and defined figures are the paragraphs the
    bureau's ``profile`` prints for them (``bulletins.profiles.panel``), from
    the same figure types and templates as the issue, so the clerk reads exactly
    what will print (海东's 12345 paragraph: its daily average is over the
    month's calendar days).
    ``rates`` are the bureau's rate definitions, computed from the report's
    defined figures.
    """
    try:
        texts = report_paragraphs(figures, profile, rates=rates)
    except (TypeError, ValueError):  # a negative figure typed, live
        texts = dict.fromkeys(("summary", "ratings", "figures"), UNCOMPUTABLE)
    sections = []
    overall = PrintedSection("办件总体")
    overall.add("工作日（天）", _number(figures.working_days))
    overall.add(PRINTED_TEXT, texts.get("summary", ""))
    sections.append(overall)

    defined = PrintedSection("其他指标")
    if figures.defined:
        for name in ("ratings", "figures"):
            defined.add(PRINTED_TEXT, texts.get(name, ""))
    # What a figure table prints (附件1's window units) is left to that table,
    # and the case figures to the summary above, as the profile's paragraphs
    # leave them; so are the rates of those figures alone (办结率).
    apart = printed_apart(profile)
    shown = [f for f in figures.defined.values() if f.code not in apart]
    for figure in shown:
        defined.add(figure.name, figure_sentence(figure))
        if figure.rank_top:
            defined.add(f"{figure.name}排名", ranking_sentence(figure))
    for rate in rates_of(rates, shown):
        if rate.code not in apart:
            defined.add(rate.name, rate_sentence(rate))
    if defined.rows:
        sections.append(defined)
    return sections
