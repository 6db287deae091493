"""The bulletin's models: series (``series``), issues (``issues``) and their
state changes (``steps``), their revisions and events (``revisions``), the
draft-preview links (``previews``) and the series' profiles (``profiles``)."""

from bulletins.models.issues import Issue, IssueQuerySet
from bulletins.models.previews import PreviewLink
from bulletins.models.profiles import Profile
from bulletins.models.revisions import IssueEvent, IssueRevision
from bulletins.models.series import Series
from bulletins.models.steps import (
    ILLEGAL_STEP,
    MAY_NOT_SIGN_OFF,
    RETURN_NEEDS_COMMENT,
    SENT_BACK,
    may_sign_off,
)

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
    "Profile",
    "Series",
    "may_sign_off",
]
