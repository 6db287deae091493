"""海西州's June 2022 figures (../shared/seed/haixi-tongbao-2022-06.md) are all
enterable as data, and validation notices what a careful reader would."""

import datetime
import io
import json

import pytest
from django.core.management import call_command

from bulletins.periods import Period
from bulletins.selectors import period_figures
from submissions import demo_haixi
from submissions.defined import ranking_sentence
from submissions.models import MonthlyReport
from tests.factories import second_bureau, unit_cases


@pytest.fixture
def haixi(db):
    bureau = second_bureau()
    demo_haixi.load(io.StringIO())
    return bureau


def test_validate_reports_flags_what_the_seed_lists(haixi):
    out = io.StringIO()
    call_command(
        "validate_reports",
        "--bureau",
        "haixi",
        "--month",
        "2022-06",
        "--format",
        "json",
        stdout=out,
    )
    findings = json.loads(out.getvalue())
    by_rule = {(f["centre"], f["rule"], f["message"]) for f in findings}
    # 窗口 2920 + 平台 3468 = 6388, not the centre's 7173: a warning to explain.
    assert (
        "海西州政务服务中心",
        "defined_parts_sum",
        "“分渠道受理”各分项（窗口受理2920件、统一平台受理3468件）合计6388件，"
        "与总数7173件不一致，相差785件。",
    ) in by_rule
    # 全州 is printed as stated, its difference from its reporting units flagged.
    assert (
        "海西州（全州）",
        "level_mismatch",
        "海西州（全州）填报的受理总数78596件，与下级单位（海西州政务服务中心）"
        "合计7173件不一致，相差71423件；简报以填报数为准。",
    ) in by_rule
    assert all(f["level"] == "warning" for f in findings)


def test_four_levels_two_rating_levels_and_the_top_five_are_held(haixi):
    assert set(
        MonthlyReport.objects.filter(centre__bureau=haixi).values_list(
            "status", flat=True
        )
    ) == {MonthlyReport.Status.APPROVED}
    figures = period_figures(Period.month(2022, 6), bureau=haixi)
    (level,) = figures.levels
    assert (level.total("cases_accepted"), level.total("cases_completed")) == (
        78596,
        78531,
    )
    (centre,) = figures.centres
    assert (unit_cases(centre).accepted, unit_cases(centre).completed) == (7173, 7136)
    channels = {f.code: f for f in centre.defined}["channel_accepted"]
    assert [(p.name, p.value) for p in channels.parts] == [
        ("窗口受理", 2920),
        ("统一平台受理", 3468),
    ]
    rating = {f.code: f for f in centre.defined}["rating_online"]
    assert rating.total == 9576
    assert [(p.name, p.value) for p in rating.parts] == [
        ("非常满意", 9471),
        ("满意", 105),
    ]
    (rate,) = [r for r in centre.rates if r.code == "rating_online_satisfaction"]
    assert (rate.numerator, rate.denominator, rate.text) == (9576, 9576, "100%")
    platform = {f.code: f for f in centre.defined}["platform_by_department"]
    assert ranking_sentence(platform) == (
        "统一平台办件前5位：州住房公积金管理中心1022件，州人力资源和社会保障局738件，"
        "州医疗保障局608件，州市场监督管理局520件，州公安局311件。"
    )


def test_the_demo_explains_its_warnings_by_its_own_source(haixi):
    """海西州's inconsistencies are explained as its 通报's, never as 海东's 第63期."""
    from submissions.models import FindingExplanation

    texts = set(
        FindingExplanation.objects.filter(report__centre__bureau=haixi).values_list(
            "text", flat=True
        )
    )
    assert texts == {"按原报送数据录入（2022年6月通报原文如此）。"}


def test_the_demo_reports_were_delivered_in_july_2022_not_today(haixi):
    """The workflow stamps today; the demo's June 2022 reports carry that
    month's reporting dates, so none reads as late (逾期) or submitted in 2026."""
    from submissions.models import MonthlyReport, ReportTransition

    reports = MonthlyReport.objects.filter(centre__bureau=haixi)
    assert reports.exists()
    for report in reports:
        assert not report.is_late, report
        assert report.submitted_at.date() == datetime.date(2022, 7, 4)
        assert report.approved_at.date() == datetime.date(2022, 7, 5)
    dates = {t.at.date() for t in ReportTransition.objects.filter(report__in=reports)}
    assert dates <= {datetime.date(2022, 7, 4), datetime.date(2022, 7, 5)}
