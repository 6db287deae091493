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
    monkeypatch.setattr(services, "reports_used", lambda issue: [])

    def slow_pdf(document):
        time.sleep(0.5)  # the first editor holds the locks while rendering
        return b"%PDF-1.4 slow"

    monkeypatch.setattr(services, "render_pdf_bytes", slow_pdf)
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
