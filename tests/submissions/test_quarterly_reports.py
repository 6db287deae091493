"""A centre that only has quarterly figures enters them as one report (issue 14,
"Periods"; docs/workflow.md): opened for an ended quarter, refused beside the
quarter's monthly reports and vice versa, filled, validated, submitted, reviewed
and approved like a month's report."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from submissions import periods, services
from submissions.models import FigureValue, MonthlyReport
from submissions.validation import validate_report
from tests.factories import (
    EditorFactory,
    MonthlyReportFactory,
    case_inputs,
    cases_of,
    filled_report,
)
from tests.submissions.test_views_clerk import form_data

S = MonthlyReport.Status
QUARTERLY = MonthlyReport.PeriodType.QUARTER
TODAY = datetime.date(2021, 10, 20)  # the third quarter has just ended
Q3 = datetime.date(2021, 7, 1)


@pytest.fixture(autouse=True)
def today(monkeypatch, settings):
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    settings.REPORT_FIRST_MONTH = "2021-04"
    settings.REPORT_OPEN_MONTHS = 0


def open_quarter(client, quarter="2021-Q3"):
    return client.post(reverse("submissions:quarter_create"), {"quarter": quarter})


def page_after(client, response):
    return client.get(response.url).content.decode()


def test_clerk_opens_a_quarterly_report(login, clerk, centre):
    client = login(clerk)
    todo = client.get(reverse("submissions:todo"))
    assert todo.context["creatable_quarters"] == [
        ("2021-Q3", "2021年第三季度"),
        ("2021-Q2", "2021年第二季度"),
    ]

    response = open_quarter(client)

    report = MonthlyReport.objects.get(centre=centre)
    assert response.status_code == 302
    assert response.url == report.get_absolute_url()
    assert (report.month, report.period_type) == (Q3, QUARTERLY)
    assert report.months == (Q3, datetime.date(2021, 8, 1), datetime.date(2021, 9, 1))
    assert report.working_days == sum(
        periods.default_working_days(m) for m in report.months
    )
    assert report.deadline == periods.deadline(datetime.date(2021, 9, 1))
    assert report.transitions.get().actor == clerk
    assert str(report) == f"{centre.short_name} 2021年第三季度"

    todo = client.get(reverse("submissions:todo"))
    content = todo.content.decode()
    assert "2021年第三季度" in content and "季报" in content
    assert "2021-10-08" in content  # its deadline, in the list of reports
    # Neither the quarter nor its months can be opened again.
    assert todo.context["creatable_quarters"] == [("2021-Q2", "2021年第二季度")]
    assert not set(report.months) & set(todo.context["creatable"])
    # Overdue (due 2021-10-08): listed once, as the quarter, after the
    # second quarter's months that nobody opened.
    assert [o.label for o in todo.context["overdue"]] == [
        "2021年4月",
        "2021年5月",
        "2021年6月",
        "2021年第三季度",
    ]
    edit = client.get(report.get_absolute_url()).content.decode()
    assert "2021年第三季度报送" in edit

    # A second opening goes to the same report.
    open_quarter(client)
    assert MonthlyReport.objects.filter(centre=centre).count() == 1


def test_a_quarter_with_monthly_reports_refuses_a_quarterly_one(login, clerk, centre):
    MonthlyReportFactory(centre=centre, month=datetime.date(2021, 8, 1))
    MonthlyReportFactory(centre=centre, month=datetime.date(2021, 9, 1))
    client = login(clerk)

    response = open_quarter(client)

    assert response.url == reverse("submissions:todo")
    assert (
        "平安区2021年第三季度已有8月、9月的月报，季度数字由各月月报相加，不能再建立季报"
        in page_after(client, response)
    )
    assert MonthlyReport.objects.filter(centre=centre).count() == 2
    assert not MonthlyReport.objects.filter(period_type=QUARTERLY).exists()
    # Nor does the to-do offer it.
    todo = client.get(reverse("submissions:todo"))
    assert ("2021-Q3", "2021年第三季度") not in todo.context["creatable_quarters"]


@pytest.mark.parametrize("month", ["2021-07-01", "2021-09-01"])
def test_a_quarterly_report_refuses_a_monthly_one(login, clerk, centre, month):
    quarter = MonthlyReportFactory(centre=centre, month=Q3, period_type=QUARTERLY)
    client = login(clerk)

    response = client.post(reverse("submissions:report_create"), {"month": month})

    assert response.url == reverse("submissions:todo")
    shown = f"2021年{int(month[5:7])}月"
    assert (
        f"平安区已有2021年第三季度的季报，{shown}的数字包含在其中，不能再建立月报。"
        in page_after(client, response)
    )
    assert list(MonthlyReport.objects.filter(centre=centre)) == [quarter]


def test_the_service_refuses_the_mix_for_the_editor_too(centre, editor):
    MonthlyReportFactory(centre=centre, month=datetime.date(2021, 4, 1))
    with pytest.raises(services.PeriodTakenError):
        services.report_create(
            centre=centre,
            month=datetime.date(2021, 5, 1),
            user=editor,
            backfill=True,
            period_type=QUARTERLY,
        )
    assert MonthlyReport.objects.count() == 1


def test_a_quarter_not_ended_or_outside_the_window_is_refused(login, clerk, centre):
    client = login(clerk)
    for quarter in ("2021-Q4", "2021-Q1", "2021-Q9", "最近"):
        response = open_quarter(client, quarter)
        assert response.url == reverse("submissions:todo")
    assert not MonthlyReport.objects.exists()
    response = open_quarter(client, "2021-Q4")
    assert "2021年第四季度尚未结束" in page_after(client, response)


def test_a_quarterly_report_is_filled_submitted_and_approved(login, clerk, centre):
    editor = EditorFactory()
    client = login(clerk)
    open_quarter(client)
    report = MonthlyReport.objects.get(centre=centre)
    url = report.get_absolute_url()

    data = form_data(client, report)
    data.update(
        {
            **case_inputs(
                report,
                accepted_total=900,
                completed_total=900,
                categories={"行政许可事项": (400, 400), "公共服务事项": (500, 500)},
            ),
            "working_days": "93",  # more than the quarter's 92 days
        }
    )
    refused = client.post(url, data)
    assert refused.status_code == 422
    assert "不能超过92" in refused.content.decode()
    assert cases_of(report) == ((None, None, None), {})  # nothing saved

    data["working_days"] = "64"  # more than a month's 31: fine for a quarter
    assert client.post(url, data).status_code == 302
    report.refresh_from_db()
    assert (cases_of(report)[0][0], report.working_days) == (900, 64)
    assert len(cases_of(report)[1]) == 2
    assert [f for f in validate_report(report) if f.is_error] == []

    client.post(
        reverse("submissions:report_submit", args=[report.pk]),
        {"explanation-count": "0", "confirmed": "1"},
    )
    report.refresh_from_db()
    assert report.status == S.SUBMITTED

    reviewer = login(editor)
    overview = reviewer.get(reverse("submissions:review_overview") + "?month=2021-08")
    content = overview.content.decode()
    assert "季报 · 2021年第三季度" in content
    row = next(r for r in overview.context["rows"] if r["centre"] == centre)
    assert row["report"] == report
    review = reviewer.get(reverse("submissions:report_review", args=[report.pk]))
    assert "2021年第三季度" in review.content.decode()
    assert "与上季度对比" in review.content.decode()

    reviewer.post(
        reverse("submissions:report_approve", args=[report.pk]), {"confirmed": "1"}
    )
    report.refresh_from_db()
    assert report.status == S.APPROVED
    assert [t.to_status for t in report.transitions.all()] == [
        S.DRAFT,
        S.SUBMITTED,
        S.APPROVED,
    ]
    assert FigureValue.history.filter(
        report_id=report.pk, option=None, value=900
    ).exists()


def test_a_quarter_is_validated_against_the_quarter_before(centre, settings):
    """The change rule compares with the previous quarter's report, never with
    a month; working days are checked against the quarter's days."""
    filled_report(
        centre,
        datetime.date(2021, 4, 1),
        period_type=QUARTERLY,
        status=S.APPROVED,
        accepted_total=10000,
        completed_total=10000,
    )
    # A month's report just before (made directly: opening refuses it beside
    # the second quarter's) is not what a quarter compares with.
    filled_report(centre, datetime.date(2021, 6, 1), status=S.APPROVED)
    report = filled_report(
        centre,
        Q3,
        period_type=QUARTERLY,
        accepted_total=29447,
        completed_total=29447,
        working_days=93,
    )
    messages = {f.rule: f.message for f in validate_report(report)}
    assert messages["defined_change"].startswith(
        "“受理”29447件，较二季度的10000件增加了19447件"
    )
    assert messages["working_days_invalid"] == "工作日93天，超过本季度的92天。"


