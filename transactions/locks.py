"""Months whose trades and manual totals a bulletin has signed: locked.

A leader's 签发 covers the figures the issue draws on, trades included. Trades
have no approval state of their own, so a month is locked while an issue that
uses it is signed off or published, the way an approved report is. The bulletins
app says which months are locked through ``lock_guards`` (this app never reads
bulletins), each a callable ``(bureau_id, month) -> MonthLock | None``.
Locks are a bureau's own: one bureau's signed issue never locks another's
trades, and a reopening acts on its bureau's month only.

A month locked by a signed (not yet published) issue can be reopened: an
explicit, recorded step (``TradeMonthReopening``, who, when and why) after which
changes are accepted; the issue's publication is then refused until the leader
signs again (bulletins compares the signed content). A month a published issue
used stays locked: the bulletin is corrected instead.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError

MONTH_LOCKED = "{month}的交易数据{reason}，已锁定，不能修改。"
REOPEN_HINT = "如需修改，请先在交易列表中“重新打开本月交易数据”（将记录操作人和原因）。"
REOPEN_NEEDS_REASON = "重新打开时必须填写原因。"
NOT_LOCKED = "{month}的交易数据没有被锁定，无需重新打开。"
NOT_REOPENABLE = "{month}的交易数据{reason}，不能重新打开。"


@dataclass(frozen=True)
class MonthLock:
    reason: str  # 已被第64期签发稿使用
    since: datetime.datetime  # the sign-off (or publication)
    reopenable: bool


lock_guards: list[Callable[[int, datetime.date], MonthLock | None]] = []


def month_text(month: datetime.date) -> str:
    return f"{month.year}年{month.month}月"


def month_lock(bureau_id: int, month: datetime.date) -> MonthLock | None:
    """The lock on the bureau's ``month`` (its first day), unless reopened since."""
    from transactions.models import TradeMonthReopening

    month = month.replace(day=1)
    for guard in lock_guards:
        lock = guard(bureau_id, month)
        if lock is None:
            continue
        if lock.reopenable and (
            TradeMonthReopening.objects.filter(
                bureau_id=bureau_id, month=month, at__gt=lock.since
            ).exists()
        ):
            continue
        return lock
    return None


def check_month_open(bureau_id: int, month: datetime.date) -> None:
    """Raise a ``ValidationError`` naming the month when the bureau's is locked."""
    lock = month_lock(bureau_id, month)
    if lock is not None:
        message = MONTH_LOCKED.format(month=month_text(month), reason=lock.reason)
        if lock.reopenable:
            message += REOPEN_HINT
        raise ValidationError(message, code="month_locked")


def month_reopen(*, bureau_id: int, month: datetime.date, user, reason: str):
    """Record the explicit reopen of the bureau's locked month's trades."""
    from transactions.models import TradeMonthReopening

    month = month.replace(day=1)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(REOPEN_NEEDS_REASON, code="reason_required")
    lock = month_lock(bureau_id, month)
    if lock is None:
        raise ValidationError(
            NOT_LOCKED.format(month=month_text(month)), code="not_locked"
        )
    if not lock.reopenable:
        raise ValidationError(
            NOT_REOPENABLE.format(month=month_text(month), reason=lock.reason),
            code="not_reopenable",
        )
    return TradeMonthReopening.objects.create(
        bureau_id=bureau_id, month=month, user=user, reason=reason
    )
