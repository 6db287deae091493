"""Draft-preview links: made, revoked and read (``models.PreviewLink``)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from bulletins import services
from bulletins.changes import snapshot_hash
from bulletins.document import Document
from bulletins.models import Issue, PreviewLink

DRAFT_CHANGED = "草稿在生成此链接后已修改，链接已失效；请向编辑索取新的预览链接。"


class PreviewDead(Exception):
    """The link no longer shows anything; ``str(error)`` says why, in Chinese."""


@transaction.atomic
def preview_link_create(*, issue: Issue, user) -> PreviewLink:
    """A link to the draft as it is now (for a published issue: its pending
    correction), stored with it so that it shows exactly that."""
    snapshot = services.pending_document(issue).to_dict()
    return PreviewLink.objects.create(
        issue=issue,
        snapshot=snapshot,
        snapshot_sha256=snapshot_hash(snapshot),
        created_by=user,
    )


def preview_link_revoke(*, link: PreviewLink) -> PreviewLink:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


def preview_document(link: PreviewLink) -> Document:
    """The document the link was made for; ``PreviewDead`` once the link is
    revoked, expired, or the issue was published or its draft changed."""
    reason = link.dead_reason()
    if reason:
        raise PreviewDead(reason)
    live = services.pending_document(link.issue).to_dict()
    if snapshot_hash(live) != link.snapshot_sha256:
        raise PreviewDead(DRAFT_CHANGED)
    return Document.from_dict(link.snapshot)
