"""Faults and integrity (issue 7): publishing is all or nothing when the PDF step
fails, even through the editor's screen; two editors at once never make two
issues of one number or one month (PostgreSQL); ``verify_issues`` finds a
missing or altered PDF."""

from __future__ import annotations

import datetime
import hashlib
import io
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.urls import reverse

from bulletins import services, signoff
from bulletins.models import Issue, IssueRevision
from tests.factories import (
    EditorFactory,
    IssueFactory,
    LeaderFactory,
    SeriesFactory,
    sample_document,
    second_bureau,
)

FAKE_PDF = b"%PDF-1.4 integrity test"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def composed(monkeypatch):
    monkeypatch.setattr(
        services,
        "compose",
        lambda issue, omit=True: services.draft_document(
            issue, sample_document(issue.label)
        ),
    )
    monkeypatch.setattr(services, "reports_used", lambda issue: [])


@pytest.fixture
def pdf(monkeypatch):
    monkeypatch.setattr(services, "render_pdf_bytes", lambda document: FAKE_PDF)


def signed_off(editor, leader, **kwargs) -> Issue:
    issue = IssueFactory(**kwargs)
    issue.submit_for_sign_off(editor)
    issue = signoff.issue_sign_off(issue=issue, user=leader)
    return issue


def files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]


# --- publishing is atomic under failure, seen from the editor's screen ----------------


@pytest.mark.django_db
def test_pdf_failure_through_the_screen_signs_nothing_and_says_so(
    client, composed, monkeypatch, media
):
    editor, leader = EditorFactory(), LeaderFactory()
    issue = IssueFactory(number=63)
    issue.submit_for_sign_off(editor)

    def broken(document):
        raise RuntimeError("reportlab: font file vanished")

    monkeypatch.setattr(services, "render_pdf_bytes", broken)
    client.force_login(leader, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("bulletins:action", args=[issue.pk, "sign-off"])
    response = client.post(url, {"confirmed": "1"})
    # The leader is told, in Chinese, that nothing was signed; no 500 page.
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("签发失败" in m and "未签发" in m for m in messages), messages
    assert not any("reportlab" in m for m in messages)  # no internals shown

    issue.refresh_from_db()
    assert issue.status == Issue.Status.AWAITING_SIGN_OFF
    assert issue.signed_snapshot is None and not issue.signed_pdf
    assert issue.revision == 0 and issue.snapshot is None
    assert not IssueRevision.objects.exists()
    assert not files(media)
    # and the public sees nothing of it
    client.logout()
    assert client.get(issue.get_absolute_url()).status_code == 404
    assert client.get(issue.pdf_url).status_code == 404
    assert client.get("/issues/63/").status_code == 404
    assert "第63期" not in client.get(reverse("bulletins:feed")).content.decode()
    assert (
        issue.get_absolute_url()
        not in client.get(reverse("bulletins:sitemap")).content.decode()
    )

    # once the PDF works again the same issue is signed and published normally
    monkeypatch.setattr(services, "render_pdf_bytes", lambda document: FAKE_PDF)
    client.force_login(leader, backend="django.contrib.auth.backends.ModelBackend")
    client.post(url, {"confirmed": "1"})
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    client.post(
        reverse("bulletins:action", args=[issue.pk, "publish"]), {"confirmed": "1"}
    )
    issue.refresh_from_db()
    assert issue.is_published and issue.revision == 1
    assert issue.pdf_sha256 == hashlib.sha256(FAKE_PDF).hexdigest()


@pytest.mark.django_db
def test_pdf_failure_in_a_correction_keeps_the_published_revision(
    composed, pdf, monkeypatch, media
):
    editor, leader = EditorFactory(), LeaderFactory()
    issue = signoff.issue_publish(issue=signed_off(editor, leader), user=editor)
    before = (issue.snapshot, issue.pdf.name, issue.pdf_sha256, issue.revision)
    services.issue_set_override(
        issue=issue, key="hall.cases", text="更正后的文字。", generated="x"
    )
    issue = signoff.issue_submit_correction(issue=issue, user=editor, note="更正")

    def broken(document):
        raise OSError("disk full")

    monkeypatch.setattr(services, "render_pdf_bytes", broken)
    with pytest.raises(OSError):
        signoff.issue_sign_off(issue=issue, user=leader)
    issue.refresh_from_db()
    assert (issue.snapshot, issue.pdf.name, issue.pdf_sha256, issue.revision) == before
    assert issue.correction == Issue.Correction.AWAITING_SIGN_OFF
    assert IssueRevision.objects.filter(issue=issue).count() == 1
    assert len(files(media)) == 1


# --- two editors at once (PostgreSQL: real row locks and two connections) -------------

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite has no row locks and serialises every writer, "
    "so two connections racing cannot be shown there",
)


