"""Working days from the Chinese working calendar; deadlines on working days."""

import datetime
import doctest

import pytest

from submissions import periods
from submissions.models import MonthlyReport
from tests.factories import MonthlyReportFactory

D = datetime.date


def test_doctests():
    assert doctest.testmod(periods).failed == 0


@pytest.mark.parametrize(
    "month, days",
    [
        (D(2021, 6, 1), 21),  # 民和县's figure in the seed; 6-14 端午节 off
        (D(2021, 10, 1), 17),  # National Day week off, 10-9 Saturday worked
        (D(2021, 9, 1), 22),  # 9-18 Saturday worked, 9-20/21 中秋 off
        (D(2021, 2, 1), 17),  # Spring Festival off, 2-7 and 2-20 worked
    ],
)
def test_default_working_days(month, days):
    assert periods.default_working_days(month) == days


@pytest.mark.parametrize(
    "month, due",
    [
        (D(2021, 6, 1), D(2021, 7, 5)),  # a Monday
        (D(2021, 5, 1), D(2021, 6, 7)),  # 6-5 is a Saturday
        (D(2021, 9, 1), D(2021, 10, 8)),  # National Day holiday
        (D(2021, 12, 1), D(2022, 1, 5)),  # into the next year
    ],
)
def test_deadline_moves_to_next_working_day(month, due, settings):
    settings.REPORT_DEADLINE_DAY = 5
    assert periods.deadline(month) == due


def test_deadline_day_is_configurable(settings):
    settings.REPORT_DEADLINE_DAY = 10
    assert periods.deadline(D(2021, 6, 1)) == D(2021, 7, 12)  # 7-10 Saturday
    settings.REPORT_DEADLINE_DAY = 31
    assert periods.deadline(D(2021, 1, 1)) == D(2021, 3, 1)  # 2-28 is a Sunday


def test_a_make_up_saturday_is_a_working_day():
    assert periods.is_working_day(D(2021, 9, 18))


def test_months():
    assert periods.previous_month(D(2021, 1, 1)) == D(2020, 12, 1)
    assert periods.next_month(D(2021, 12, 1)) == D(2022, 1, 1)
    assert periods.reporting_month(D(2021, 7, 3)) == D(2021, 6, 1)


def test_late_against_the_deadline(centre, settings):
    settings.REPORT_DEADLINE_DAY = 5
    report = MonthlyReportFactory(centre=centre, month=D(2021, 6, 1))
    from django.utils import timezone

    report.submitted_at = timezone.make_aware(datetime.datetime(2021, 7, 5, 23, 0))
    assert not report.is_late
    report.submitted_at = timezone.make_aware(datetime.datetime(2021, 7, 6, 8, 0))
    assert report.is_late
    report.submitted_at = None
    assert report.is_late  # still not submitted, long past July 2021
    assert MonthlyReport  # noqa: B018


def test_punctuality_is_judged_by_the_first_submission(
    centre, clerk, editor, monkeypatch
):
    from django.utils import timezone

    from submissions.validation import rules

    monkeypatch.setattr(rules, "RULES", [])
    report = MonthlyReportFactory(centre=centre, month=D(2021, 6, 1))
    on_time = timezone.make_aware(datetime.datetime(2021, 7, 2, 9, 0))
    monkeypatch.setattr(timezone, "now", lambda: on_time)
    report.submit(clerk)
    report.return_for_changes(editor, "请核对")
    monkeypatch.setattr(
        timezone, "now", lambda: timezone.make_aware(datetime.datetime(2021, 7, 9))
    )
    report.submit(clerk)
    report.refresh_from_db()
    assert report.first_submitted_at == on_time
    assert report.submitted_at > report.first_submitted_at
    assert not report.is_late
