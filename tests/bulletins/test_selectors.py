"""What bulletins reads from submissions and transactions: approved figures only,
quarters summed, a constant number of queries."""

import datetime
import io
from decimal import Decimal

import pytest

from bulletins.composition import compose_document
from bulletins.periods import Period
from bulletins.selectors import missing_reports, period_figures, sum_given
from submissions.models import Centre, MonthlyReport, WorkItem
from tests.bulletins import june_2021
from tests.factories import (
    CASE_OPTION_IDS,
    MonthlyReportFactory,
    compose_june,
    default_bureau,
    department,
    department_values,
    hotline_values,
    rating_values,
    unit_cases,
)
from transactions import demo as trades_demo

pytestmark = pytest.mark.django_db

JUNE = Period.month(2021, 6)
Q3 = Period.quarter(2021, 3)
APPROVED = MonthlyReport.Status.APPROVED


def centre(name="平安区政务服务中心", short="平安区", order=10, **kwargs):
    return Centre.objects.create(
        bureau=default_bureau(),
        name=name,
        short_name=short,
        kind=Centre.Kind.DISTRICT,
        order=order,
        **kwargs,
    )


def hall():
    return Centre.objects.create(
        bureau=default_bureau(),
        name="海东市行政服务和公共资源交易中心",
        short_name="市级大厅",
        kind=Centre.Kind.HALL,
        order=0,
    )


def report(centre, month=datetime.date(2021, 6, 1), status=APPROVED, **figures):
    """A report; its case figures by the former fields' names (``case_values``)."""
    return MonthlyReportFactory(centre=centre, month=month, status=status, **figures)


def test_sum_given_keeps_blank_apart_from_zero():
    assert sum_given([None, None]) is None
    assert sum_given([0, None]) == 0
    assert sum_given([1, 2, None]) == 3


def test_only_approved_reports_are_read():
    pingan = centre()
    ledu = centre("乐都区政务服务中心", "乐都区", 20)
    report(pingan, accepted_total=100)
    report(ledu, status=MonthlyReport.Status.SUBMITTED, accepted_total=999)

    figures = period_figures(JUNE, bureau=default_bureau())

    assert [c.name for c in figures.centres] == ["平安区政务服务中心"]
    assert unit_cases(figures.centres[0]).accepted == 100
    assert [(m.name, m.month) for m in figures.missing] == [
        ("乐都区政务服务中心", datetime.date(2021, 6, 1))
    ]
    # missing_reports also says what there is instead of an approved report.
    missing = missing_reports(JUNE, bureau=default_bureau())
    assert [(m.centre_id, m.month) for m in missing] == [
        (m.centre_id, m.month) for m in figures.missing
    ]
    assert [m.status for m in missing] == ["已提交"]


def test_inactive_centres_are_left_out():
    report(centre(is_active=False), accepted_total=5)
    figures = period_figures(JUNE, bureau=default_bureau())
    assert figures.centres == ()
    assert figures.missing == ()


def test_blank_and_zero_survive_as_none_and_0():
    pingan = centre()
    report(
        pingan,
        accepted_total=0,
        completed_total=None,
        categories={"行政许可事项": (0, None)},
    )

    figures = period_figures(JUNE, bureau=default_bureau()).centres[0]
    cases = unit_cases(figures)

    assert cases.accepted == 0
    assert cases.completed is None
    assert cases.categories[0].accepted == 0
    assert cases.categories[0].completed is None
    assert [f.code for f in figures.defined] == ["cases_accepted"]


def test_previous_month_comes_from_its_approved_report():
    pingan, ledu = centre(), centre("乐都区政务服务中心", "乐都区", 20)
    report(pingan, accepted_total=29447)
    report(pingan, month=datetime.date(2021, 5, 1), accepted_total=24236)
    report(ledu, accepted_total=10)
    report(
        ledu,
        month=datetime.date(2021, 5, 1),
        status=MonthlyReport.Status.RETURNED,
        accepted_total=8,
    )

    by_name = {
        c.short_name: c for c in period_figures(JUNE, bureau=default_bureau()).centres
    }

    assert unit_cases(by_name["平安区"]).previous_accepted == 24236
    assert (
        unit_cases(by_name["乐都区"]).previous_accepted is None
    )  # not approved: no comparison


def test_quarter_sums_its_approved_months():
    pingan = centre()
    for month, accepted, in_progress, days in [
        (7, 100, 5, 22),
        (8, 200, None, 22),
        (9, 300, 7, 20),
    ]:
        r = report(
            pingan,
            month=datetime.date(2021, month, 1),
            accepted_total=accepted,
            completed_total=accepted - 1,
            in_progress_total=in_progress,
            working_days=days,
            categories={"行政许可事项": (accepted, None)},
        )
        rating_values(r, "纸质评价", total=10, very_satisfied=month)
        hotline_values(r, received=month, complaints=None)
        WorkItem.objects.create(report=r, title=f"{month}月工作", order=1)
    for month, accepted in [(4, 90), (5, 90), (6, 90)]:
        report(pingan, month=datetime.date(2021, month, 1), accepted_total=accepted)

    figures = period_figures(Q3, bureau=default_bureau()).centres[0]
    cases = unit_cases(figures)

    assert figures.complete is True
    assert figures.months == tuple(Q3.months)
    assert cases.accepted == 600
    assert cases.completed == 597
    assert cases.in_progress == 7  # open at the end of September, not a sum
    assert figures.working_days == 64
    assert cases.previous_accepted == 270
    assert cases.categories[0].accepted == 600
    assert cases.categories[0].completed is None
    (paper,) = [f for f in figures.defined if f.code == "rating_paper"]
    assert paper.total == 30
    assert [(p.name, p.value) for p in paper.parts] == [("非常满意", 24)]
    (rate,) = [r for r in figures.rates if r.code == "rating_paper_satisfaction"]
    assert (rate.numerator, rate.denominator, rate.text) == (24, 30, "80%")
    (hotline,) = [f for f in figures.defined if f.code == "hotline_received"]
    assert hotline.total == 24
    assert hotline.parts == ()  # complaints blank in every month
    assert [w.title for w in figures.work_items] == ["7月工作", "8月工作", "9月工作"]


