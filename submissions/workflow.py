"""The review workflow's vocabulary: refusals, their messages, and reopen guards.

The state changes themselves are ``MonthlyReport`` methods (``submit``,
``return_for_changes``, ``approve``, ``reopen``); this module holds what they share
and what other apps may plug in without submissions importing them.

``reopen_guards`` is a registry of callables ``(report) -> str | None``. Before an
approved report is reopened every guard is asked; a guard that returns a message
refuses the reopen with it. The bulletins app registers "a published issue uses
this report" from its ``AppConfig.ready``::

    from submissions.workflow import reopen_guards
    reopen_guards.append(lambda report: "第63期已发布，不能重新打开" if ... else None)
"""

from collections.abc import Callable

reopen_guards: list[Callable[[object], str | None]] = []


class WorkflowError(Exception):
    """An illegal workflow step; ``str(error)`` is the Chinese message for the user."""


class StaleReportError(WorkflowError):
    """The report changed since the copy the user edited was loaded."""


ILLEGAL_STEP = "该报送当前状态为“{status}”，不能{action}。"
STALE = (
    "保存失败：在您编辑期间，该报送已被他人修改（您打开的是第{expected}版，"
    "当前为第{current}版）。您填写的内容仍保留在下方，请核对最新数据后重新保存。"
)
SUBMIT_HAS_ERRORS = "不能提交：还有{count}项错误需要更正。"
SUBMIT_UNEXPLAINED = "不能提交：还有{count}项预警未填写说明。"
COMMENT_REQUIRED = "退回时必须填写退回意见。"
NOT_EDITABLE = "该报送当前状态为“{status}”，只有草稿或已退回的报送可以修改。"


def reopen_refusals(report) -> list[str]:
    """Messages of every registered guard that refuses reopening ``report``."""
    return [message for guard in reopen_guards if (message := guard(report))]
