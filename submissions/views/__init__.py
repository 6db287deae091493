"""Views of the reporting and review screens (thin: scope, one call, a message)."""

from .clerk import (
    report_edit,
    report_submit,
    report_validate,
    todo,
)
from .editor import (
    reminders_send,
    report_approve,
    report_backfill,
    report_reopen,
    report_return,
    report_review,
    review_overview,
)
from .figure_sheets import figures_export, figures_import, figures_import_confirm
from .opening import quarter_create, report_create

__all__ = [
    "figures_export",
    "figures_import",
    "figures_import_confirm",
    "report_approve",
    "report_backfill",
    "reminders_send",
    "quarter_create",
    "report_create",
    "report_edit",
    "report_reopen",
    "report_return",
    "report_review",
    "report_submit",
    "report_validate",
    "review_overview",
    "todo",
]
