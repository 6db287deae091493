"""A sign-off that lapses leaves its PDF behind: remove the file once nothing
refers to it any more.

The signed PDF becomes the published file when the issue is published (the same
name), and published files stay for ever (revisions keep theirs). A sign-off
that lapses before that — withdrawn, returned, or sent back to the leader
because the figures changed — leaves a file nobody can reach; it is deleted
after the transaction that forgot it commits, and only if no issue or revision
names it.
"""

from django.core.files.storage import default_storage
from django.db import transaction


def discard_when_unused(name: str) -> None:
    """After the current transaction commits, delete the stored file ``name``
    unless an issue (published or signed) or a revision still names it."""
    if name:
        transaction.on_commit(lambda: _discard(name))


def _discard(name: str) -> None:
    from bulletins.models import Issue, IssueRevision

    in_use = (
        Issue.objects.filter(pdf=name).exists()
        or Issue.objects.filter(signed_pdf=name).exists()
        or IssueRevision.objects.filter(pdf=name).exists()
    )
    if not in_use:
        default_storage.delete(name)
