"""The bulletin's models: series, issues, their revisions and events
(``issues``), and the draft-preview links (``previews``)."""

from bulletins.models.issues import (
    ILLEGAL_STEP,
    MAY_NOT_SIGN_OFF,
    RETURN_NEEDS_COMMENT,
    SENT_BACK,
    Issue,
    IssueEvent,
    IssueQuerySet,
    IssueRevision,
    Series,
    may_sign_off,
)
from bulletins.models.previews import PreviewLink

__all__ = [
    "ILLEGAL_STEP",
    "MAY_NOT_SIGN_OFF",
    "RETURN_NEEDS_COMMENT",
    "SENT_BACK",
    "Issue",
    "IssueEvent",
    "IssueQuerySet",
    "IssueRevision",
    "PreviewLink",
    "Series",
    "may_sign_off",
]