def test_quarter_with_a_month_missing_is_partial_and_has_no_comparison():
    pingan = centre()
    report(pingan, month=datetime.date(2021, 7, 1), accepted_total=100)
    report(pingan, month=datetime.date(2021, 8, 1), accepted_total=100)
    report(pingan, month=datetime.date(2021, 4, 1), accepted_total=10)
    report(pingan, month=datetime.date(2021, 5, 1), accepted_total=10)

    figures = period_figures(Q3, bureau=default_bureau())

    assert figures.centres[0].complete is False
    assert unit_cases(figures.centres[0]).previous_accepted is None  # no June
    assert [m.month for m in figures.missing] == [datetime.date(2021, 9, 1)]


def test_the_figure_table_lists_active_options_and_any_with_figures():
    """附件1 as a figure table: the breakdown's active options in order, an
    inactive one only with a figure; blanks blank, 0 printed, the note kept."""
    r = report(hall())
    police = department("市公安局", order=1)
    department("民政局", order=2)
    department("已撤并局", order=3, is_active=False)
    closed = department("已撤并但有数", order=4, is_active=False)
    department_values(r, police, service_accepted=1687, service_completed=1687)
    department_values(r, closed, licensing_accepted=0, note="6月撤并")

    table = compose_june().attachments[0].table

    assert [row[1].text for row in table.rows] == ["市公安局", "民政局", "已撤并但有数"]
    police_row, civil, closed_row = ([cell.text for cell in row] for row in table.rows)
    assert police_row[2:] == ["", "", "", "1687", "1687", "100", ""]
    assert civil[2:] == ["", "", "", "", "", "", ""]
    assert closed_row[2:] == ["0", "", "", "", "", "", "6月撤并"]
    assert [c.text for c in table.totals] == [
        "合计",
        "",
        "0",
        "",
        "",
        "1687",
        "1687",
        "100",
        "",
    ]


def test_no_figure_table_without_figures():
    report(hall())
    department("市公安局", order=1)
    assert all(a.key != "figure_table" for a in compose_june().attachments)


def test_trades_come_from_the_aggregation():
    trades_demo.load(io.StringIO())
    trades = period_figures(JUNE, bureau=default_bureau()).trades
    assert trades.total.count == 224
    assert trades.total.amount == Decimal("772660000")
    assert len(trades.leaves) == 13


def test_seed_report_ids_are_all_approved_june_reports():
    june_2021.load()
    figures = period_figures(JUNE, bureau=default_bureau())
    expected = set(
        MonthlyReport.objects.filter(month=datetime.date(2021, 6, 1)).values_list(
            "id", flat=True
        )
    )
    assert set(figures.report_ids) == expected
    assert [c.short_name for c in figures.centres] == [
        "平安区",
        "乐都区",
        "互助县",
        "循化县",
        "民和县",
        "化隆县",
    ]


def _many_centres(count: int) -> None:
    the_hall = hall()
    hall_report = report(the_hall)
    for n in range(5):
        department_values(
            hall_report, department(f"市局{n}", order=n), licensing_accepted=n
        )
    for n in range(count):
        c = centre(f"测试{n}县政务服务中心", f"测试{n}县", 10 + n)
        report(c, month=datetime.date(2021, 5, 1), accepted_total=n)
        r = report(
            c,
            accepted_total=n + 10,
            working_days=21,
            categories=dict.fromkeys(CASE_OPTION_IDS, (n, None)),
        )
        rating_values(r, "纸质评价", total=n)
        hotline_values(r, received=n)
        for i in range(3):
            WorkItem.objects.create(report=r, title=f"工作{i}", body="一。\n二。")


# Centres, reports, figure values (the hotline's), case counts, ratings,
# work items, the previous period's totals, the breakdowns' options, the
# option notes, rate definitions (none here, so their options cost nothing),
# and 3 for the trades.
QUERY_BOUND = 15


@pytest.mark.parametrize("count", [3, 20])
def test_selector_queries_do_not_grow_with_centres(
    count, django_assert_max_num_queries
):
    _many_centres(count)
    bureau = default_bureau()
    with django_assert_max_num_queries(QUERY_BOUND):
        figures = period_figures(JUNE, bureau=bureau)
    assert len(figures.centres) == count
    assert all(len(c.work_items) == 3 for c in figures.centres)


@pytest.mark.parametrize("count", [3, 20])
def test_composition_queries_do_not_grow_with_centres(
    count, django_assert_max_num_queries
):
    _many_centres(count)
    bureau = default_bureau()
    with django_assert_max_num_queries(QUERY_BOUND):
        document = compose_document(
            bureau=bureau,
            series_title="海东政务服务动态",
            publisher="海东市政务服务监督管理局",
            issue_label="第1期",
            publication_date=datetime.date(2021, 7, 6),
            period=JUNE,
        )
    assert len(document.sections[1].blocks) == count
