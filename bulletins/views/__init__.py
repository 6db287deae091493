"""Views of the bulletin: the public site and the editor's screens."""

from .editor import (
    issue_compose,
    issue_items,
    issue_list,
    issue_paragraph,
    issue_settings,
)
from .public import (
    archive,
    home,
    issue_data,
    issue_detail,
    issue_pdf,
    preview,
    revision_detail,
    revision_pdf,
    search,
)
from .signoff import (
    draft_pdf,
    issue_action,
    preview_link_create,
    preview_link_revoke,
)

__all__ = [
    "archive",
    "draft_pdf",
    "home",
    "issue_action",
    "issue_compose",
    "issue_data",
    "issue_detail",
    "issue_items",
    "issue_list",
    "issue_paragraph",
    "issue_pdf",
    "issue_settings",
    "preview",
    "preview_link_create",
    "preview_link_revoke",
    "revision_detail",
    "revision_pdf",
    "search",
]
