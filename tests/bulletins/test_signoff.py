"""签发: the leader signs off or returns with a comment; the setting that lets
the editor sign off; the signed preview link."""

import datetime

import pytest
from django.urls import reverse

from bulletins import services, signoff
from bulletins.models import Issue, IssueEvent, PreviewLink
from tests.factories import IssueFactory, sample_document

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(services, "render_pdf_bytes", lambda d: b"%PDF-1.4 draft")


@pytest.fixture(autouse=True)
def composed(monkeypatch):
    monkeypatch.setattr(
        services,
        "compose",
        lambda issue, omit=True: services.draft_document(
            issue, sample_document(issue.label, extra="草稿中的文字。")
        ),
    )


CONFIRMED = {"confirmed": "1"}


@pytest.fixture
def awaiting(editor):
    issue = IssueFactory(number=63)
    issue.submit_for_sign_off(editor)
    return issue


def action_url(issue, name):
    return reverse("bulletins:action", args=[issue.pk, name])


def action(issue, name):
    return reverse("bulletins:action", args=[issue.pk, name])


def test_leader_sees_the_draft_and_signs_off(client, login, leader, awaiting):
    login(leader)
    page = client.get(reverse("bulletins:compose", args=[awaiting.pk])).content.decode()
    assert "草稿中的文字。" in page and "签发</button>" in page
    assert "bi-pencil-square" not in page.split('class="bulletin"')[1]
    # Without confirmation the leader is asked first, and nothing is signed.
    asked = client.post(action(awaiting, "sign-off"))
    assert asked.status_code == 200 and "请确认：签发第63期" in asked.content.decode()
    assert 'name="confirmed" value="1"' in asked.content.decode()
    awaiting.refresh_from_db()
    assert awaiting.status == Issue.Status.AWAITING_SIGN_OFF
    response = client.post(action(awaiting, "sign-off"), CONFIRMED)
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
    client.post(action(awaiting, "return"), {"comment": "", **CONFIRMED})
    awaiting.refresh_from_db()
    assert awaiting.status == Issue.Status.AWAITING_SIGN_OFF
    client.post(
        action(awaiting, "return"), {"comment": "乐都区数字请再核对", **CONFIRMED}
    )
    awaiting.refresh_from_db()
    assert awaiting.status == Issue.Status.DRAFT
    event = IssueEvent.objects.latest("id")
    assert (event.actor, event.comment) == (leader, "乐都区数字请再核对")
    login(editor)
    page = client.get(reverse("bulletins:compose", args=[awaiting.pk])).content.decode()
    assert "退回意见：" in page and "乐都区数字请再核对" in page


def test_editor_may_not_sign_off_by_default(client, login, editor, awaiting):
    login(editor)
    response = client.post(action(awaiting, "sign-off"), CONFIRMED)
    assert response.status_code == 403
    awaiting.refresh_from_db()
    assert awaiting.status == Issue.Status.AWAITING_SIGN_OFF
    page = client.get(reverse("bulletins:compose", args=[awaiting.pk])).content.decode()
    assert "等待签发人签发" in page


def test_setting_lets_the_editor_sign_off(client, login, editor, awaiting, settings):
    settings.BULLETIN_EDITOR_MAY_SIGN_OFF = True
    login(editor)
    client.post(action(awaiting, "sign-off"), CONFIRMED)
    awaiting.refresh_from_db()
    assert awaiting.status == Issue.Status.SIGNED_OFF
    assert awaiting.signed_off_by == editor


