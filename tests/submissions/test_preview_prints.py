"""The clerk's "as the bulletin prints it" panel says what the issue prints.

One figure type per concept (``submissions.figure_types``) flows from the form
and the selectors to the same sentence functions, so the panel and the composed
issue cannot disagree (they did: 12345 daily average over working days on the
form, over calendar days in print; 较5月份的7件持平 against 与5月份的7件持平).
"""

import datetime

import pytest
from django.urls import reverse

from bulletins.composition import compose_document
from bulletins.periods import Period
from submissions.models import MonthlyReport
from tests.factories import (
    MonthlyReportFactory,
    case_values,
    default_bureau,
    hotline_inputs,
    hotline_values,
    rating_values,
)
from tests.submissions.test_views_clerk import form_data

pytestmark = pytest.mark.django_db

MAY, JUNE = datetime.date(2021, 5, 1), datetime.date(2021, 6, 1)
ISSUE = {
    "series_title": "海东政务服务动态",
    "publisher": "海东市政务服务监督管理局",
    "issue_label": "第63期",
    "publication_date": datetime.date(2021, 7, 6),
}


@pytest.fixture
def june(centre):
    MonthlyReportFactory(
        centre=centre,
        month=MAY,
        accepted_total=7,
        status=MonthlyReport.Status.APPROVED,
    )
    report = MonthlyReportFactory(
        centre=centre, month=JUNE, accepted_total=7, working_days=21
    )
    # 100 received: 5 a day over 21 working days, 3 over June's 30 days.
    hotline_values(report, received=100, completed=90, help_requests=30)
    rating_values(report, "纸质评价", total=10, very_satisfied=9, satisfied=1)
    return report


def preview(client, report):
    response = client.get(reverse("submissions:report_edit", args=[report.pk]))
    return {s.title: dict(s.rows) for s in response.context["sections"]}


def printed_rows(client, report, title):
    """Every paragraph of the issue a panel section shows, in order."""
    response = client.get(reverse("submissions:report_edit", args=[report.pk]))
    (section,) = [s for s in response.context["sections"] if s.title == title]
    return [value for label, value in section.rows if label == "公报文字"]


def composed(report):
    MonthlyReport.objects.filter(pk=report.pk).update(
        status=MonthlyReport.Status.APPROVED
    )
    document = compose_document(
        **ISSUE, bureau=default_bureau(), period=Period.month(2021, 6)
    )
    key = f"centre.{report.centre_id}"
    texts = {p.key: p.text for p in document.iter_paragraphs()}
    return {name: texts[f"{key}.{name}"] for name in ("summary", "ratings", "figures")}


def test_the_panel_prints_the_issues_own_sentences(login, clerk, june):
    """The panel renders the bureau's profile (版式) for the one report: the
    very paragraphs the composed issue prints."""
    client = login(clerk)
    shown = preview(client, june)
    printed = composed(june)

    assert shown["其他指标"]["公报文字"] == printed["figures"]
    assert "日均受理3件" in printed["figures"]

    assert shown["办件总体"]["公报文字"] == printed["summary"]
    assert "与5月份的7件持平" in printed["summary"]

    assert printed_rows(client, june, "其他指标") == [
        printed["ratings"],
        printed["figures"],
    ]
    assert (
        "共收到纸质评价10条，其中：非常满意9条，满意1条，满意率100%"
        in (printed["ratings"])
    )


def test_the_panel_follows_the_bureaus_profile(login, clerk, june):
    """The panel words the report as the bureau's (first monthly) series does."""
    from bulletins.profiles import spec
    from bulletins.profiles.services import save_profile
    from tests.factories import SeriesFactory

    def with_hotline(series, template):
        data = spec.load(spec.dump(series.current_profile().spec))
        centres = data["blocks"][1]["blocks"][0]
        assert centres["kind"] == "centres"
        centres["figures"] = template
        save_profile(series, data)

    with_hotline(
        SeriesFactory(),
        "{{ short_name }}热线受理{% for f in figures %}"
        '{% if f.code == "hotline_received" %}{{ f.total }}{% endif %}'
        "{% endfor %}件。",
    )
    with_hotline(SeriesFactory(title="另一刊物", slug="other"), "不是这一份。")
    shown = preview(login(clerk), june)
    assert shown["其他指标"]["公报文字"] == f"{june.centre.short_name}热线受理100件。"


def test_unsaved_input_is_previewed_with_the_same_sentences(login, clerk, june):
    """Live validation renders what the clerk has typed, not what is saved."""
    client = login(clerk)
    data = form_data(client, june)
    data.update(hotline_inputs(june, received=300))
    response = client.post(reverse("submissions:report_validate", args=[june.pk]), data)
    rows = {s.title: dict(s.rows) for s in response.context["sections"]}
    assert "共受理300件，日均受理10件" in rows["其他指标"]["公报文字"]


def test_the_case_figures_are_left_to_the_summary(login, clerk, june):
    """受理, 办结 and their 办结率 are the summary's: 其他指标 states none of them
    again (a 办结 stated only by category once showed “办结率67.03%”, a rate
    the issue never prints)."""
    case_values(june, categories={"行政许可事项": (5, 4)})
    shown = preview(login(clerk), june)

    assert {"受理", "办结", "办结率"}.isdisjoint(shown["其他指标"])
    assert "12345热线受理" in shown["其他指标"]
    assert "共受理各类事项7件" in shown["办件总体"]["公报文字"]