def race(*calls):
    """Run each call in its own thread (its own database connection), started
    together; returns what each returned or the ValidationError it raised."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except ValidationError as exc:
            results[index] = exc
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _unique_numbers_and_months():
    rows = list(Issue.objects.values_list("series_id", "numbering_year", "number"))
    months = list(Issue.objects.values_list("series_id", "period_start"))
    assert len(rows) == len(set(rows)), rows
    assert len(months) == len(set(months)), months


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_creating_the_same_month_make_one_issue():
    series = SeriesFactory()
    editors = [EditorFactory(), EditorFactory()]
    june = datetime.date(2021, 6, 1)
    results = race(
        *[
            lambda e=e: services.issue_create(series=series, period_start=june, user=e)
            for e in editors
        ]
    )
    created = [r for r in results if isinstance(r, Issue)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(created) == 1 and len(refused) == 1, results
    assert Issue.objects.filter(period_start=june).count() == 1
    _unique_numbers_and_months()


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_creating_two_months_get_two_numbers():
    series = SeriesFactory()
    IssueFactory(series=series, number=63, period_start=datetime.date(2021, 6, 1))
    months = [datetime.date(2021, 7, 1), datetime.date(2021, 8, 1)]
    results = race(
        *[
            lambda m=m: services.issue_create(series=series, period_start=m)
            for m in months
        ]
    )
    assert all(isinstance(r, Issue) for r in results), results
    assert sorted(r.number for r in results) == [64, 65]
    _unique_numbers_and_months()


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_giving_two_drafts_one_number_at_once():
    series = SeriesFactory()
    first = IssueFactory(
        series=series, number=64, period_start=datetime.date(2021, 7, 1)
    )
    second = IssueFactory(
        series=series, number=65, period_start=datetime.date(2021, 8, 1)
    )
    results = race(
        lambda: services.issue_update(issue=first, number=70),
        lambda: services.issue_update(issue=second, number=70),
    )
    assert sum(isinstance(r, ValidationError) for r in results) == 1, results
    assert Issue.objects.filter(number=70).count() == 1
    _unique_numbers_and_months()


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_publishing_two_issues_at_once(composed, pdf, media):
    editor, other, leader = EditorFactory(), EditorFactory(), LeaderFactory()
    june = signed_off(editor, leader, number=63, period_start=datetime.date(2021, 6, 1))
    july = signed_off(editor, leader, number=64, period_start=datetime.date(2021, 7, 1))
    results = race(
        lambda: signoff.issue_publish(issue=june, user=editor),
        lambda: signoff.issue_publish(issue=july, user=other),
    )
    assert all(isinstance(r, Issue) and r.is_published for r in results), results
    assert Issue.objects.published().count() == 2
    assert IssueRevision.objects.count() == 2
    _unique_numbers_and_months()


# --- verify_issues --------------------------------------------------------------------


def verify(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_issues", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return 1, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def published(db, composed, pdf, media):
    editor, leader = EditorFactory(), LeaderFactory()
    issue = signoff.issue_publish(
        issue=signed_off(editor, leader, number=63), user=editor
    )
    return issue


def test_verify_issues_passes_on_intact_files(published):
    code, out, err = verify()
    assert code == 0, err
    assert "正常 OK" in out and "第63期" in out
    assert "共检查1个PDF文件，0个有问题" in out


def test_verify_issues_checks_every_revision(published, monkeypatch):
    editor = EditorFactory()
    monkeypatch.setattr(services, "render_pdf_bytes", lambda d: FAKE_PDF + b" r2")
    services.issue_set_override(
        issue=published, key="hall.cases", text="更正后的文字。", generated="x"
    )
    issue = signoff.issue_submit_correction(
        issue=published, user=editor, note="更正数字"
    )
    issue = signoff.issue_sign_off(issue=issue, user=LeaderFactory())
    signoff.issue_publish(issue=issue, user=editor)
    code, out, _err = verify()
    assert code == 0
    assert "共检查2个PDF文件" in out and "（第1版）" in out


def test_verify_issues_reports_a_missing_file(published, media):
    (media / published.pdf.name).unlink()
    code, _out, err = verify()
    assert code == 1
    assert "缺失 MISSING" in err and published.pdf.name in err
    assert "PDF 校验失败：1个文件缺失或被改动" in err
    assert "PDF verification failed" in err


def test_verify_issues_reports_an_altered_file(published, media):
    path = media / published.pdf.name
    path.write_bytes(path.read_bytes() + b"%% tampered")
    code, _out, err = verify()
    assert code == 1
    assert "已被改动 ALTERED" in err
    assert published.pdf_sha256 in err  # the recorded checksum beside the actual
    assert hashlib.sha256(path.read_bytes()).hexdigest() in err


def test_verify_issues_reports_a_pdf_without_a_checksum(published):
    Issue.objects.filter(pk=published.pk).update(pdf_sha256="")
    IssueRevision.objects.update(pdf_sha256="")
    code, _out, err = verify()
    assert code == 1 and "未记录校验值 NO CHECKSUM" in err


def test_verify_issues_with_nothing_stored(db):
    code, out, _err = verify()
    assert code == 0 and "没有已存储的PDF" in out


def test_verify_issues_exit_status_is_non_zero(published, media):
    """``manage.py verify_issues`` exits with CommandError's status, 1, for cron
    jobs and restore scripts."""
    (media / published.pdf.name).unlink()
    with pytest.raises(CommandError) as exc:
        call_command("verify_issues", stdout=io.StringIO(), stderr=io.StringIO())
    assert exc.value.returncode == 1


def test_verify_issues_checks_one_bureau_when_told(published, media):
    """Every bureau by default; ``--bureau`` narrows to one, and an unknown
    bureau is named in the error."""
    (media / published.pdf.name).unlink()
    second_bureau()
    assert verify()[0] == 1
    code, out, _err = verify("--bureau", "haixi")
    assert code == 0 and "没有已存储的PDF" in out
    assert verify("--bureau", "haidong")[0] == 1
    code, _out, err = verify("--bureau", "nowhere")
    assert code == 1 and "没有网址名为“nowhere”的编发单位" in err
