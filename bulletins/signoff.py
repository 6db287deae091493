"""签发 means what it says: the leader signs a specific text, and exactly that
text is published (docs/publishing.md, "Signed content").

- ``issue_submit`` sends a draft for sign-off; centres left out (no approved
  report) are listed and must be acknowledged.
- ``issue_submit_correction`` sends a published issue's correction (更正) for
  sign-off; it must say what it corrects and change something.
- ``issue_sign_off`` freezes what the leader saw: the snapshot, its SHA-256 and
  the PDF built from it.
- ``issue_publish`` publishes the signed snapshot and PDF as they are, after
  composing the live draft again: if anything changed, nothing is published,
  the sign-off lapses and the issue waits for the leader with the list of
  changes.

The live document is read through ``services`` (``services.pending_document``,
``services.render_pdf_bytes``), so one composition serves every screen.
"""

from __future__ import annotations

import datetime
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from bulletins import services
from bulletins.changes import document_changes, snapshot_hash
from bulletins.document import Document
from bulletins.models import Issue, IssueEvent, IssueRevision, Series

# Messages shown to users; tests assert them.
MAY_NOT_PUBLISH = "您没有发布权限。"
SIGNED_CONTENT_CHANGED = (
    "不能发布：签发后，本期所依据的数据或文字有{count}处变化（见变化清单），"
    "发布的内容必须与签发人签发的完全一致。本期已退回签发人重新签发。"
)
MISSING_NOT_ACKNOWLEDGED = (
    "以下单位的数据未编入本期：{names}。请勾选“已知悉上述单位未编入本期”后再继续。"
)
MISSING_ACKNOWLEDGED = "已确认以下单位未编入本期：{names}"
CORRECTION_NEEDS_NOTE = "更正必须写明更正了什么（更正说明）。"
CORRECTION_UNCHANGED = "更正内容与已发布的第{revision}版完全相同，没有需要更正的内容。"
DRAFT_CHANGED_SINCE_VIEWED = "您查看之后本期内容又有变化，未签发；请重新查看后再签发。"
PUBLISH_CONFLICT = services.PUBLISH_CONFLICT


def missing_centres(document: Document) -> list[str]:
    """Names of the centres a document leaves out (no approved report)."""
    return list(dict.fromkeys(m["name"] for m in document.figures.get("missing", [])))


def _check_missing(document: Document, acknowledged: bool) -> list[str]:
    missing = missing_centres(document)
    if missing and not acknowledged:
        raise ValidationError(
            MISSING_NOT_ACKNOWLEDGED.format(names="、".join(missing)),
            code="missing_not_acknowledged",
        )
    return missing


def _acknowledged(missing) -> str:
    return MISSING_ACKNOWLEDGED.format(names="、".join(missing)) if missing else ""


def _locked(issue: Issue) -> Issue:
    return Issue.objects.select_for_update().select_related("series").get(pk=issue.pk)


@transaction.atomic
def issue_submit(*, issue: Issue, user, acknowledge_missing: bool = False) -> Issue:
    """提交签发: a draft goes to the leader."""
    issue = _locked(issue)
    missing = _check_missing(services.pending_document(issue), acknowledge_missing)
    issue.submit_for_sign_off(user, comment=_acknowledged(missing))
    return issue


@transaction.atomic
def issue_submit_correction(
    *, issue: Issue, user, note: str, recompose: bool = False
) -> Issue:
    """A published issue's correction goes to the leader; refused without a
    note or when it would publish the current revision again."""
    note = (note or "").strip()
    if not note:
        raise ValidationError(CORRECTION_NEEDS_NOTE, code="note_required")
    issue = _locked(issue)
    issue._step([Issue.Status.PUBLISHED], "提交更正")
    issue._correction_step([Issue.Correction.NONE], "提交更正")
    issue.correction_recompose = recompose
    candidate = services.pending_document(issue)
    if not document_changes(Document.from_dict(issue.snapshot), candidate):
        raise ValidationError(
            CORRECTION_UNCHANGED.format(revision=issue.revision), code="unchanged"
        )
    issue.submit_correction(user, note, recompose)
    return issue


def issue_sign_off(*, issue: Issue, user, seen_sha256: str = "") -> Issue:
    """签发: freeze the document the leader saw, its hash and its PDF.

    ``seen_sha256`` is the hash of the document on the leader's screen; when
    given and the draft has changed since, nothing is signed.
    """
    stored = []
    try:
        with transaction.atomic():
            issue = _locked(issue)
            document = services.pending_document(issue)
            snapshot = document.to_dict()
            digest = snapshot_hash(snapshot)
            if seen_sha256 and seen_sha256 != digest:
                raise ValidationError(DRAFT_CHANGED_SINCE_VIEWED, code="changed")
            if issue.is_published and not document_changes(
                Document.from_dict(issue.snapshot), document
            ):
                raise ValidationError(
                    CORRECTION_UNCHANGED.format(revision=issue.revision),
                    code="unchanged",
                )
            name, pdf_digest = store_pdf(issue, document)
            stored.append(name)
            issue.sign_off(
                user,
                snapshot=snapshot,
                snapshot_sha256=digest,
                pdf_name=name,
                pdf_sha256=pdf_digest,
            )
    except BaseException:
        _discard(stored)
        raise
    return issue


