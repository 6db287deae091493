"""After approving or returning a report the editor is led to the next one
waiting for review (issue 16, finding 7)."""

import datetime

import pytest
from django.urls import reverse

from submissions.models import MonthlyReport
from submissions.views.editor import NEXT_WAITING, NONE_WAITING
from tests.factories import CentreFactory, MonthlyReportFactory

S = MonthlyReport.Status
JUNE = datetime.date(2021, 6, 1)


@pytest.fixture
def waiting(centre, other_centre):
    third = CentreFactory(name="互助县政务服务中心", short_name="互助县", order=30)
    return [
        MonthlyReportFactory(centre=c, month=month, status=S.SUBMITTED)
        for c, month in (
            (centre, JUNE),
            (other_centre, datetime.date(2021, 5, 1)),
            (third, JUNE),
        )
    ]


OK = {"confirmed": "1"}  # the steps' confirmation (config/confirm.py)


def review_url(report):
    return reverse("submissions:report_review", args=[report.pk])


def test_approve_leads_to_the_next_report_of_the_same_month(login, editor, waiting):
    first, older, same_month = waiting
    client = login(editor)
    response = client.post(
        reverse("submissions:report_approve", args=[first.pk]), OK, follow=True
    )
    assert response.redirect_chain[-1][0] == review_url(same_month)
    assert NEXT_WAITING.format(report=same_month) in response.content.decode()


def test_return_leads_on_then_the_oldest_month_then_the_overview(
    login, editor, waiting
):
    first, older, same_month = waiting
    client = login(editor)
    client.post(reverse("submissions:report_approve", args=[first.pk]), OK)
    response = client.post(
        reverse("submissions:report_return", args=[same_month.pk]),
        {"comment": "请核对", **OK},
    )
    assert response.url == review_url(older)
    response = client.post(
        reverse("submissions:report_approve", args=[older.pk]), OK, follow=True
    )
    assert response.redirect_chain[-1][0] == (
        reverse("submissions:review_overview") + "?month=2021-05"
    )
    assert NONE_WAITING in response.content.decode()


def test_a_refused_decision_stays_on_the_report(login, editor, waiting):
    first = waiting[0]
    response = login(editor).post(
        reverse("submissions:report_return", args=[first.pk]), {"comment": "", **OK}
    )
    assert response.url == review_url(first)
