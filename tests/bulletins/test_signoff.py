"""签发: the leader signs off or returns with a comment; the setting that lets
the editor sign off; the signed preview link."""

import datetime

import pytest
from django.core import signing
from django.urls import reverse

from bulletins import services
from bulletins.models import Issue, IssueEvent
from bulletins.views.public import PREVIEW_EXPIRED
from tests.factories import IssueFactory, sample_document

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def composed(monkeypatch):
    monkeypatch.setattr(
        services,
        "compose",
        lambda issue, omit=True: services.draft_document(
            issue, sample_document(issue.label, extra="草稿中的文字。")
        ),
    )


@pytest.fixture
def awaiting(editor):
    issue = IssueFactory(number=63)
    issue.submit_for_sign_off(editor)
    return issue


def action(issue, name):
    return reverse("bulletins:action", args=[issue.pk, name])


def test_leader_sees_the_draft_and_signs_off(client, login, leader, awaiting):
    login(leader)
    page = client.get(reverse("bulletins:compose", args=[awaiting.pk])).content.decode()
    assert "草稿中的文字。" in page and "签发</button>" in page
    assert "bi-pencil-square" not in page.split('class="bulletin"')[1]
    response = client.post(action(awaiting, "sign-off"))
    assert response.status_code == 302
    awaiting.refresh_from_db()
    assert awaiting.status == Issue.Status.SIGNED_OFF
    assert awaiting.signed_off_by == leader


def test_leader_sees_the_issues_awaiting_sign_off(client, login, leader, awaiting):
    login(leader)
    html = client.get("/editor/issues/").content.decode()
    assert "待签发：" in html and "新建一期" not in html
    assert "编排与签发" in client.get("/").content.decode()


def test_leader_returns_with_a_comment(client, login, leader, editor, awaiting):
    login(leader)
    client.post(action(awaiting, "return"), {"comment": ""})
    awaiting.refresh_from_db()
    assert awaiting.status == Issue.Status.AWAITING_SIGN_OFF
    client.post(action(awaiting, "return"), {"comment": "乐都区数字请再核对"})
    awaiting.refresh_from_db()
    assert awaiting.status == Issue.Status.DRAFT
    event = IssueEvent.objects.latest("id")
    assert (event.actor, event.comment) == (leader, "乐都区数字请再核对")
    login(editor)
    page = client.get(reverse("bulletins:compose", args=[awaiting.pk])).content.decode()
    assert "退回意见：" in page and "乐都区数字请再核对" in page


def test_editor_may_not_sign_off_by_default(client, login, editor, awaiting):
    login(editor)
    response = client.post(action(awaiting, "sign-off"))
    assert response.status_code == 403
    awaiting.refresh_from_db()
    assert awaiting.status == Issue.Status.AWAITING_SIGN_OFF
    page = client.get(reverse("bulletins:compose", args=[awaiting.pk])).content.decode()
    assert "等待签发人签发" in page


def test_setting_lets_the_editor_sign_off(client, login, editor, awaiting, settings):
    settings.BULLETIN_EDITOR_MAY_SIGN_OFF = True
    login(editor)
    client.post(action(awaiting, "sign-off"))
    awaiting.refresh_from_db()
    assert awaiting.status == Issue.Status.SIGNED_OFF
    assert awaiting.signed_off_by == editor


def test_leader_cannot_publish(client, login, leader, awaiting, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    awaiting.sign_off(leader)
    login(leader)
    assert client.post(action(awaiting, "publish")).status_code == 403
    awaiting.refresh_from_db()
    assert awaiting.status == Issue.Status.SIGNED_OFF


def test_editing_after_sign_off_needs_withdrawal(
    client, login, editor, leader, awaiting
):
    awaiting.sign_off(leader)
    login(editor)
    client.post(action(awaiting, "withdraw"))
    awaiting.refresh_from_db()
    assert awaiting.status == Issue.Status.DRAFT
    assert awaiting.signed_off_by is None


# --- the preview link ------------------------------------------------------------


def test_preview_link_shows_the_draft_read_only(client, login, editor, awaiting):
    login(editor)
    response = client.post(action(awaiting, "preview-link"), follow=True)
    message = next(iter(response.context["messages"])).message
    url = message.split("：", 1)[1]
    assert "/preview/" in url
    client.logout()
    preview = client.get(url.replace("http://testserver", ""))
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "预览（未发布）" in html and "草稿中的文字。" in html
    assert "bi-pencil-square" not in html and "<form" not in html.split("<main")[1]
    assert preview["X-Robots-Tag"] == "noindex, nofollow"


def test_preview_link_expires(client, awaiting, settings):
    settings.BULLETIN_PREVIEW_LINK_HOURS = 72
    token = services.preview_token(awaiting)
    later = datetime.timedelta(hours=73).total_seconds()
    import time

    real = time.time
    try:
        time.time = lambda: real() + later
        response = client.get(reverse("bulletins:preview", args=[token]))
    finally:
        time.time = real
    assert response.status_code == 410
    assert PREVIEW_EXPIRED in response.content.decode()
    assert "草稿中的文字" not in response.content.decode()


def test_tampered_preview_link_is_404(client, awaiting):
    token = services.preview_token(awaiting)
    other = IssueFactory(number=64)
    forged = signing.dumps({"issue": other.pk}, salt="wrong-salt", compress=True)
    assert (
        client.get(reverse("bulletins:preview", args=[token[:-2] + "xx"])).status_code
        == 404
    )
    assert client.get(reverse("bulletins:preview", args=[forged])).status_code == 404
    assert (
        client.get(reverse("bulletins:preview", args=["nonsense"])).status_code == 404
    )


def test_preview_of_a_published_issue_shows_the_pending_correction(client):
    from tests.factories import PublishedIssueFactory

    issue = PublishedIssueFactory(number=70)
    issue.overrides = {"hall.cases": {"text": "待发布的更正文字。", "generated": "x"}}
    issue.save()
    html = client.get(
        reverse("bulletins:preview", args=[services.preview_token(issue)])
    ).content.decode()
    assert "待发布的更正文字。" in html and "草稿中的文字" not in html
    assert "待发布的更正文字" not in client.get("/issues/70/").content.decode()
