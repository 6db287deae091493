"""What a signed or published issue freezes in the other apps: the reports it
used (``submissions.workflow.reopen_guards``) and the months of trades and
manual totals it drew on (``transactions.locks.lock_guards``). Registered by
``BulletinsConfig.ready``.
"""

import datetime

from bulletins.models import Issue


def _earliest_start(month: datetime.date) -> datetime.date:
    """The earliest period start of an issue that can cover ``month``: a
    quarter's issue starts at most two months before."""
    return datetime.date(month.year - (month.month <= 2), (month.month - 3) % 12 + 1, 1)


REPORT_IN_PUBLISHED_ISSUE = (
    "{label}已发布并使用了这份月报，不能重新打开；如需修改请发布更正。"
)


def refuse_reopen_if_published(report) -> str | None:
    """A reopen guard (submissions.workflow.reopen_guards): a report that a
    published issue used stays approved."""
    month = report.month
    earliest = _earliest_start(month)
    candidates = (
        Issue.objects.published()
        .filter(series__bureau__centres=report.centre_id)
        .filter(period_start__lte=month, period_start__gte=earliest)
    )
    # The label reads the series (a 通报 is labelled by its period).
    labelled = candidates.select_related("series")
    for issue in labelled.only("number", "report_ids", "series__prints_number"):
        if report.pk in (issue.report_ids or []):
            return REPORT_IN_PUBLISHED_ISSUE.format(label=issue.label)
    return None


TRADE_IN_PUBLISHED_ISSUE = "{label}已发布并使用了该月的交易数据，不能在此修改。"


def refuse_trade_change_if_published(trade) -> str | None:
    """A trade change guard (transactions.guards.change_guards): a trade of a
    month that a published issue covers stays as published."""
    month = trade.date.replace(day=1)
    earliest = _earliest_start(month)
    candidates = (
        Issue.objects.published()
        .for_bureau(trade.bureau_id)
        .filter(period_start__lte=month, period_start__gte=earliest)
    )
    labelled = candidates.select_related("series")
    fields = ("number", "period_start", "frequency", "series__prints_number")
    for issue in labelled.only(*fields):
        period = issue.period()
        if period.start <= trade.date <= period.end:
            return TRADE_IN_PUBLISHED_ISSUE.format(label=issue.label)
    return None


TRADES_SIGNED = "已被{label}签发稿使用"
TRADES_PUBLISHED = "已被已发布的{label}使用"


def lock_trade_month(bureau_id: int, month: datetime.date):
    """A ``transactions.locks`` guard: the bureau's month of trades is locked
    while an issue of its own covering it is signed off (reopenable, recorded)
    or published."""
    from transactions.locks import MonthLock

    earliest = _earliest_start(month)
    covering = [
        issue
        for issue in Issue.objects.for_bureau(bureau_id)
        .select_related("series")
        .filter(period_start__lte=month, period_start__gte=earliest)
        .exclude(status__in=[Issue.Status.DRAFT, Issue.Status.AWAITING_SIGN_OFF])
        if month in issue.period().months
    ]
    for issue in covering:
        if issue.is_published:
            return MonthLock(
                reason=TRADES_PUBLISHED.format(label=issue.label),
                since=issue.published_at,
                reopenable=False,
            )
    for issue in covering:
        return MonthLock(
            reason=TRADES_SIGNED.format(label=issue.label),
            since=issue.signed_off_at,
            reopenable=True,
        )
    return None
