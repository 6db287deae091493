"""12345 hotline sentences."""

from __future__ import annotations

from bulletins.chinese import normalise_text
from bulletins.narrative.base import (
    JUNE,  # noqa: F401 (doctests)
    PeriodLike,
    count_clause,
    join_clauses,
    rate_clause,
)
from submissions.figure_types import HotlineFigures
from submissions.figures import daily_average

MAILBOX = "市政府门户网站“市长信箱”"
MESSAGES = "市政府门户网站“网民留言”"
PROVINCIAL = "青海省“12345”政务服务热线"


def channel_text(channel: str, received: int | None, completed: int | None) -> str:
    """``受理…N件，办结M件。``; "" when nothing was given for the channel.

    >>> channel_text(PROVINCIAL, 44, 37)
    '受理青海省“12345”政务服务热线44件，办结37件。'
    """
    if received is None:
        return ""
    return join_clauses([f"受理{channel}{received}件", count_clause("办结", completed)])


def hotline_text(
    period: PeriodLike, h: HotlineFigures, *, area: str, days: int | None
) -> str:
    """12345 hotline of ``area``: received (承办单, 重新办理单), daily average over
    ``days`` calendar days (the hotline is open every day), completed; each
    nature's share out of all received; then 市长信箱, 网民留言 and the
    provincial 12345. ``h`` is the one hotline type validation, the selectors
    and the clerk's preview use too.

    >>> print(hotline_text(JUNE, HotlineFigures(received=268, assigned=243,
    ...     completed=218, help_requests=185, suggestions=1), area="互助县", days=30))
    6月份，互助县12345市民服务热线共受理268件（其中承办单243件），日均受理9件，办结218件。其中，按办件性质分：求助类185件，占69.03%；建议类1件，占0.37%。
    """
    parts = join_clauses(
        [count_clause("承办单", h.assigned), count_clause("重新办理单", h.redone)],
        lead="（其中",
        end="）",
    )
    average = daily_average(h.received, days)
    text = join_clauses(
        [
            "" if h.received is None else f"共受理{h.received}件{parts}",
            "" if average is None else f"日均受理{average}件",
            count_clause("办结", h.completed),
        ],
        lead=f"{period.label}，{normalise_text(area)}12345市民服务热线",
    )
    natures = [
        join_clauses(
            [f"{label}{value}件", rate_clause("占", value, h.received)], end=""
        )
        for label, value in (
            ("求助类", h.help_requests),
            ("咨询类", h.consultations),
            ("投诉类", h.complaints),
            ("建议类", h.suggestions),
        )
        if value is not None
    ]
    if natures:
        lead = "其中，" if text else f"{period.label}，{normalise_text(area)}12345热线"
        text += f"{lead}按办件性质分：{'；'.join(natures)}。"
    return (
        text
        + channel_text(MAILBOX, h.mayor_mailbox_received, h.mayor_mailbox_completed)
        + channel_text(MESSAGES, h.netizen_received, h.netizen_completed)
        + channel_text(PROVINCIAL, h.provincial_received, h.provincial_completed)
    )
