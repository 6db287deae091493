"""Publishing: the snapshot, the PDF and its checksum, all or nothing;
overrides and their staleness; corrections."""

import datetime
import hashlib
import io
from dataclasses import replace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage

from bulletins import services, signoff
from bulletins.document import Document
from bulletins.models import Issue, IssueRevision
from tests.factories import IssueFactory, sample_document

pytestmark = pytest.mark.django_db

FAKE_PDF = b"%PDF-1.4 fake bulletin"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def composed(monkeypatch):
    """Composition replaced by a hand-built document the test can change."""
    state = {"extra": ""}

    def compose(issue, omit=True):
        document = sample_document(issue.label, extra=state["extra"])
        # Apply overrides the way composition does, so the draft shows them.
        return services.draft_document(issue, document)

    monkeypatch.setattr(services, "compose", compose)
    monkeypatch.setattr(services, "reports_used", lambda issue: [11, 12])
    return state


@pytest.fixture
def pdf(monkeypatch):
    calls = []

    def render(document):
        # A test appends to ``calls`` to make the renderer return other bytes.
        return FAKE_PDF + str(len(calls)).encode()

    monkeypatch.setattr(services, "render_pdf_bytes", render)
    return calls


def signed_off(editor, leader, **kwargs):
    issue = IssueFactory(**kwargs)
    issue.submit_for_sign_off(editor)
    issue = signoff.issue_sign_off(issue=issue, user=leader)
    return issue


def test_publish_freezes_snapshot_pdf_and_checksum(
    composed, pdf, editor, leader, media
):
    issue = signed_off(editor, leader, number=63)
    issue = signoff.issue_publish(issue=issue, user=editor)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.PUBLISHED
    assert issue.revision == 1
    assert issue.published_by == editor
    assert issue.report_ids == [11, 12]
    document = Document.from_dict(issue.snapshot)
    assert document.masthead.issue_label == "第63期"
    assert document.metadata["发布机构"] == "海东市政务服务监督管理局"
    assert "发布日期" in document.metadata
    assert "五级联动" in issue.search_text
    assert issue.pdf_sha256 == hashlib.sha256(FAKE_PDF + b"0").hexdigest()
    assert default_storage.open(issue.pdf.name).read() == FAKE_PDF + b"0"
    revision = IssueRevision.objects.get(issue=issue)
    assert revision.number == 1 and revision.snapshot == issue.snapshot


def test_published_content_never_follows_source_data(composed, pdf, editor, leader):
    issue = signoff.issue_publish(issue=signed_off(editor, leader), user=editor)
    before = issue.snapshot
    composed["extra"] = "数据后来被修改了。"
    issue.refresh_from_db()
    assert issue.snapshot == before
    assert "数据后来被修改了" not in issue.search_text


def test_publish_requires_sign_off(composed, pdf, editor):
    issue = IssueFactory()
    with pytest.raises(ValidationError):
        signoff.issue_publish(issue=issue, user=editor)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT
    assert issue.snapshot is None


def test_publish_requires_permission(composed, pdf, editor, leader):
    issue = signed_off(editor, leader)
    with pytest.raises(PermissionDenied):
        signoff.issue_publish(issue=issue, user=leader)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SIGNED_OFF


def test_pdf_failure_signs_nothing(composed, monkeypatch, editor, leader, media):
    def broken(document):
        raise RuntimeError("font missing")

    monkeypatch.setattr(services, "render_pdf_bytes", broken)
    issue = IssueFactory()
    issue.submit_for_sign_off(editor)
    with pytest.raises(RuntimeError):
        signoff.issue_sign_off(issue=issue, user=leader)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.AWAITING_SIGN_OFF
    assert issue.signed_snapshot is None and issue.signed_pdf_sha256 == ""
    assert not any(p.is_file() for p in media.rglob("*"))


def test_failure_after_the_pdf_is_stored_leaves_no_orphan_file(
    composed, pdf, monkeypatch, editor, leader, media
):
    def broken(self, *args, **kwargs):
        raise RuntimeError("database went away")

    issue = IssueFactory()
    issue.submit_for_sign_off(editor)
    monkeypatch.setattr(Issue, "sign_off", broken)
    with pytest.raises(RuntimeError):
        signoff.issue_sign_off(issue=issue, user=leader)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.AWAITING_SIGN_OFF
    assert not any(p.is_file() for p in media.rglob("*"))


def test_revision_failure_publishes_nothing(
    composed, pdf, monkeypatch, editor, leader, media
):
    def broken(**kwargs):
        raise RuntimeError("database went away")

    issue = signed_off(editor, leader)
    monkeypatch.setattr(IssueRevision.objects, "create", broken)
    with pytest.raises(RuntimeError):
        signoff.issue_publish(issue=issue, user=editor)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SIGNED_OFF
    assert issue.snapshot is None and issue.revision == 0
    # The signed PDF stays: it is what will be published on the next try.
    assert default_storage.exists(issue.signed_pdf.name)


