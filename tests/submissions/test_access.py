"""Who reaches what. Rules (docs/workflow.md):

* anonymous → the login page, for every screen;
* a report outside the user's scope (another centre's) → 404, never 403, so a
  clerk cannot even learn that it exists;
* a screen or action of another role (a clerk approving, an editor filling in)
  → 403: the user knows the report, the action is simply not theirs.
"""

import datetime

import pytest
from django.urls import reverse

from config.navigation import items_for
from submissions.models import MonthlyReport
from tests.factories import MonthlyReportFactory

S = MonthlyReport.Status


@pytest.fixture
def own(centre):
    return MonthlyReportFactory(centre=centre, month=datetime.date(2021, 6, 1))


@pytest.fixture
def foreign(other_centre):
    return MonthlyReportFactory(centre=other_centre, month=datetime.date(2021, 6, 1))


REPORT_GET = [
    "submissions:report_edit",
    "submissions:figures_import",
    "submissions:report_review",
]
REPORT_POST = [
    "submissions:report_edit",
    "submissions:report_validate",
    "submissions:report_submit",
    "submissions:figures_import_confirm",
    "submissions:report_return",
    "submissions:report_approve",
    "submissions:report_reopen",
]


@pytest.mark.parametrize("name", ["submissions:todo", "submissions:review_overview"])
def test_anonymous_is_sent_to_login(client, name, db):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", REPORT_POST)
def test_anonymous_post_is_sent_to_login(client, own, name):
    response = client.post(reverse(name, args=[own.pk]), {"comment": "x"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert MonthlyReport.objects.get(pk=own.pk).status == S.DRAFT


def test_anonymous_export_is_sent_to_login(client, own):
    url = reverse("submissions:figures_export", args=[own.pk, "csv"])
    response = client.get(url)
    assert response.status_code == 302 and reverse("login") in response.url


@pytest.mark.parametrize(
    "name", ["submissions:report_edit", "submissions:figures_import"]
)
def test_clerk_cannot_reach_another_centres_report(login, clerk, foreign, name):
    response = login(clerk).get(reverse(name, args=[foreign.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "submissions:report_edit",
        "submissions:report_validate",
        "submissions:report_submit",
        "submissions:figures_import_confirm",
    ],
)
def test_clerk_cannot_post_to_another_centres_report(login, clerk, foreign, name):
    response = login(clerk).post(
        reverse(name, args=[foreign.pk]), {"working_days": "1", "version": "1"}
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.working_days is None and foreign.status == S.DRAFT


def test_clerk_cannot_export_another_centres_table(login, clerk, foreign):
    url = reverse("submissions:figures_export", args=[foreign.pk, "csv"])
    assert login(clerk).get(url).status_code == 404


def test_clerk_todo_lists_only_own_centre(login, clerk, own, foreign):
    response = login(clerk).get(reverse("submissions:todo"))
    assert list(response.context["reports"]) == [own]


@pytest.mark.parametrize(
    "name",
    [
        "submissions:report_approve",
        "submissions:report_return",
        "submissions:report_reopen",
    ],
)
def test_clerk_cannot_decide_on_own_report(login, clerk, own, name):
    MonthlyReport.objects.filter(pk=own.pk).update(status=S.SUBMITTED)
    response = login(clerk).post(reverse(name, args=[own.pk]), {"comment": "自己通过"})
    assert response.status_code == 403
    assert MonthlyReport.objects.get(pk=own.pk).status == S.SUBMITTED
    assert not own.transitions.exists()


def test_clerk_cannot_open_editor_screens(login, clerk, own):
    client = login(clerk)
    assert client.get(reverse("submissions:review_overview")).status_code == 403
    assert (
        client.get(reverse("submissions:report_review", args=[own.pk])).status_code
        == 403
    )


def test_editor_cannot_fill_in_a_report(login, editor, own):
    client = login(editor)
    assert (
        client.get(reverse("submissions:report_edit", args=[own.pk])).status_code == 403
    )
    assert client.get(reverse("submissions:todo")).status_code == 403


def test_editor_reaches_every_centres_report(login, editor, own, foreign):
    client = login(editor)
    for report in (own, foreign):
        url = reverse("submissions:report_review", args=[report.pk])
        assert client.get(url).status_code == 200


def test_leader_has_neither_screen(login, leader, own):
    client = login(leader)
    assert client.get(reverse("submissions:todo")).status_code == 403
    assert client.get(reverse("submissions:review_overview")).status_code == 403


def test_menus_of_clerk_and_editor_differ(clerk, editor, leader):
    clerk_labels = [label for label, _ in items_for(clerk)]
    editor_labels = [label for label, _ in items_for(editor)]
    assert "我的报送" in clerk_labels and "报送审核" not in clerk_labels
    assert "报送审核" in editor_labels and "我的报送" not in editor_labels
    leader_labels = [label for label, _ in items_for(leader)]
    assert "我的报送" not in leader_labels and "报送审核" not in leader_labels


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["clerk", "editor"])
def test_menu_items_open(who, request, login):
    user = request.getfixturevalue(who)
    client = login(user)
    for label, url in items_for(user):
        assert client.get(url).status_code == 200, label
