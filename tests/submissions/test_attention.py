"""A refused save or submit leads the clerk to the first field that needs them,
and the errors are counted the same way on every part of the page (issue 16,
finding 5). The scrolling itself is checked in tests/test_journey_everyday.py."""

import re

from django.urls import reverse

from submissions.validation import rules as validation_rules
from submissions.validation.types import Rule
from tests.submissions.test_views_clerk import form_data

WARNINGS = [
    Rule(
        "w1",
        "warning",
        "测试",
        lambda rule, f: [
            rule.finding("受理总数变化较大", subject="A"),
            rule.finding("办结率偏低", subject="B"),
        ],
    )
]


def _badge(html: str, label: str) -> int:
    return int(re.search(rf'title="{label}">{label} (\d+)<', html)[1])


def test_a_refused_save_counts_every_error_and_points_at_the_first(
    login, clerk, centre
):
    from tests.factories import MonthlyReportFactory, case_inputs

    report = MonthlyReportFactory(centre=centre)
    client = login(clerk)
    data = form_data(client, report)
    typed = case_inputs(
        report, accepted_total="很多", completed_total="-5", in_progress_total="1.5"
    )
    data.update(typed)
    response = client.post(reverse("submissions:report_edit", args=[report.pk]), data)
    assert response.status_code == 422
    html = response.content.decode()
    shown = len(response.context["input_errors"])
    assert shown == 3
    # the panel counts the three unreadable figures too, as the live check does
    assert _badge(html, "错误") == response.context["error_total"] >= shown
    first = next(iter(typed))  # 受理's total, the first input of the form
    assert f'data-attention="id_{first}"' in html
    # each message once beside its box (the field's own error), not twice
    assert html.count("“很多”不是数字") == 3  # the alert, the box, the panel


def test_a_refused_submit_highlights_the_empty_explanations(
    login, clerk, centre, monkeypatch
):
    from tests.factories import MonthlyReportFactory

    monkeypatch.setattr(validation_rules, "RULES", WARNINGS)
    report = MonthlyReportFactory(centre=centre)
    client = login(clerk)
    response = client.post(
        reverse("submissions:report_submit", args=[report.pk]),
        {
            "explanation-count": "2",
            "explanation-0-rule": "w1",
            "explanation-0-subject": "A",
            "explanation-0-text": "已核对",
            "explanation-1-rule": "w1",
            "explanation-1-subject": "B",
            "explanation-1-text": "",
            "confirmed": "1",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "1项预警未填写说明" in html
    # the second (empty) one is where the page leads, and it is marked
    assert 'data-attention="explanation-1"' in html
    marked = r'class="form-control is-invalid"[^>]*id="explanation-{}"'
    assert re.search(marked.format(1), html)
    assert not re.search(marked.format(0), html)
    # only once: reloading the page is a fresh start
    again = client.get(report.get_absolute_url()).content.decode()
    assert "data-attention" not in again