def test_publishing_twice_from_stale_copies_publishes_once(
    composed, pdf, editor, leader
):
    issue = signed_off(editor, leader, number=63)
    stale_copy = Issue.objects.get(pk=issue.pk)
    signoff.issue_publish(issue=issue, user=editor)
    # The second editor's copy still says "signed off"; the service re-reads the
    # row under a lock and refuses.
    assert stale_copy.status == Issue.Status.SIGNED_OFF
    with pytest.raises(ValidationError):
        signoff.issue_publish(issue=stale_copy, user=editor)
    assert IssueRevision.objects.filter(issue=issue).count() == 1


def test_publish_refuses_a_number_another_issue_holds(composed, pdf, editor, leader):
    first = signoff.issue_publish(
        issue=signed_off(editor, leader, number=63), user=editor
    )
    with pytest.raises(ValidationError) as exc:
        services.issue_create(
            series=first.series, period_start=datetime.date(2021, 7, 1), number=63
        )
    assert exc.value.messages == ["海东政务服务动态已有第63期，请换一个期号。"]


# --- overrides -----------------------------------------------------------------


def test_override_is_stored_marked_and_keeps_the_generated_text(composed, editor):
    issue = IssueFactory()
    generated = services.find_paragraph(
        services.draft_document(issue), "hall.cases"
    ).text
    services.issue_set_override(
        issue=issue, key="hall.cases", text="编辑改写的办件情况。", generated=generated
    )
    issue.refresh_from_db()
    assert issue.overrides["hall.cases"] == {
        "text": "编辑改写的办件情况。",
        "generated": generated,
    }
    paragraph = services.find_paragraph(services.draft_document(issue), "hall.cases")
    assert paragraph.text == "编辑改写的办件情况。"
    assert paragraph.edited and paragraph.generated == generated
    assert services.stale_overrides(issue, services.draft_document(issue)) == {}


def test_override_is_stale_when_the_generated_text_changes(composed, editor):
    issue = IssueFactory()
    generated = services.find_paragraph(
        services.draft_document(issue), "hall.cases"
    ).text
    services.issue_set_override(
        issue=issue, key="hall.cases", text="编辑改写。", generated=generated
    )
    issue.refresh_from_db()
    composed["extra"] = "其中，平安区数据已更正。"
    stale = services.stale_overrides(issue, services.draft_document(issue))
    assert list(stale) == ["hall.cases"]
    assert "已更正" in stale["hall.cases"]


def test_override_equal_to_generated_text_is_dropped(composed, editor):
    issue = IssueFactory()
    services.issue_set_override(
        issue=issue, key="hall.cases", text="同样", generated="同样"
    )
    issue.refresh_from_db()
    assert issue.overrides == {}


def test_no_override_once_submitted(composed, editor):
    issue = IssueFactory()
    issue.submit_for_sign_off(editor)
    with pytest.raises(ValidationError):
        services.issue_set_override(
            issue=issue, key="hall.cases", text="x", generated="y"
        )
    issue.refresh_from_db()
    assert issue.overrides == {}


# --- corrections ---------------------------------------------------------------


def correct(issue, editor, leader, note="更正市级大厅受理件数"):
    issue = signoff.issue_submit_correction(issue=issue, user=editor, note=note)
    issue = signoff.issue_sign_off(issue=issue, user=leader)
    return signoff.issue_publish(issue=issue, user=editor)


def test_correction_publishes_a_new_revision_and_keeps_the_old(
    composed, pdf, editor, leader, media
):
    issue = signoff.issue_publish(issue=signed_off(editor, leader), user=editor)
    first_pdf = issue.pdf.name
    services.issue_set_override(
        issue=issue, key="hall.cases", text="更正后的办件情况。", generated="x"
    )
    with pytest.raises(ValidationError) as exc:
        signoff.issue_submit_correction(issue=issue, user=editor, note=" ")
    assert exc.value.messages == [signoff.CORRECTION_NEEDS_NOTE]
    pdf.clear()
    pdf.append("different bytes")  # the fake renderer now returns other bytes
    issue = correct(issue, editor, leader)
    issue.refresh_from_db()
    assert issue.revision == 2 and issue.correction == Issue.Correction.NONE
    paragraph = services.find_paragraph(
        Document.from_dict(issue.snapshot), "hall.cases"
    )
    assert paragraph.text == "更正后的办件情况。" and paragraph.edited
    revisions = list(issue.revisions.order_by("number"))
    assert [r.number for r in revisions] == [1, 2]
    assert revisions[1].note == "更正市级大厅受理件数"
    assert "更正后" not in str(revisions[0].snapshot)
    assert revisions[0].pdf.name == first_pdf != revisions[1].pdf.name
    assert default_storage.exists(first_pdf)


