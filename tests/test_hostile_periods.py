"""Finding 1 of the hardening issue: absurd periods (9999-12, 0001-01, year 0).

A period enters through one gate (``config.periods``): a URL answers 404, a form
a Chinese error naming the range, a command a ``CommandError``; and rows stored
before the gate existed still render, because the month arithmetic saturates at
the ends of the calendar instead of raising.
"""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from bulletins.forms import IssueCreateForm
from config import periods
from submissions.models import MonthlyReport
from tests.factories import MonthlyReportFactory, SeriesFactory, TradeFactory
from tests.factories.bureaus import default_bureau
from transactions.models import Trade
from transactions.services import trades_import

D = datetime.date
TODAY = D(2026, 11, 30)
ABSURD_MONTHS = ["9999-12", "0001-01", "1999-12", "2027-01"]


# --- the gate ------------------------------------------------------------------


@pytest.mark.parametrize("text", ABSURD_MONTHS)
def test_months_outside_the_range_are_refused_naming_the_range(text):
    with pytest.raises(periods.OutOfRange) as refused:
        periods.parse_month(text, today=TODAY)
    assert str(refused.value) == (
        f"月份“{text}”超出范围：应在2000年1月至2026年12月之间。"
    )


@pytest.mark.parametrize("text", ["2000-01", "2021-06", "2026-12"])
def test_months_inside_the_range_are_accepted(text):
    year, month = map(int, text.split("-"))
    assert periods.parse_month(text, today=TODAY) == D(year, month, 1)


@pytest.mark.parametrize(
    "text", ["2021-13", "2021-00", "0000-01", "六月", "2021/06", "", "99999-01"]
)
def test_malformed_months_are_refused(text):
    with pytest.raises(periods.PeriodError, match="月份格式应为"):
        periods.parse_month(text, today=TODAY)


def test_quarters_have_the_same_range():
    assert periods.parse_quarter("2027-Q1", today=TODAY) == (2027, 1)
    assert periods.parse_quarter("2000Q1", today=TODAY) == (2000, 1)
    for text in ("2027-Q2", "1999-Q4", "9999-Q4", "0001-Q1"):
        with pytest.raises(periods.OutOfRange, match="应在2000-Q1至2027-Q1之间"):
            periods.parse_quarter(text, today=TODAY)


def test_the_bureaus_first_month_is_read_from_the_settings(settings):
    settings.REPORT_FIRST_MONTH = "2015-03"
    assert periods.configured_first_month() == D(2015, 3, 1)
    settings.REPORT_FIRST_MONTH = ""
    assert periods.configured_first_month() is None
    assert periods.first_month() == D(2000, 1, 1)


def test_month_arithmetic_at_the_ends_of_the_calendar_never_raises():
    assert periods.next_month(D(9999, 12, 1)) == D(9999, 12, 1)
    assert periods.previous_month(D(1, 1, 1)) == D(1, 1, 1)
    assert periods.month_end(D(9999, 12, 1)) == D(9999, 12, 31)
    assert periods.next_month(D(2021, 12, 1)) == D(2022, 1, 1)
    assert periods.previous_month(D(2021, 1, 1)) == D(2020, 12, 1)
    from bulletins.periods import Period
    from submissions.periods import deadline

    assert Period.month(9999, 12).next == Period.month(9999, 12)
    assert Period.month(1, 1).previous == Period.month(1, 1)
    assert Period.quarter(9999, 4).end == D(9999, 12, 31)
    assert deadline(D(9999, 12, 1)) <= D.max


def test_a_month_in_a_url_is_checked_the_same_way():
    assert periods.month_from_url(2021, 6) == D(2021, 6, 1)
    for year, month in [(9999, 12), (1, 1), (2021, 13), (10**20, 1)]:
        with pytest.raises(periods.PeriodError):
            periods.month_from_url(year, month)


# --- the clerk: creating a report for 9999-12 / 0001-01 --------------------------


@pytest.mark.parametrize(
    ("month", "shown"),
    [
        ("9999-12-01", "9999年12月"),
        ("0001-01-01", "1年1月"),
        ("1999-12-01", "1999年12月"),
    ],
)
def test_a_clerk_cannot_create_a_report_for_an_absurd_month(
    login, clerk, centre, month, shown
):
    client = login(clerk)
    response = client.post(
        reverse("submissions:report_create"), {"month": month}, follow=True
    )
    assert response.status_code == 200
    assert not MonthlyReport.objects.exists()
    assert f"{shown}不在可填报的月份范围（" in response.content.decode()


