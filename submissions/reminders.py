"""催报: e-mail reminders to the centres whose report of a month is not in.

A centre is late for a month while its report is missing, still a draft, or
returned and not yet submitted again. A centre that reports the quarter as one
report is late only for the quarter's last month, whose deadline is the
quarter's: its draft quarterly report is not late in the quarter's first two
months, and its reminder names the quarter. Each late centre is reminded once per
month: a second reminder goes out only when asked for (``resend``), so that the
editor's button and the daily ``manage.py send_reminders`` never nag twice.
Mail goes through Django's mail framework (``EMAIL_URL``); each sent reminder is
recorded with its time, its sender (None: the automatic one) and recipients.
"""

from __future__ import annotations

import datetime
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse

from . import periods
from .catchup import month_label
from .models import Centre, MonthlyReport, Reminder

SUBJECT = "【催报】请尽快报送{month}政务服务数据"
BODY = (
    "{centre}：\n\n"
    "{month}政务服务数据的报送截止日期为{deadline}。贵单位本期的报送{state}。"
    "请登录系统填报并提交：\n{url}\n\n"
    "如已在处理，请忽略本邮件。\n\n{bureau}\n"
)
STATES = {
    None: "尚未建立",
    MonthlyReport.Status.DRAFT: "尚未提交（草稿）",
    MonthlyReport.Status.RETURNED: "已被退回，尚待修改后重新提交",
}
SEND_FAILED = "邮件发送失败（{error}），已发送的催报已记录，其余未发送。"


@dataclass
class Outcome:
    sent: list[Centre] = field(default_factory=list)
    already: list[Centre] = field(default_factory=list)  # reminded before
    no_address: list[Centre] = field(default_factory=list)
    error: str = ""


def chased(report: MonthlyReport | None, month: datetime.date) -> bool:
    """Whether a centre with ``report`` covering ``month`` is chased for it: no
    report, or one still with the clerk whose period ends with ``month``."""
    return report is None or (report.is_editable and report.months[-1] == month)


def late_centres(
    month: datetime.date, *, bureau
) -> list[tuple[Centre, MonthlyReport | None]]:
    """``bureau``'s active centres whose report of ``month`` is missing, a draft
    or returned."""
    reports = {
        r.centre_id: r
        for r in MonthlyReport.objects.for_bureau(bureau)
        .covering(month)
        .only("id", "centre_id", "status", "month", "period_type")
    }
    late = []
    for centre in Centre.objects.filter(bureau=bureau, is_active=True).select_related(
        "bureau"
    ):
        report = reports.get(centre.pk)
        if chased(report, month):
            late.append((centre, report))
    return late


def last_sent(month: datetime.date, *, bureau) -> dict[int, Reminder]:
    """The latest reminder per centre id of ``bureau`` for ``month``."""
    latest: dict[int, Reminder] = {}
    reminders = Reminder.objects.filter(month=month, centre__bureau=bureau)
    for reminder in reminders.order_by("sent_at", "id"):
        latest[reminder.centre_id] = reminder
    return latest


def _addresses(centre: Centre) -> list[str]:
    return sorted(
        {
            m.user.email
            for m in centre.members.select_related("user")
            if m.user.is_active and m.user.email
        }
    )


def _message(centre, report, month, site_url: str, addresses) -> EmailMessage:
    deadline = report.deadline if report else periods.deadline(month)
    period = report.period_label if report else month_label(month)
    url = site_url.rstrip("/") + (
        report.get_absolute_url() if report else reverse("submissions:todo")
    )
    return EmailMessage(
        subject=SUBJECT.format(month=period),
        body=BODY.format(
            centre=centre.name,
            month=period,
            deadline=f"{deadline.year}年{deadline.month}月{deadline.day}日",
            state=STATES[report.status if report else None],
            url=url,
            bureau=centre.bureau.name,
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=addresses,
    )


def reminders_send(
    *,
    bureau,
    month: datetime.date,
    user=None,
    site_url: str,
    centre_ids: list[int] | None = None,
    resend: bool = False,
) -> Outcome:
    """E-mail every late centre of ``bureau`` for ``month`` (or those of
    ``centre_ids``) not yet
    reminded (all of them with ``resend``); ``user`` None: the automatic run."""
    outcome = Outcome()
    reminded = set(
        Reminder.objects.filter(month=month, centre__bureau=bureau).values_list(
            "centre_id", flat=True
        )
    )
    connection = None
    try:
        for centre, report in late_centres(month, bureau=bureau):
            if centre_ids is not None and centre.pk not in centre_ids:
                continue
            if centre.pk in reminded and not resend:
                outcome.already.append(centre)
                continue
            addresses = _addresses(centre)
            if not addresses:
                outcome.no_address.append(centre)
                continue
            if connection is None:
                connection = get_connection()
                connection.open()
            message = _message(centre, report, month, site_url, addresses)
            message.connection = connection
            message.send()
            Reminder.objects.create(
                centre=centre,
                month=month,
                sent_by=user,
                recipients=", ".join(addresses),
            )
            outcome.sent.append(centre)
    except (smtplib.SMTPException, OSError) as exc:
        outcome.error = SEND_FAILED.format(error=exc.__class__.__name__)
    finally:
        if connection is not None:
            connection.close()
    return outcome


def due_for_automatic(today: datetime.date, working_days: int) -> datetime.date | None:
    """The month whose automatic reminder goes out ``today``: the reporting month
    when ``today`` is ``working_days`` working days before its deadline."""
    month = periods.reporting_month(today)
    deadline = periods.deadline(month)
    day, left = today, 0
    while day < deadline:
        day += datetime.timedelta(days=1)
        if periods.is_working_day(day):
            left += 1
    if today < deadline and left == working_days and periods.is_working_day(today):
        return month
    return None