def test_validate_reports_lists_a_quarterly_report_under_its_months(centre, capsys):
    filled_report(centre, Q3, period_type=QUARTERLY, working_days=0)
    out = io.StringIO()
    call_command(
        "validate_reports", "--month", "2021-08", "--format", "json", stdout=out
    )
    rows = json.loads(out.getvalue())
    assert {(r["centre"], r["period"], r["rule"]) for r in rows} == {
        ("平安区政务服务中心", "2021年第三季度", "working_days_invalid")
    }
    text = io.StringIO()
    call_command("validate_reports", "--month", "2021-09", stdout=text)
    assert "平安区政务服务中心（2021年第三季度季报，草稿）" in text.getvalue()


def test_the_editor_cannot_backfill_a_month_of_a_quarterly_report(
    login, editor, centre
):
    MonthlyReportFactory(centre=centre, month=Q3, period_type=QUARTERLY)
    client = login(editor)
    response = client.post(
        reverse("submissions:report_backfill"),
        {"centre": centre.pk, "month": "2021-08-01"},
    )
    assert response.url == reverse("submissions:review_overview")
    assert "不能再建立月报" in page_after(client, response)
    assert MonthlyReport.objects.count() == 1


def test_the_editor_backfills_a_quarterly_report_from_the_quarters_last_month(
    login, editor, centre
):
    client = login(editor)
    overview = client.get(reverse("submissions:review_overview") + "?month=2021-09")
    content = overview.content.decode()
    assert "代为补报季报" in content and 'value="quarterly"' in content
    # Not in the quarter's other months.
    august = client.get(reverse("submissions:review_overview") + "?month=2021-08")
    assert "代为补报季报" not in august.content.decode()
    response = client.post(
        reverse("submissions:report_backfill"),
        {"centre": centre.pk, "month": "2021-09-01", "period_type": "quarterly"},
    )
    report = MonthlyReport.objects.get()
    assert (report.month, report.period_type) == (Q3, QUARTERLY)
    assert report.backfilled_by == editor
    assert response.url == report.get_absolute_url()
    assert "已代平安区建立2021年第三季度的报送" in page_after(client, response)
    # Asked again: the existing report is opened, never a second one.
    again = client.post(
        reverse("submissions:report_backfill"),
        {"centre": centre.pk, "month": "2021-07-01", "period_type": "quarterly"},
    )
    assert again.url == reverse("submissions:report_review", args=[report.pk])
    assert MonthlyReport.objects.count() == 1


