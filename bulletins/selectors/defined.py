"""Defined figures, unit levels and year-to-date totals, as plain values.

Part of ``bulletins.selectors`` (the only place ``bulletins`` reads other apps
from). Every function runs a fixed number of queries whatever the number of
units, definitions, options or months:

* ``values_by_report`` — one query: the period's reports' figure values, as
  plain rows sharing their definitions and options (``stored_values``);
* ``levels`` — the parent units' stated totals beside their children's sums,
  from the reports already read;
* ``previous_figures`` — one query: the previous period's figures, for the
  change against it;
* ``year_to_date`` — two queries: the approved totals and the figure values of
  January to the period's last month.

Time aggregation is a sum; rates are recomputed from the sums by the callers
(``format_percent(completed, accepted)``), never averaged from monthly rates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from bulletins.periods import Period
from submissions.defined import (
    COUNT,
    DefinedFigure,
    Value,
    aggregate,
    figures_from_rows,
    stated_to_date,
    sum_given,
)
from submissions.models import (
    FigureDefinition,
    FigureValue,
    MonthlyReport,
    within_months,
)
from submissions.periods import period_months
from submissions.rates import RateFigure, RateSpec, rates_of
from submissions.stored import StoredValue, stored_values


def defined_for(
    reports: Sequence, values: dict[int, list[StoredValue]]
) -> tuple[DefinedFigure, ...]:
    """A unit's defined figures summed over its reports of the period (the
    months of a quarter, or one month), in definition order; ``values``:
    ``values_by_report`` of the period's reports."""
    by_definition: dict[int, list[DefinedFigure]] = defaultdict(list)
    for report in reports:
        for pk, figure in figures_from_rows(values.get(report.id, ())).items():
            by_definition[pk].append(figure)
    summed = [aggregate(figures) for figures in by_definition.values()]
    return tuple(sorted(summed, key=lambda f: (f.order, f.definition_id)))


@dataclass(frozen=True)
class LevelFigures:
    """A parent unit's totals, definition by definition (code → total): as
    stated in its own report, and summed from its child units' printed
    totals. The stated figure is printed; a difference is flagged
    (``mismatches``), never silently replaced by the sum."""

    centre_id: int
    name: str
    children: tuple[str, ...]
    stated: dict[str, Value] = field(default_factory=dict)
    summed: dict[str, Value] = field(default_factory=dict)

    def total(self, code: str) -> Value | None:
        """What is printed: the stated total, else the children's sum."""
        stated = self.stated.get(code)
        return stated if stated is not None else self.summed.get(code)

    def is_stated(self, code: str) -> bool:
        return self.stated.get(code) is not None

    @property
    def mismatches(self) -> tuple[str, ...]:
        """Codes whose stated total differs from the children's sum."""
        return tuple(
            code
            for code, stated in self.stated.items()
            if stated is not None
            and self.summed.get(code) is not None
            and stated != self.summed[code]
        )


def levels(
    centres: Iterable, defined: dict[int, tuple[DefinedFigure, ...]]
) -> tuple[LevelFigures, ...]:
    """Every unit with child units, from each unit's ``defined`` figures of
    the period (``defined_for``; a unit without approved reports is absent)."""
    centres = list(centres)
    children: dict[int, list] = defaultdict(list)
    for centre in centres:
        if centre.parent_id is not None:
            children[centre.parent_id].append(centre)
    rows = []
    for centre in centres:
        kids = children.get(centre.id)
        if not kids:
            continue
        own = defined.get(centre.id, ())
        summed: dict[str, list] = defaultdict(list)
        for kid in kids:
            for figure in defined.get(kid.id, ()):
                summed[figure.code].append(figure.printed_total)
        rows.append(
            LevelFigures(
                centre_id=centre.id,
                name=centre.name,
                children=tuple(k.name for k in kids),
                stated={f.code: f.total for f in own if f.total is not None},
                summed={
                    code: total
                    for code, given in summed.items()
                    if (total := sum_given(given)) is not None
                },
            )
        )
    return tuple(rows)


def previous_figures(
    months: Sequence[date], *, bureau
) -> dict[int, tuple[DefinedFigure, ...]]:
    """Centre id → its defined figures of the previous period ``months``, for
    the centres whose every month of it is covered by approved reports with
    figures (one query): a partial sum would make a false comparison."""
    rows = stored_values(
        FigureValue.objects.filter(
            within_months(months, prefix="report__"),
            report__status=MonthlyReport.Status.APPROVED,
            report__centre__bureau=bureau,
        ),
        centre_id="report__centre_id",
        month="report__month",
        period_type="report__period_type",
    )
    reports: dict[int, dict[int, _Report]] = defaultdict(dict)
    values: dict[int, list[StoredValue]] = defaultdict(list)
    for row in rows:
        reports[row.centre_id].setdefault(
            row.report_id,
            _Report(row.report_id, period_months(row.month, row.period_type)),
        )
        values[row.report_id].append(row)
    found = {}
    for centre_id, of_centre in reports.items():
        quarterly = [r for r in of_centre.values() if len(r.months) > 1]
        composed = quarterly or list(of_centre.values())
        if {m for r in composed for m in r.months} == set(months):
            found[centre_id] = defined_for(composed, values)
    return found


