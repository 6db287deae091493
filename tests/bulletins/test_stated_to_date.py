"""A stated year-to-date value (issue 14): where earlier months were never
entered, the unit states its 1至本月 total; it is printed as stated and flagged,
never mixed into the period's own figure, and never replaces a complete sum."""

import datetime

import pytest
from django.urls import reverse

from bulletins.composition import open_figures
from bulletins.periods import Period
from bulletins.selectors import period_figures
from submissions.history import field_history
from submissions.models import FigureDefinition, FigureValue, MonthlyReport
from tests.factories import (
    SHIPPED_CASES,
    CentreFactory,
    ClerkFactory,
    EditorFactory,
    MonthlyReportFactory,
    default_bureau,
)
from tests.submissions.test_definitions import form_data

pytestmark = pytest.mark.django_db

APPROVED = MonthlyReport.Status.APPROVED
JUNE = datetime.date(2021, 6, 1)


@pytest.fixture
def consult(db):
    return FigureDefinition.objects.create(
        bureau=default_bureau(), code="consult", name="咨询", unit="件"
    )


@pytest.fixture
def centre(db):
    return CentreFactory(name="平安区政务服务中心", short_name="平安区", order=10)


def test_a_stated_total_is_printed_where_months_are_missing(login, consult, centre):
    report = MonthlyReportFactory(centre=centre, month=JUNE)
    client = login(ClerkFactory(username="clerk_p", centre=centre))
    page = client.get(reverse("submissions:report_edit", args=[report.pk]))
    assert "咨询·1至本月累计（件）" in page.content.decode()
    data = form_data(page)
    data.update({f"defined-d{consult.pk}": "20", f"defined-d{consult.pk}_ytd": "120"})
    response = client.post(reverse("submissions:report_edit", args=[report.pk]), data)
    assert response.status_code == 302
    stored = {v.to_date: v.value for v in FigureValue.objects.filter(report=report)}
    assert stored == {False: 20, True: 120}
    assert "指标·咨询·1至本月累计" in {c.section for c in field_history(report)}

    MonthlyReport.objects.filter(pk=report.pk).update(status=APPROVED)
    june = period_figures(Period.month(2021, 6), bureau=default_bureau())
    (unit,) = june.centres
    # The month's own figure is the month's; the year's is the stated one.
    assert [f.total for f in unit.defined] == [20]
    to_date = unit.year_to_date
    assert to_date.complete is False
    assert [f.total for f in to_date.defined] == [120]
    assert to_date.stated == ("consult",)
    data = open_figures(june, SHIPPED_CASES)["centres"][0]["year_to_date"]
    assert data["figures"][0]["total"] == 120
    assert data["figures"][0]["to_date_stated"] is True


def test_a_complete_year_prints_its_sum_and_flags_a_different_stated_total(
    consult, centre
):
    for month in range(1, 7):
        report = MonthlyReportFactory(
            centre=centre, month=datetime.date(2021, month, 1), status=APPROVED
        )
        FigureValue.objects.create(report=report, definition=consult, value=10)
    FigureValue.objects.create(
        report=report, definition=consult, value=100, to_date=True
    )
    june = period_figures(Period.month(2021, 6), bureau=default_bureau())
    to_date = june.centres[0].year_to_date
    assert to_date.complete is True
    assert [f.total for f in to_date.defined] == [60]
    assert to_date.stated == ()
    data = open_figures(june, SHIPPED_CASES)["centres"][0]["year_to_date"]
    assert data["figures"][0]["to_date_stated"] is False
    assert data["stated_beside"] == [{"code": "consult", "stated_total": 100}]


def test_the_editor_sees_the_stated_total_on_the_review(login, consult, centre):
    report = MonthlyReportFactory(
        centre=centre, month=JUNE, status=MonthlyReport.Status.SUBMITTED
    )
    FigureValue.objects.create(report=report, definition=consult, value=20)
    FigureValue.objects.create(
        report=report, definition=consult, value=120, to_date=True
    )
    client = login(EditorFactory(username="editor_p"))
    page = client.get(reverse("submissions:report_review", args=[report.pk]))
    html = page.content.decode()
    assert page.context["to_date"] == [("咨询", "120件")]
    assert "1至本月累计（填报数）" in html
    assert '<td>咨询</td><td class="figure-num">120件</td>' in html
    # A report without one shows no such table.
    FigureValue.objects.filter(to_date=True).delete()
    page = client.get(reverse("submissions:report_review", args=[report.pk]))
    assert page.context["to_date"] == []
    assert "1至本月累计（填报数）" not in page.content.decode()
