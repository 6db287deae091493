"""A lapsed sign-off leaves no file behind; a published one keeps its file."""

import datetime
import io

import pytest
from django.core.files.storage import default_storage

from bulletins import services, signoff
from bulletins.changes import snapshot_hash
from submissions.models import MonthlyReport, WorkItem
from tests.factories import SeriesFactory

pytestmark = pytest.mark.django_db

JUNE = datetime.date(2021, 6, 1)


@pytest.fixture
def people(db, monkeypatch):
    from django.contrib.auth import get_user_model

    from submissions import demo as submissions_demo
    from transactions import demo as transactions_demo

    submissions_demo.load(io.StringIO())
    transactions_demo.load(io.StringIO())
    monkeypatch.setattr(
        services,
        "render_pdf_bytes",
        lambda document: b"%PDF-1.4 " + snapshot_hash(document.to_dict()).encode(),
    )
    users = get_user_model().objects
    return users.get(username="editor"), users.get(username="leader")


@pytest.fixture
def signed(people):
    editor, leader = people
    issue = services.issue_create(
        series=SeriesFactory(),
        period_start=JUNE,
        number=63,
        publication_date=datetime.date(2021, 7, 6),
        user=editor,
    )
    issue = signoff.issue_submit(issue=issue, user=editor)
    return signoff.issue_sign_off(issue=issue, user=leader)


def test_a_withdrawn_sign_off_removes_its_pdf(
    people, signed, django_capture_on_commit_callbacks
):
    editor, _leader = people
    name = signed.signed_pdf.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        signed.withdraw(editor)
    assert not default_storage.exists(name)


def test_a_sign_off_sent_back_removes_its_pdf_and_the_next_one_is_published(
    people, signed, django_capture_on_commit_callbacks
):
    editor, leader = people
    first = signed.signed_pdf.name
    report = MonthlyReport.objects.get(centre__name="平安区政务服务中心", month=JUNE)
    report.reopen(editor, "数字有误")
    WorkItem.objects.filter(report=report).update(body="改动后的工作内容。")
    report.refresh_from_db()
    report.submit(report.submitted_by or editor)
    report.approve(editor)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(signoff.SignedContentChanged):
            signoff.issue_publish(issue=signed, user=editor)
    assert not default_storage.exists(first)

    signed.refresh_from_db()
    issue = signoff.issue_sign_off(issue=signed, user=leader)
    issue = signoff.issue_publish(issue=issue, user=editor)
    assert default_storage.exists(issue.pdf.name)


def test_a_published_file_stays_when_a_correction_is_withdrawn(
    people, signed, django_capture_on_commit_callbacks
):
    editor, leader = people
    issue = signoff.issue_publish(issue=signed, user=editor)
    published = issue.pdf.name
    services.issue_set_override(
        issue=issue, key="hall.cases", text="更正后的文字。", generated="x"
    )
    issue = signoff.issue_submit_correction(issue=issue, user=editor, note="更正")
    issue = signoff.issue_sign_off(issue=issue, user=leader)
    correction = issue.signed_pdf.name
    assert correction != published
    with django_capture_on_commit_callbacks(execute=True):
        issue.withdraw_correction(editor)
    assert default_storage.exists(published)
    assert not default_storage.exists(correction)