@dataclass(frozen=True)
class _Report:
    id: int
    months: tuple[date, ...]


@dataclass(frozen=True)
class YearToDate:
    """One unit's approved figures from January to the period's last month
    (1至N月), each report counted once: a quarter's report counts when its
    whole quarter lies in the range (a May issue cannot use the second
    quarter's report). ``months`` are those covered by an approved report;
    ``complete`` says whether every month is there (a partial sum is labelled,
    not hidden). Where
    months are missing and the last month's report states a 1至本月 total, that
    total is printed, flagged as stated (``stated``)."""

    centre_id: int
    label: str  # 1至6月
    months: tuple[date, ...]
    complete: bool
    defined: tuple[DefinedFigure, ...]
    rates: tuple[RateFigure, ...] = ()
    # Codes of the figures printed as the unit stated them (months missing).
    stated: tuple[str, ...] = ()
    # (code, stated total) where every month is stored and the stated total
    # differs from their sum: the sum is printed, the difference flagged.
    stated_beside: tuple[tuple[str, object], ...] = ()


def _to_date_figures(
    summed: dict[int, DefinedFigure], stated: dict[int, DefinedFigure], complete: bool
) -> tuple[DefinedFigure, ...]:
    """The year's figures: sums of the stored months; where months are missing,
    a total the unit stated for 1至本月 is printed instead of the partial sum."""
    figures = dict(summed)
    if not complete:
        figures.update(stated)
    return tuple(sorted(figures.values(), key=lambda f: (f.order, f.definition_id)))


def values_by_report(report_ids: Iterable[int]) -> dict[int, list[StoredValue]]:
    """Report id → its stored figure values (one query)."""
    by_report: dict[int, list[StoredValue]] = defaultdict(list)
    for row in stored_values(FigureValue.objects.filter(report_id__in=report_ids)):
        by_report[row.report_id].append(row)
    return by_report


def year_to_date(
    period: Period, *, bureau, rates: tuple[RateSpec, ...]
) -> dict[int, YearToDate]:
    """Centre id → its year-to-date figures (two queries); ``rates`` are
    recomputed from the year's sums."""
    end = period.months[-1]
    months = [date(end.year, m, 1) for m in range(1, end.month + 1)]
    reports = (
        MonthlyReport.objects.approved()
        .for_bureau(bureau)
        .within(months)
        .filter(centre__is_active=True)
        .order_by("month", "id")
        .only(
            "id",
            "centre_id",
            "month",
            "period_type",
        )
    )
    by_centre: dict[int, list] = defaultdict(list)
    for report in reports:
        by_centre[report.centre_id].append(report)
    rows: dict[int, list] = defaultdict(list)
    for row in stored_values(
        FigureValue.objects.filter(
            within_months(months, prefix="report__"),
            report__status=MonthlyReport.Status.APPROVED,
            report__centre__bureau=bureau,
            report__centre__is_active=True,
        )
    ):
        rows[row.report_id].append(row)
    result = {}
    for centre_id, centre_reports in by_centre.items():
        per_definition: dict[int, list[DefinedFigure]] = defaultdict(list)
        for report in centre_reports:
            for pk, figure in figures_from_rows(rows.get(report.id, [])).items():
                per_definition[pk].append(figure)
        covered = tuple(m for r in centre_reports for m in r.months)
        complete = set(covered) == set(months)
        last = max(centre_reports, key=lambda r: r.months[-1])
        stated = stated_to_date(rows.get(last.id, [])) if last.months[-1] == end else {}
        summed = {pk: aggregate(f) for pk, f in per_definition.items()}
        result[centre_id] = YearToDate(
            centre_id=centre_id,
            label=f"1至{end.month}月" if end.month > 1 else "1月",
            months=covered,
            complete=complete,
            defined=(defined := _to_date_figures(summed, stated, complete)),
            rates=rates_of(rates, defined),
            stated=() if complete else tuple(sorted(f.code for f in stated.values())),
            stated_beside=tuple(
                (f.code, f.total)
                for pk, f in sorted(stated.items())
                if complete and pk in summed and summed[pk].printed_total != f.total
            ),
        )
    return result


def definition_labels(bureau, codes: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Code → (name, unit) of ``bureau``'s count definitions coded in ``codes``
    (one query, none without codes): how a chart of them is titled."""
    codes = set(codes)
    if not codes:
        return {}
    return {
        code: (name, unit)
        for code, name, unit in FigureDefinition.objects.filter(
            bureau=bureau, code__in=codes, value_type=COUNT
        ).values_list("code", "name", "unit")
    }
