"""Every field change is credited to the person who made it (issue 16, finding 2),
through return → the clerk's edits → resubmission → approval, as the screens
show it: the "退回后的修改" list and the field history."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from submissions.models import MonthlyReport
from submissions.validation import rules as validation_rules
from tests.factories import case_inputs, filled_report
from tests.submissions.test_views_clerk import form_data

S = MonthlyReport.Status
OK = {"confirmed": "1"}  # the steps' confirmation (config/confirm.py)


def _rows(html: str, section_id: str) -> list[list[str]]:
    """The text of each body row of the table in the section titled ``section_id``."""
    start = html.index(f'id="{section_id}"')
    body = html[start : html.index("</tbody>", start)]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        if cells:
            rows.append([re.sub(r"<[^>]+>", "", c).strip() for c in cells])
    return rows


@pytest.fixture
def clients(clerk, editor):
    def client_for(user):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return client_for(clerk), client_for(editor)


def test_clerks_edits_stay_credited_to_the_clerk_after_approval(
    clients, clerk, editor, centre, monkeypatch
):
    monkeypatch.setattr(validation_rules, "RULES", [])
    clerk_client, editor_client = clients
    report = filled_report(centre)
    submit = reverse("submissions:report_submit", args=[report.pk])
    assert clerk_client.post(submit, OK).status_code == 302
    editor_client.post(
        reverse("submissions:report_return", args=[report.pk]),
        {"comment": "受理总数有误", **OK},
    )
    data = form_data(clerk_client, report)
    data.update(
        case_inputs(
            report, accepted_total=29450, categories={"公共服务事项": (27477, None)}
        )
    )
    clerk_client.post(reverse("submissions:report_edit", args=[report.pk]), data)
    clerk_client.post(submit, OK)
    editor_client.post(reverse("submissions:report_approve", args=[report.pk]), OK)
    assert MonthlyReport.objects.get(pk=report.pk).status == S.APPROVED

    html = editor_client.get(
        reverse("submissions:report_review", args=[report.pk])
    ).content.decode()
    clerk_name = clerk.get_full_name() or clerk.username
    editor_name = editor.get_full_name() or editor.username
    since = _rows(html, "since-title")
    assert {tuple(r[:5]) for r in since} == {
        ("指标·受理", "数值", "29447", "29450", clerk_name),
        ("指标·受理·公共服务事项", "数值", "27474", "27477", clerk_name),
    }
    history = _rows(html, "history-title")
    edits = [r for r in history if r[2] == "指标·受理" and r[5] == "29450"]
    assert [r[1] for r in edits] == [clerk_name]
    assert editor_name not in {r[1] for r in history}
