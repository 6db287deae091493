"""Composing from quarterly reports (DESIGN 5.3, issue 14 "Periods"): a quarter
takes a centre's one quarterly report or the sum of its three monthly reports,
rates recomputed from the sums; 1至N月 counts a quarterly report once; a
monthly issue never prints a third of a quarter."""

import datetime

import pytest

from bulletins.composition import compose_document
from bulletins.periods import Period
from bulletins.selectors import (
    approved_report_ids,
    missing_reports,
    month_warnings,
    period_figures,
)
from bulletins.selectors.defined import year_to_date
from submissions.figures import format_percent
from submissions.models import (
    FigureDefinition,
    FigureValue,
    MonthlyReport,
    RateDefinition,
)
from tests.factories import (
    CentreFactory,
    MonthlyReportFactory,
    default_bureau,
    unit_cases,
)

pytestmark = pytest.mark.django_db

APPROVED = MonthlyReport.Status.APPROVED
QUARTERLY = MonthlyReport.PeriodType.QUARTER
Q2 = Period.quarter(2021, 2)


def _report(centre, month, accepted, completed, *, values=(), **fields):
    report = MonthlyReportFactory(
        centre=centre,
        month=month,
        status=fields.pop("status", APPROVED),
        accepted_total=accepted,
        completed_total=completed,
        categories={"行政许可事项": (accepted, completed)},
        **fields,
    )
    for definition, value in values:
        FigureValue.objects.create(report=report, definition=definition, value=value)
    return report


@pytest.fixture
def mixed():
    """平安区 reports the second quarter as one quarterly report; 乐都区 as
    three monthly reports; both have an approved first quarter of months."""
    bureau = default_bureau()
    applied = FigureDefinition.objects.create(
        bureau=bureau, code="q_applied", name="网上申请", unit="件", order=90
    )
    done = FigureDefinition.objects.create(
        bureau=bureau, code="q_done", name="网上办结", unit="件", order=91
    )
    RateDefinition.objects.create(
        bureau=bureau,
        code="q_rate",
        name="网上办结率",
        numerator=done,
        denominator=applied,
        order=90,
    )
    pingan = CentreFactory(name="平安区政务服务中心", short_name="平安区", order=1)
    ledu = CentreFactory(name="乐都区政务服务中心", short_name="乐都区", order=2)
    for centre in (pingan, ledu):
        for month in (1, 2, 3):
            _report(centre, datetime.date(2021, month, 1), 10, 10)
    quarter = _report(
        pingan,
        datetime.date(2021, 4, 1),
        300,
        270,
        values=[(applied, 40), (done, 30)],
        period_type=QUARTERLY,
        in_progress_total=30,
        working_days=62,
    )
    months = [
        _report(
            ledu,
            datetime.date(2021, month, 1),
            accepted,
            completed,
            values=[(applied, a), (done, d)],
            working_days=20,
        )
        for month, accepted, completed, a, d in [
            (4, 100, 90, 10, 10),
            (5, 50, 50, 20, 5),
            (6, 10, 0, 10, 10),
        ]
    ]
    return {"pingan": pingan, "ledu": ledu, "quarter": quarter, "months": months}


def _by_name(figures):
    return {c.short_name: c for c in figures.centres}


def test_a_quarter_takes_one_quarterly_report_or_three_months(mixed):
    figures = period_figures(Q2, bureau=default_bureau())
    centres = _by_name(figures)
    pingan, ledu = centres["平安区"], centres["乐都区"]
    pc, lc = unit_cases(pingan), unit_cases(ledu)

    assert (pc.accepted, pc.completed, pc.in_progress) == (300, 270, 30)
    assert pingan.working_days == 62
    assert pingan.complete is True
    assert pingan.months == Q2.months
    assert pingan.report_ids == (mixed["quarter"].pk,)
    assert pc.categories[0].accepted == 300

    assert (lc.accepted, lc.completed, ledu.working_days) == (160, 140, 60)
    assert ledu.complete is True
    assert format_percent(lc.completed, lc.accepted) == "87.5%"

    # The defined rate over the quarter: the ratio of the sums (25 of 40),
    # not the mean of the months' 100%, 25% and 100%.
    rates = {c: {r.code: r.text for r in centres[c].rates} for c in centres}
    assert rates["平安区"]["q_rate"] == "75%"
    assert rates["乐都区"]["q_rate"] == "62.5%"
    # Both compared with the first quarter of months (10 + 10 + 10).
    assert (pc.previous_accepted, lc.previous_accepted) == (30, 30)
    assert figures.missing == ()
    ids = {mixed["quarter"].pk, *(r.pk for r in mixed["months"])}
    assert approved_report_ids(Q2, bureau=default_bureau()) == sorted(ids)