def store_pdf(issue: Issue, document: Document) -> tuple[str, str]:
    """Render the document's PDF and store it: (file name, SHA-256)."""
    pdf = services.render_pdf_bytes(document)
    name = default_storage.save(
        f"bulletins/{issue.series_id}/{issue.number}-signed.pdf", ContentFile(pdf)
    )
    return name, hashlib.sha256(pdf).hexdigest()


def _discard(names):
    for name in names:
        if name:
            default_storage.delete(name)


class SignedContentChanged(ValidationError):
    """Publishing was refused because what the issue draws on changed since
    sign-off; ``changes`` lists them and the issue went back to the leader."""

    def __init__(self, changes):
        super().__init__(
            SIGNED_CONTENT_CHANGED.format(count=len(changes)), code="changed"
        )
        self.changes = changes


def issue_publish(
    *,
    issue: Issue,
    user,
    acknowledge_missing: bool = False,
    at: datetime.datetime | None = None,
) -> Issue:
    """Publish exactly what the leader signed: the signed snapshot and its PDF.

    The live draft is composed again first; if it differs from the signed
    snapshot, nothing is published, the sign-off lapses and the issue waits
    for the leader with the list of changes (``SignedContentChanged``). A
    signed issue that leaves centres out needs ``acknowledge_missing``. The
    same for a signed correction, which adds a revision. ``at`` back-dates the
    publication (demo data); it is now by default.
    """
    if not user.has_perm("bulletins.publish_issue"):
        raise PermissionDenied(MAY_NOT_PUBLISH)
    with transaction.atomic():
        # Locking the series serialises publishing within it, so two editors
        # cannot both take one number; the unique constraints back this up.
        # The issue's row lock makes a second click (or editor) wait and then
        # find the issue already published: one revision.
        Series.objects.select_for_update().get(pk=issue.series_id)
        issue = _locked(issue)
        if issue.is_published:
            issue._correction_step([Issue.Correction.SIGNED_OFF], "发布更正")
        else:
            issue._step([Issue.Status.SIGNED_OFF], "发布")
            services._check_free(
                issue.series,
                issue.period_start,
                issue.number,
                issue.publication_date,
                issue,
            )
        signed = Document.from_dict(issue.signed_snapshot)
        changes = document_changes(signed, services.pending_document(issue))
        if changes:
            issue.send_back_to_leader(user, changes)
        else:
            _publish_signed(issue, user, signed, acknowledge_missing, at)
    if changes:
        raise SignedContentChanged(changes)
    return issue


def _publish_signed(issue, user, signed, acknowledge_missing, at):
    missing = _check_missing(signed, acknowledge_missing)
    correction = issue.is_published
    now = at or timezone.now()
    revision = issue.revision + 1
    note = issue.correction_note if correction else ""
    before = issue.status
    issue.snapshot = issue.signed_snapshot
    issue.search_text = services.plain_text(signed)
    issue.pdf.name = issue.signed_pdf.name
    issue.pdf_sha256 = issue.signed_pdf_sha256
    issue.revision = revision
    issue.revised_at = now
    issue.status = Issue.Status.PUBLISHED
    issue.editor_note = signed.editor_note
    if not correction or issue.correction_recompose:
        issue.report_ids = services.reports_used(issue)
    if not correction:
        issue.published_by, issue.published_at = user, now
        # The profile version it was built with, kept from now on (a recomposed
        # correction uses it too).
        issue.profile = services.issue_profile(issue)
    issue.correction, issue.correction_note = Issue.Correction.NONE, ""
    issue.correction_recompose = False
    try:
        with transaction.atomic():
            issue.save()
            IssueRevision.objects.create(
                issue=issue,
                number=revision,
                snapshot=issue.snapshot,
                pdf=issue.pdf.name,
                pdf_sha256=issue.pdf_sha256,
                note=note,
                published_by=user,
                published_at=now,
            )
    except IntegrityError as exc:
        raise ValidationError(PUBLISH_CONFLICT, code="conflict") from exc
    comment = "；".join(
        filter(None, [note and f"更正：{note}", _acknowledged(missing)])
    )
    IssueEvent.objects.create(
        issue=issue,
        actor=user,
        at=now,
        from_status=before,
        to_status=issue.status,
        comment=comment,
    )