def test_leader_cannot_publish(client, login, leader, awaiting, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    awaiting = signoff.issue_sign_off(issue=awaiting, user=leader)
    login(leader)
    assert client.post(action(awaiting, "publish"), CONFIRMED).status_code == 403
    awaiting.refresh_from_db()
    assert awaiting.status == Issue.Status.SIGNED_OFF


def test_editing_after_sign_off_needs_withdrawal(
    client, login, editor, leader, awaiting
):
    awaiting = signoff.issue_sign_off(issue=awaiting, user=leader)
    login(editor)
    client.post(action(awaiting, "withdraw"), CONFIRMED)
    awaiting.refresh_from_db()
    assert awaiting.status == Issue.Status.DRAFT
    assert awaiting.signed_off_by is None


# --- the preview link ------------------------------------------------------------


def make_link(client, login, editor, issue):
    login(editor)
    response = client.post(
        reverse("bulletins:preview_link_create", args=[issue.pk]), follow=True
    )
    link = PreviewLink.objects.get(issue=issue)
    # The compose screen shows it as a real link.
    assert f'href="{link.get_absolute_url()}"' in response.content.decode()
    client.logout()
    return link


def test_preview_link_shows_the_draft_read_only(client, login, editor, awaiting):
    link = make_link(client, login, editor, awaiting)
    preview = client.get(link.get_absolute_url())
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "预览（未发布）" in html and "草稿中的文字。" in html
    assert "草稿稿" not in html
    assert "bi-pencil-square" not in html and "<form" not in html.split("<main")[1]
    assert preview["X-Robots-Tag"] == "noindex, nofollow"


def test_preview_link_expires(client, login, editor, awaiting, settings):
    settings.BULLETIN_PREVIEW_LINK_HOURS = 72
    link = make_link(client, login, editor, awaiting)
    PreviewLink.objects.filter(pk=link.pk).update(
        created_at=link.created_at - datetime.timedelta(hours=73)
    )
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert "该预览链接已过期。" in response.content.decode()
    assert "草稿中的文字" not in response.content.decode()


def test_unknown_preview_link_is_404(client):
    assert (
        client.get(reverse("bulletins:preview", args=["nonsense"])).status_code == 404
    )


def test_preview_link_dies_when_the_editor_revokes_it(client, login, editor, awaiting):
    link = make_link(client, login, editor, awaiting)
    assert client.get(link.get_absolute_url()).status_code == 200
    login(editor)
    client.post(reverse("bulletins:preview_link_revoke", args=[awaiting.pk, link.pk]))
    client.logout()
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert "已被撤销" in response.content.decode()
    assert "草稿中的文字" not in response.content.decode()


def test_preview_link_dies_when_the_draft_changes(client, login, editor):
    issue = IssueFactory(number=63)
    link = make_link(client, login, editor, issue)
    services.issue_set_override(
        issue=issue, key="hall.cases", text="改过的文字。", generated="x"
    )
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    html = response.content.decode()
    assert "改过的文字" not in html and "草稿中的文字" not in html


def test_preview_link_dies_on_publication_and_never_shows_the_correction(
    client, login, editor, leader, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(services, "render_pdf_bytes", lambda d: b"%PDF-1.4 x")
    issue = IssueFactory(number=63)
    link = make_link(client, login, editor, issue)
    issue = signoff.issue_submit(issue=issue, user=editor)
    issue = signoff.issue_sign_off(issue=issue, user=leader)
    assert client.get(link.get_absolute_url()).status_code == 200
    issue = signoff.issue_publish(issue=issue, user=editor)
    # The editor now prepares a correction: the old link must not show it.
    services.issue_set_override(
        issue=issue, key="hall.cases", text="待发布的更正文字。", generated="x"
    )
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    html = response.content.decode()
    assert "已发布" in html and "待发布的更正文字" not in html


def test_preview_of_a_published_issue_shows_the_pending_correction(
    client, login, editor
):
    from tests.factories import PublishedIssueFactory

    issue = PublishedIssueFactory(number=70)
    issue.overrides = {"hall.cases": {"text": "待发布的更正文字。", "generated": "x"}}
    issue.save()
    link = make_link(client, login, editor, issue)
    html = client.get(link.get_absolute_url()).content.decode()
    assert "待发布的更正文字。" in html and "草稿中的文字" not in html
    page = client.get(issue.get_absolute_url())
    assert page.status_code == 200
    assert "待发布的更正文字" not in page.content.decode()


# --- every step is confirmed first ---------------------------------------------------


@pytest.mark.parametrize(
    ("action", "state", "who", "data", "says"),
    [
        ("submit", "draft", "editor", {}, "交签发人审阅签发"),
        ("sign-off", "awaiting", "leader", {}, "原样发布"),
        ("return", "awaiting", "leader", {"comment": "请核对"}, "回到编辑手中修改"),
        ("publish", "signed", "editor", {}, "不能撤回"),
        ("correct", "published", "editor", {"note": "更正数字"}, "交签发人签发"),
    ],
)
def test_every_step_is_confirmed_before_it_happens(
    client, login, editor, leader, action, state, who, data, says
):
    issue = IssueFactory(number=63)
    if state != "draft":
        issue = signoff.issue_submit(issue=issue, user=editor)
    if state in ("signed", "published"):
        issue = signoff.issue_sign_off(issue=issue, user=leader)
    if state == "published":
        issue = signoff.issue_publish(issue=issue, user=editor)
        services.issue_set_override(
            issue=issue, key="hall.cases", text="更正后的文字。", generated="x"
        )
    before = Issue.objects.values().get(pk=issue.pk)
    events = IssueEvent.objects.count()
    login(editor if who == "editor" else leader)
    response = client.post(action_url(issue, action), data)
    html = response.content.decode()
    assert response.status_code == 200 and "请确认：" in html and says in html
    # The fields ride along; the confirmation adds confirmed=1.
    for name, value in data.items():
        assert f'name="{name}" value="{value}"' in html
    assert 'name="confirmed" value="1"' in html
    assert Issue.objects.values().get(pk=issue.pk) == before
    assert IssueEvent.objects.count() == events
    # The compose screen's form asks in a dialog first (static/js/confirm.js).
    page = client.get(reverse("bulletins:compose", args=[issue.pk])).content.decode()
    assert "data-confirm=" in page and "js/confirm.js" in page
    response = client.post(action_url(issue, action), {**data, **CONFIRMED})
    assert response.status_code == 302
    assert Issue.objects.values().get(pk=issue.pk) != before