def test_the_quarter_composes_into_the_document(mixed):
    document = compose_document(
        bureau=default_bureau(),
        series_title="政务服务动态",
        publisher="测试",
        issue_label="2021年第2期",
        publication_date=datetime.date(2021, 7, 10),
        period=Q2,
    )
    centres = {c["name"]: c for c in document.figures["centres"]}
    pingan = centres["平安区政务服务中心"]
    assert (pingan["accepted"], pingan["completed"]) == (300, 270)
    assert pingan["months"] == [m.isoformat() for m in Q2.months]


def test_year_to_date_counts_a_quarterly_report_once(mixed):
    half = period_figures(Q2, bureau=default_bureau())
    pingan = _by_name(half)["平安区"].year_to_date
    assert pingan.label == "1至6月"
    assert (unit_cases(pingan).accepted, unit_cases(pingan).completed) == (330, 300)
    assert pingan.complete is True
    assert len(pingan.months) == 6
    assert {r.code: r.text for r in pingan.rates}["q_rate"] == "75%"
    ledu = _by_name(half)["乐都区"].year_to_date
    assert (unit_cases(ledu).accepted, unit_cases(ledu).completed) == (190, 170)


def test_a_may_issue_cannot_use_part_of_the_quarter(mixed):
    """1至5月 and May itself: the second quarter's report covers June too, so
    it counts for neither; 平安区 is missing for May, never a third."""
    may = period_figures(Period.month(2021, 5), bureau=default_bureau())
    assert "平安区" not in _by_name(may)
    assert [(m.name, m.month) for m in may.missing] == [
        ("平安区政务服务中心", datetime.date(2021, 5, 1))
    ]
    ledu = _by_name(may)["乐都区"]
    assert unit_cases(ledu).accepted == 50
    assert unit_cases(ledu.year_to_date).accepted == 180
    pingan = year_to_date(Period.month(2021, 5), bureau=default_bureau(), rates=())[
        mixed["pingan"].pk
    ]
    assert (unit_cases(pingan).accepted, pingan.complete) == (30, False)
    assert len(pingan.months) == 3
    assert [
        (m.name, m.status)
        for m in missing_reports(Period.month(2021, 5), bureau=default_bureau())
    ] == [("平安区政务服务中心", "未报送")]


def test_the_monthly_issue_prints_the_missing_note(mixed):
    document = compose_document(
        bureau=default_bureau(),
        series_title="政务服务动态",
        publisher="测试",
        issue_label="第5期",
        publication_date=datetime.date(2021, 6, 10),
        period=Period.month(2021, 4),
    )
    names = [c["name"] for c in document.figures["centres"]]
    assert names == ["乐都区政务服务中心"]
    assert [m["name"] for m in document.figures["missing"]] == ["平安区政务服务中心"]
    note = next(p for p in document.iter_paragraphs() if p.key == "centres.missing")
    assert note.text == (
        "注：平安区政务服务中心4月份数据未报送或未审核通过，以上情况未包括该单位。"
    )


def test_a_quarterly_report_waiting_is_listed_once_for_the_quarter(mixed):
    quarter = mixed["quarter"]
    MonthlyReport.objects.filter(pk=quarter.pk).update(
        status=MonthlyReport.Status.SUBMITTED, working_days=0
    )
    assert [
        (m.month, m.status) for m in missing_reports(Q2, bureau=default_bureau())
    ] == [(month, "已提交") for month in Q2.months]
    warnings = month_warnings(Q2, bureau=default_bureau())
    assert [(w.centre, w.month) for w in warnings if "工作日" in w.message] == [
        ("平安区政务服务中心", datetime.date(2021, 4, 1))
    ]
    # The monthly period of April does not list the quarter's findings.
    april = month_warnings(Period.month(2021, 4), bureau=default_bureau())
    assert all(w.centre != "平安区政务服务中心" for w in april)
