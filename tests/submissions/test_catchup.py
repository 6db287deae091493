"""Catching up (issue 16, finding 1): any month from the bureau's first reporting
month to the one just ended, the overdue months listed with their years, and the
editor opening a report on a centre's behalf, recorded as such."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from submissions import catchup, periods, services
from submissions.models import MonthlyReport
from tests.factories import MonthlyReportFactory, default_bureau

S = MonthlyReport.Status
TODAY = datetime.date(2021, 10, 20)  # September 2021 is the month just ended


@pytest.fixture(autouse=True)
def today(monkeypatch, settings):
    """The views' and models' "today", kept to 2021-10-20."""
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    settings.REPORT_FIRST_MONTH = "2021-06"
    settings.REPORT_OPEN_MONTHS = 0
    return TODAY


def create(client, month):
    return client.post(reverse("submissions:report_create"), {"month": month})


def test_opening_window_runs_from_the_first_month_to_the_one_just_ended():
    assert periods.opening_window(TODAY, datetime.date(2021, 6, 1)) == [
        datetime.date(2021, 6, 1),
        datetime.date(2021, 7, 1),
        datetime.date(2021, 8, 1),
        datetime.date(2021, 9, 1),
    ]
    assert periods.opening_window(TODAY, datetime.date(2021, 6, 1), months=2) == [
        datetime.date(2021, 8, 1),
        datetime.date(2021, 9, 1),
    ]


def test_without_a_configured_first_month_the_earliest_report_is_the_first(
    settings, centre
):
    settings.REPORT_FIRST_MONTH = ""
    MonthlyReportFactory(centre=centre, month=datetime.date(2021, 7, 1))
    assert catchup.first_month(default_bureau()) == datetime.date(2021, 7, 1)


def test_clerk_catches_up_on_a_month_long_past(login, clerk, centre):
    client = login(clerk)
    response = create(client, "2021-06-01")
    report = MonthlyReport.objects.get(centre=centre, month=datetime.date(2021, 6, 1))
    assert response.status_code == 302
    assert response.url == report.get_absolute_url()
    assert report.backfilled_by is None


@pytest.mark.parametrize(
    ("month", "shown"),
    [("2021-05-01", "2021年5月"), ("2021-10-01", "2021年10月")],
)
def test_months_outside_the_window_are_refused_and_nothing_created(
    login, clerk, centre, month, shown
):
    client = login(clerk)
    response = create(client, month)
    assert response.status_code == 302
    assert response.url == reverse("submissions:todo")
    page = client.get(response.url).content.decode()
    assert (
        catchup.OUTSIDE_WINDOW.format(month=shown, first="2021年6月", last="2021年9月")
        in page
    )
    assert not MonthlyReport.objects.exists()


def test_opening_window_can_be_narrowed(login, clerk, centre, settings):
    settings.REPORT_OPEN_MONTHS = 2
    client = login(clerk)
    create(client, "2021-07-01")
    assert not MonthlyReport.objects.exists()
    create(client, "2021-08-01")
    assert MonthlyReport.objects.get().month == datetime.date(2021, 8, 1)


def test_todo_lists_every_overdue_month_with_its_year(login, clerk, centre):
    MonthlyReportFactory(
        centre=centre, month=datetime.date(2021, 6, 1), status=S.APPROVED
    )
    MonthlyReportFactory(centre=centre, month=datetime.date(2021, 7, 1), status=S.DRAFT)
    response = login(clerk).get(reverse("submissions:todo"))
    content = response.content.decode()
    overdue = response.context["overdue"]
    # June is approved; July (draft) and August (missing) are past their
    # deadlines; September is due on 2021-10-08, before "today" (10-20).
    assert [o.month for o in overdue] == [
        datetime.date(2021, 7, 1),
        datetime.date(2021, 8, 1),
        datetime.date(2021, 9, 1),
    ]
    assert "逾期未报（3项）" in content
    assert "继续填报2021年7月" in content
    assert "补报2021年8月" in content
    assert "补报2021年9月" in content
    assert "已逾期 12 天" in content  # September: due 2021-10-08
    # the next thing to do names its year
    assert "继续填报（草稿）" in content
    assert response.context["due_month"] == datetime.date(2021, 7, 1)
    # months that may still be created, newest first, with their years
    assert response.context["creatable"] == [
        datetime.date(2021, 9, 1),
        datetime.date(2021, 8, 1),
    ]
    assert ">2021年8月</option>" in content


def test_start_button_names_the_year(login, clerk, centre, settings):
    settings.REPORT_FIRST_MONTH = "2021-09"
    content = login(clerk).get(reverse("submissions:todo")).content.decode()
    assert "开始填报2021年9月" in content


def test_editor_backfills_any_month_for_any_centre(login, editor, clerk, centre):
    client = login(editor)
    response = client.post(
        reverse("submissions:report_backfill"),
        {"centre": centre.pk, "month": "2020-03-01"},
    )
    report = MonthlyReport.objects.get(centre=centre, month=datetime.date(2020, 3, 1))
    assert response.url == report.get_absolute_url()
    assert report.backfilled_by == editor
    step = report.transitions.get()
    assert (step.actor, step.comment) == (editor, services.BACKFILLED)
    # the editor fills it like a clerk would, and every screen says who opened it
    page = client.get(report.get_absolute_url())
    assert page.status_code == 200
    assert "本报送由编辑" in page.content.decode()
    review = client.get(reverse("submissions:report_review", args=[report.pk]))
    assert "代为建立（补报）" in review.content.decode()
    # the centre's clerk sees it as theirs
    todo = login(clerk).get(reverse("submissions:todo"))
    assert report in todo.context["reports"]


def test_editor_may_not_backfill_a_month_not_yet_ended(login, editor, centre):
    client = login(editor)
    response = client.post(
        reverse("submissions:report_backfill"),
        {"centre": centre.pk, "month": "2021-10-01"},
        follow=True,
    )
    assert "不能代为建立" in response.content.decode()
    assert not MonthlyReport.objects.exists()


def test_editor_may_not_fill_a_report_the_centre_opened(login, editor, centre):
    report = MonthlyReportFactory(centre=centre, month=datetime.date(2021, 8, 1))
    client = login(editor)
    assert client.get(report.get_absolute_url()).status_code == 403
    response = client.post(
        report.get_absolute_url(), {"version": "1", "working_days": "5"}
    )
    assert response.status_code == 403
    assert MonthlyReport.objects.get(pk=report.pk).working_days is None


def test_overview_offers_backfill_for_a_missing_centre(login, editor, centre):
    response = login(editor).get(
        reverse("submissions:review_overview") + "?month=2021-08"
    )
    content = response.content.decode()
    assert reverse("submissions:report_backfill") in content
    assert "代为补报" in content
