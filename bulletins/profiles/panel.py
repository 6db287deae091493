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

from typing import Any

from bulletins.periods import period_for
from bulletins.profiles import default_profile, figure_values, values
from bulletins.profiles.sandbox import render
from bulletins.selectors import CentreFigures, cases
from submissions.rates import rates_of

PARAGRAPHS = {
    "summary": values.summary,
    "ratings": figure_values.unit_figures,
    "figures": figure_values.unit_figures,
}
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
    centre's summary states (``selectors.cases``)."""
    return tabled(profile) | set(cases.CODES)


def _cases(figures) -> dict:
    """The case figures of a ``ReportFigures`` as ``CentreFigures`` takes them."""
    previous = figures.previous.defined if figures.previous else {}
    accepted = cases.by_code(figures.defined.values()).get(cases.ACCEPTED)
    return cases.centre_cases(figures.defined.values()) | {
        "previous_accepted": previous.get(accepted.definition_id)
        if accepted is not None
        else None,
    }


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
        **_cases(figures),
        work_items=(),
        defined=tuple(defined),
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
    texts = {}
    for name, source in _templates(profile["blocks"], {}).items():
        context = PARAGRAPHS[name](centre, period, words, units)
        texts[name] = "" if context is None else render(source, context)
    return texts