def test_no_quarterly_backfill_over_a_reported_month_nor_before_the_quarter_ends(
    login, editor, centre
):
    client = login(editor)
    MonthlyReportFactory(centre=centre, month=datetime.date(2021, 7, 1))
    overview = client.get(reverse("submissions:review_overview") + "?month=2021-09")
    assert "代为补报季报" not in overview.content.decode()
    response = client.post(
        reverse("submissions:report_backfill"),
        {"centre": centre.pk, "month": "2021-09-01", "period_type": "quarterly"},
    )
    assert response.url == reverse("submissions:review_overview")
    assert "2021年7月" in page_after(client, response)
    # The quarter that has not ended (the clock is in October 2021).
    response = client.post(
        reverse("submissions:report_backfill"),
        {"centre": centre.pk, "month": "2021-10-01", "period_type": "quarterly"},
    )
    assert "不能代为建立" in page_after(client, response)
    assert MonthlyReport.objects.count() == 1


@pytest.mark.parametrize(
    "period_type", ["weekly", "QUARTERLY", "季报", "quarterly\x00", "m" * 500]
)
def test_a_backfill_with_an_unknown_period_type_is_refused_and_saves_nothing(
    login, editor, centre, period_type
):
    client = login(editor)
    response = client.post(
        reverse("submissions:report_backfill"),
        {"centre": centre.pk, "month": "2021-09-01", "period_type": period_type},
    )
    assert response.url == reverse("submissions:review_overview")
    assert "不能代为建立" in page_after(client, response)
    assert not MonthlyReport.objects.exists()
