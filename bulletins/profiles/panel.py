"""One report as its bureau's issue words it: the clerk's and the editor's
"as the bulletin prints it" panel (``submissions.derived.printed``).

The panel renders the paragraphs the profile prints for a centre (its
``summary``, ``ratings`` and ``figures`` templates) from one
report's figures, typed or saved, through the same values and templates as
composition, so the panel and the issue cannot disagree. Figures and rates
the profile prints in a figure table (附件1's window units) are left to that
table, as in the issue.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any

from bulletins.periods import period_for
from bulletins.profiles import cases, default_profile, figure_values, values
from bulletins.profiles.sandbox import render
from bulletins.selectors import CentreFigures
from submissions.rates import rates_of

PARAGRAPHS = ("summary", "ratings", "figures")
CENTRE_BLOCKS = ("centres", "centre_paragraphs")


def bureau_profile(bureau_id: int) -> dict[str, Any]:
    """The profile the bureau's monthly issue is laid out by: the current one of
    its first monthly series; 海东's monthly profile when it has none (one query)."""
    from bulletins.models import Profile, Series

    profile = (
        Profile.objects.filter(
            series__bureau_id=bureau_id,
            series__frequency=Series.Frequency.MONTHLY,
        )
        .order_by("series_id", "-version")
        .only("spec")
        .first()
    )
    return profile.spec if profile else default_profile()


def _templates(blocks: list[dict], found: dict[str, str]) -> dict[str, str]:
    """Each centre template's first non-blank source, in the profile's order."""
    for block in blocks:
        if block["kind"] in CENTRE_BLOCKS:
            for name in PARAGRAPHS:
                if block[name].strip():
                    found.setdefault(name, block[name])
        _templates(block.get("blocks", []), found)
    return found


def tabled(profile: dict[str, Any]) -> set[str]:
    """Codes of the figures and rates the profile's figure tables print."""
    return {
        column.get("figure") or column.get("rate")
        for attachment in profile["attachments"]
        if attachment["kind"] == "figure_table"
        for column in attachment["columns"]
        if "key" not in column
    }


def printed_apart(profile: dict[str, Any]) -> set[str]:
    """Codes of the figures the profile prints in a paragraph or table of
    their own: its figure tables' (``tabled``) and the case figures, which the
    centre's summary states (the profile's ``cases``)."""
    return tabled(profile) | cases.codes(profile)


def _previous(figures) -> tuple:
    """The previous period's printed totals of a ``ReportFigures`` as figures
    (``CentreFigures.previous``), for the definitions of this period."""
    totals = figures.previous.defined if figures.previous else {}
    return tuple(
        replace(figure, total=totals[pk], parts=())
        for pk, figure in figures.defined.items()
        if pk in totals
    )


def _centre(figures, rates, tabled: set[str]) -> CentreFigures:
    """A ``ReportFigures`` as the centre's figures of its month, with the
    bureau's ``rates`` (``RateSpec``\\ s) computed from them; the figures and
    rates coded in ``tabled`` left out."""
    defined = [f for f in figures.defined.values() if f.code not in tabled]
    return CentreFigures(
        centre_id=figures.report_id or 0,
        name=figures.centre_name,
        short_name=figures.centre_short_name,
        is_hall=figures.is_hall,
        report_ids=(),
        months=(figures.month,),
        complete=True,
        working_days=figures.working_days,
        work_items=(),
        defined=tuple(defined),
        previous=_previous(figures),
        rates=tuple(r for r in rates_of(rates, defined) if r.code not in tabled),
    )


def report_paragraphs(figures, profile: dict[str, Any], *, rates) -> dict[str, str]:
    """Template name → the paragraph the profile prints for this report ("" for
    nothing), its rates computed from the report's figures by the bureau's
    ``rates``; ``ValueError``/``TypeError`` when a typed figure cannot be
    printed (a negative count, live)."""
    centre = _centre(figures, rates, tabled(profile))
    period = period_for(figures.month, figures.period_type)
    words, units = profile["words"], profile["units"]
    makers = {
        "summary": partial(values.summary, names=profile["cases"]),
        "ratings": figure_values.unit_figures,
        "figures": figure_values.unit_figures,
    }
    texts = {}
    for name, source in _templates(profile["blocks"], {}).items():
        context = makers[name](centre, period, words, units)
        texts[name] = "" if context is None else render(source, context)
    return texts