def test_correction_goes_through_sign_off(composed, pdf, editor, leader):
    issue = signoff.issue_publish(issue=signed_off(editor, leader), user=editor)
    services.issue_set_override(
        issue=issue, key="hall.cases", text="更正后的办件情况。", generated="x"
    )
    issue = signoff.issue_submit_correction(issue=issue, user=editor, note="更正")
    assert issue.correction == Issue.Correction.AWAITING_SIGN_OFF
    # Not signed yet: publishing the correction is refused, the public page holds.
    with pytest.raises(ValidationError):
        signoff.issue_publish(issue=issue, user=editor)
    issue.refresh_from_db()
    assert issue.revision == 1 and "更正后" not in str(issue.snapshot)
    # Nor can the editor keep editing what went to the leader.
    with pytest.raises(ValidationError):
        services.issue_set_override(
            issue=issue, key="hall.cases", text="又改了。", generated="x"
        )


def test_correction_without_a_change_is_refused(composed, pdf, editor, leader):
    issue = signoff.issue_publish(issue=signed_off(editor, leader), user=editor)
    with pytest.raises(ValidationError) as exc:
        signoff.issue_submit_correction(issue=issue, user=editor, note="再发一次")
    assert exc.value.messages == [signoff.CORRECTION_UNCHANGED.format(revision=1)]
    issue.refresh_from_db()
    assert issue.correction == Issue.Correction.NONE
    assert IssueRevision.objects.filter(issue=issue).count() == 1


def test_repeated_publish_clicks_give_one_revision(composed, pdf, editor, leader):
    issue = signoff.issue_publish(issue=signed_off(editor, leader), user=editor)
    services.issue_set_override(
        issue=issue, key="hall.cases", text="更正后的办件情况。", generated="x"
    )
    issue = correct(issue, editor, leader)
    for _ in range(5):
        with pytest.raises(ValidationError):
            signoff.issue_publish(issue=issue, user=editor)
        with pytest.raises(ValidationError):
            signoff.issue_submit_correction(issue=issue, user=editor, note="更正")
    assert IssueRevision.objects.filter(issue=issue).count() == 2


def test_correction_only_for_published(composed, pdf, editor):
    issue = IssueFactory()
    with pytest.raises(ValidationError):
        signoff.issue_submit_correction(issue=issue, user=editor, note="更正")


# --- with the real composition ---------------------------------------------------


def test_publish_with_the_real_composition(pdf, editor, leader, hall):
    issue = signed_off(
        editor, leader, number=63, period_start=datetime.date(2021, 6, 1)
    )
    # No approved report: the hall is named, and the publication needs a tick.
    with pytest.raises(ValidationError) as exc:
        signoff.issue_publish(issue=issue, user=editor)
    assert "海东市行政服务和公共资源交易中心" in exc.value.messages[0]
    issue = signoff.issue_publish(issue=issue, user=editor, acknowledge_missing=True)
    document = Document.from_dict(issue.snapshot)
    assert document.masthead.issue_label == "第63期"
    assert document.title.startswith("6月份")
    assert "注：海东市行政服务和公共资源交易中心6月份数据未报送或未审核通过" in (
        issue.search_text
    )


def test_plain_text_holds_headings_paragraphs_and_tables():
    text = services.plain_text(replace(sample_document(), editor_note="编者按文字"))
    assert "一、市级政务服务大厅" in text
    assert "1.积极推动政务服务五级联动建设。" in text
    assert "编者按文字" in text


def test_load_demo_publishes_issue_63_once(settings, tmp_path):
    from django.core.management import call_command

    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    issue = Issue.objects.get(number=63)
    assert issue.is_published and issue.series.title == "海东政务服务动态"
    assert issue.period_start == datetime.date(2021, 6, 1)
    assert issue.publication_date == datetime.date(2021, 7, 6)
    document = Document.from_dict(issue.snapshot)
    assert document.metadata["发布日期"] == "2021年7月6日"
    assert "五级联动" in issue.search_text
    if issue.pdf:  # while the PDF renderer is installed
        data = default_storage.open(issue.pdf.name).read()
        assert data.startswith(b"%PDF") and hashlib.sha256(data).hexdigest() == (
            issue.pdf_sha256
        )
    call_command("load_demo", stdout=io.StringIO())
    assert IssueRevision.objects.filter(issue=issue).count() == 1