@pytest.mark.parametrize("month", ["9999-12-01", "0001-01-01"])
def test_the_create_form_refuses_an_absurd_month_for_every_role(db, month):
    """The clerk's, the editor's back-fill and the reminder forms share it."""
    from submissions.forms import BackfillForm, CreateReportForm, ReminderForm

    bureau = default_bureau()
    for form in (
        CreateReportForm({"month": month}),
        BackfillForm({"month": month}, bureau=bureau),
        ReminderForm({"month": month}, bureau=bureau),
    ):
        assert not form.is_valid()
        assert f"月份“{month[:7]}”超出范围" in form.errors["month"][0]


@pytest.mark.parametrize("month", [D(9999, 12, 1), D(1, 1, 1)])
def test_a_report_stored_for_an_absurd_month_breaks_no_page(
    login, clerk, editor, centre, month
):
    """A row from before the gate: every page that lists or shows it renders."""
    report = MonthlyReportFactory(centre=centre, month=month)
    clerk_client = login(clerk)
    assert clerk_client.get(reverse("submissions:todo")).status_code == 200
    assert clerk_client.get(report.get_absolute_url()).status_code == 200
    editor_client = login(editor)
    assert editor_client.get(reverse("submissions:review_overview")).status_code == 200
    review = reverse("submissions:report_review", args=[report.pk])
    assert editor_client.get(review).status_code == 200


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "2021-13", "x" * 300])
def test_the_review_overview_answers_404_for_an_absurd_month(login, editor, month):
    response = login(editor).get(
        reverse("submissions:review_overview"), {"month": month}
    )
    assert response.status_code == 404


# --- the editor: trades list and manual totals -------------------------------------


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "1999-12"])
def test_the_trades_list_refuses_an_absurd_month_with_a_form_error(
    login, editor, month
):
    response = login(editor).get(reverse("transactions:trade_list"), {"month": month})
    assert response.status_code == 200
    assert f"月份“{month}”超出范围" in response.content.decode()


def test_a_trade_stored_on_the_last_day_of_the_calendar_breaks_no_page(login, editor):
    TradeFactory(date=D(9999, 12, 31))
    TradeFactory(date=D(2021, 6, 15))
    client = login(editor)
    response = client.get(reverse("transactions:trade_list"))
    assert response.status_code == 200
    assert response.context["month"] == D(2021, 6, 1)  # not year 9999


@pytest.mark.parametrize(
    ("year", "month"),
    [(9999, 12), (0, 1), (1, 1), (2021, 13), (2021, 0), (10**20, 1), (2999, 6)],
)
def test_manual_totals_answer_404_for_absurd_years_and_months(
    login, editor, year, month
):
    url = f"/trades/totals/{year}/{month}/"
    assert login(editor).get(url).status_code == 404


def test_manual_totals_of_a_sane_month_still_render(login, editor):
    url = reverse("transactions:monthly_totals", args=[2021, 6])
    assert login(editor).get(url).status_code == 200


def test_the_trade_form_refuses_a_date_out_of_range(login, editor):
    from tests.factories import trade_category

    response = login(editor).post(
        reverse("transactions:trade_create"),
        {
            "code": "HD-9999",
            "name": "路",
            "category": trade_category().pk,
            "date": "9999-12-31",
            "amount": "100",
        },
    )
    assert response.status_code == 200
    assert "日期“9999-12-31”超出范围：应在2000-01-01至" in response.content.decode()
    assert not Trade.objects.exists()


def test_the_trade_import_refuses_a_date_out_of_range(db):
    text = (
        "项目编号,项目名称,交易类型,成交日期,成交金额（元）\n"
        "A1,路,房屋建筑,9999-12-31,100\n"
    )
    summary = trades_import(
        bureau=default_bureau(),
        source=io.BytesIO(text.encode()),
        name="t.csv",
        size=len(text.encode()),
    )
    assert not summary.ok
    assert "日期“9999-12-31”超出范围" in str(summary.problems[0])
    assert not Trade.objects.exists()


# --- composing and commands --------------------------------------------------------


@pytest.mark.parametrize("text", ["9999-12", "0001-01", "1999-12"])
def test_the_new_issue_form_refuses_an_absurd_period(db, text):
    series = SeriesFactory()
    form = IssueCreateForm({"series": series.pk, "period": text}, bureau=series.bureau)
    assert not form.is_valid()
    assert "超出范围" in form.errors["period"][0]


@pytest.mark.parametrize("command", ["compose_issue", "validate_reports"])
def test_commands_refuse_an_absurd_month(db, command):
    with pytest.raises(CommandError, match="月份“9999-12”超出范围"):
        call_command(command, "--month", "9999-12")
