"""Two editors publishing at once, on a database with row locks (PostgreSQL)."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from bulletins import services, signoff
from bulletins.models import Issue, IssueRevision
from tests.factories import EditorFactory, IssueFactory, LeaderFactory, sample_document

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs SELECT … FOR UPDATE"
    ),
]


def test_two_editors_publishing_one_issue_at_once_publish_it_once(
    monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(
        services,
        "compose",
        lambda issue, omit=True: services.draft_document(
            issue, sample_document(issue.label)
        ),
    )
    monkeypatch.setattr(services, "render_pdf_bytes", lambda d: b"%PDF-1.4 x")

    def slow_reports(issue):
        time.sleep(0.5)  # the first editor holds the locks while publishing
        return []

    monkeypatch.setattr(services, "reports_used", slow_reports)
    editor, other, leader = EditorFactory(), EditorFactory(), LeaderFactory()
    issue = IssueFactory(number=63)
    issue.submit_for_sign_off(editor)
    issue = signoff.issue_sign_off(issue=issue, user=leader)
    outcomes = []

    def publish(user, delay):
        time.sleep(delay)
        try:
            signoff.issue_publish(issue=Issue.objects.get(pk=issue.pk), user=user)
            outcomes.append("published")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=publish, args=(editor, 0)),
        threading.Thread(target=publish, args=(other, 0.1)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["published", "refused"]
    assert IssueRevision.objects.filter(issue=issue).count() == 1
    assert len([p for p in tmp_path.rglob("*.pdf")]) == 1


def race(*calls, delay=0.1):
    """Run the calls in threads, each ``delay`` after the previous; their
    outcomes: "done" or "refused" (a ValidationError)."""
    outcomes = []

    def run(call, wait):
        time.sleep(wait)
        try:
            call()
            outcomes.append("done")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(call, n * delay))
        for n, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


@pytest.fixture
def published(monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(
        services,
        "compose",
        lambda issue, omit=True: services.draft_document(
            issue, sample_document(issue.label)
        ),
    )
    monkeypatch.setattr(services, "render_pdf_bytes", lambda d: b"%PDF-1.4 x")
    editor, leader = EditorFactory(), LeaderFactory()
    issue = IssueFactory(number=63)
    issue = signoff.issue_submit(issue=issue, user=editor)
    issue = signoff.issue_sign_off(issue=issue, user=leader)
    issue = signoff.issue_publish(issue=issue, user=editor)
    services.issue_set_override(
        issue=issue, key="hall.cases", text="更正后的文字。", generated="x"
    )
    return issue, editor, leader


def test_two_editors_sending_a_correction_at_once_send_one(published, monkeypatch):
    issue, editor, _leader = published
    other = EditorFactory()
    real = services.pending_document

    def slow(issue):
        time.sleep(0.5)  # under the row lock
        return real(issue)

    monkeypatch.setattr(services, "pending_document", slow)

    def correct(user):
        return lambda: signoff.issue_submit_correction(
            issue=Issue.objects.get(pk=issue.pk), user=user, note="更正数字"
        )

    assert race(correct(editor), correct(other)) == ["done", "refused"]
    issue.refresh_from_db()
    assert issue.correction == Issue.Correction.AWAITING_SIGN_OFF


def test_three_clicks_on_publish_correction_give_one_revision(published, monkeypatch):
    issue, editor, leader = published
    issue = signoff.issue_submit_correction(issue=issue, user=editor, note="更正数字")
    issue = signoff.issue_sign_off(issue=issue, user=leader)

    real = services.plain_text

    def slow_text(document):
        time.sleep(0.5)  # the first click holds the locks while publishing
        return real(document)

    monkeypatch.setattr(services, "plain_text", slow_text)

    def publish():
        signoff.issue_publish(issue=Issue.objects.get(pk=issue.pk), user=editor)

    assert race(publish, publish, publish) == ["done", "refused", "refused"]
    assert IssueRevision.objects.filter(issue=issue).count() == 2
    issue.refresh_from_db()
    assert issue.revision == 2 and issue.correction == Issue.Correction.NONE
