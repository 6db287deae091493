"""催报 by e-mail (issue 16, finding 7), sent through Django's SMTP backend to a
real SMTP server on loopback (aiosmtpd): once per centre and month unless sent
again on purpose, the time shown on the month overview, and the cron command."""

import datetime
import email
import socket
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from django.core.management import CommandError, call_command
from django.urls import reverse

from submissions import reminders
from submissions.models import MonthlyReport, Reminder
from submissions.views import editor as editor_views
from tests.factories import ClerkFactory, MonthlyReportFactory

S = MonthlyReport.Status
JUNE = datetime.date(2021, 6, 1)


class Inbox:
    """aiosmtpd handler: keeps every message it is given."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


@pytest.fixture
def world(centre, other_centre, clerk):
    clerk.email = "pingan@example.gov.cn"
    clerk.save()
    ClerkFactory(username="ledu", centre=other_centre, email="ledu@example.gov.cn")
    return centre, other_centre


def remind(client, **data):
    return client.post(
        reverse("submissions:reminders_send"),
        {"month": "2021-06-01", **data},
        follow=True,
    )


def test_editor_reminds_late_centres_once_and_sees_when(login, editor, smtp, world):
    centre, other_centre = world
    # 乐都区 has submitted: not late; 平安区 has nothing yet.
    MonthlyReportFactory(centre=other_centre, month=JUNE, status=S.SUBMITTED)
    client = login(editor)
    response = remind(client)
    html = response.content.decode()
    assert editor_views.REMINDED.format(count=1, names="平安区") in html
    ((to, message),) = smtp.messages
    assert to == ["pingan@example.gov.cn"]
    assert message["Subject"].strip() == "【催报】请尽快报送2021年6月政务服务数据"
    body = message.get_content()
    assert "截止日期为2021年7月5日" in body and "尚未建立" in body
    assert "http://testserver/reports/" in body
    reminder = Reminder.objects.get()
    assert (reminder.centre, reminder.sent_by) == (centre, editor)
    # the overview says when it was sent
    sent = f"已催报 {reminder.sent_at.astimezone().strftime('%-m月%-d日')}"
    assert sent in html
    # a second click does not nag again
    html = remind(client).content.decode()
    assert len(smtp.messages) == 1
    assert "本月已催报过，未重复发送" in html
    # deliberately once more, for that centre
    remind(client, centre=centre.pk)
    assert len(smtp.messages) == 2
    assert Reminder.objects.count() == 2


def test_a_returned_report_is_chased_with_its_state(login, editor, smtp, world):
    centre, other_centre = world
    MonthlyReportFactory(centre=centre, month=JUNE, status=S.RETURNED)
    MonthlyReportFactory(centre=other_centre, month=JUNE, status=S.APPROVED)
    remind(login(editor))
    ((to, message),) = smtp.messages
    assert "已被退回" in message.get_content()


def test_a_centre_without_an_address_is_named_and_not_recorded(
    login, editor, smtp, centre
):
    html = remind(login(editor)).content.decode()
    assert editor_views.NO_ADDRESS.format(names="平安区").split("没有")[0] in html
    assert "没有填报员邮箱" in html
    assert smtp.messages == []
    assert not Reminder.objects.exists()


def test_an_unreachable_mail_server_records_nothing(login, editor, settings, world):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.EMAIL_TIMEOUT = 5
    html = remind(login(editor)).content.decode()
    assert "邮件发送失败" in html
    assert not Reminder.objects.exists()


def test_the_clerk_may_not_send_reminders(login, clerk, smtp, world):
    response = login(clerk).post(
        reverse("submissions:reminders_send"), {"month": "2021-06-01"}
    )
    assert response.status_code == 403
    assert smtp.messages == []


def test_automatic_day_is_n_working_days_before_the_deadline():
    # June 2021 is due Monday 2021-07-05; 3 and 4 July are a weekend.
    assert reminders.due_for_automatic(datetime.date(2021, 7, 1), 2) == JUNE
    assert reminders.due_for_automatic(datetime.date(2021, 7, 2), 2) is None
    assert reminders.due_for_automatic(datetime.date(2021, 7, 2), 1) == JUNE
    assert reminders.due_for_automatic(datetime.date(2021, 7, 3), 1) is None


def test_command_sends_once_for_cron(smtp, world, settings, capsys):
    settings.SITE_URL = "https://bulletin.example.gov.cn"
    call_command("send_reminders", "--month", "2021-06")
    assert len(smtp.messages) == 2
    assert "https://bulletin.example.gov.cn/reports/" in (
        smtp.messages[0][1].get_content()
    )
    assert Reminder.objects.filter(sent_by=None).count() == 2
    call_command("send_reminders", "--month", "2021-06")
    assert len(smtp.messages) == 2
    assert "此前已催报2个" in capsys.readouterr().out
    call_command("send_reminders", "--month", "2021-06", "--resend")
    assert len(smtp.messages) == 4


def test_command_waits_for_its_day(smtp, world, monkeypatch, capsys):
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *a, **k: datetime.date(2021, 7, 2)
    )
    call_command("send_reminders")
    assert "今天不是自动催报日" in capsys.readouterr().out
    assert smtp.messages == []
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *a, **k: datetime.date(2021, 7, 1)
    )
    call_command("send_reminders")
    assert len(smtp.messages) == 2


def test_command_refuses_a_bad_month(db):
    with pytest.raises(CommandError, match="月份格式应为“YYYY-MM”"):
        call_command("send_reminders", "--month", "2021-13")


@pytest.mark.parametrize(
    "month", [datetime.date(2021, 4, 1), datetime.date(2021, 5, 1)]
)
def test_a_draft_quarterly_report_is_not_late_before_the_quarters_last_month(
    login, editor, smtp, world, month
):
    centre, other_centre = world
    MonthlyReportFactory(
        centre=centre,
        month=datetime.date(2021, 4, 1),
        period_type=MonthlyReport.PeriodType.QUARTER,
        status=S.DRAFT,
    )
    MonthlyReportFactory(centre=other_centre, month=month, status=S.SUBMITTED)
    assert reminders.late_centres(month, bureau=centre.bureau) == []
    remind(login(editor), month=month.isoformat())
    assert smtp.messages == [] and not Reminder.objects.exists()


def test_a_draft_quarterly_report_is_chased_for_the_quarter(login, editor, smtp, world):
    centre, other_centre = world
    MonthlyReportFactory(
        centre=centre,
        month=datetime.date(2021, 4, 1),
        period_type=MonthlyReport.PeriodType.QUARTER,
        status=S.DRAFT,
    )
    MonthlyReportFactory(centre=other_centre, month=JUNE, status=S.APPROVED)
    remind(login(editor))
    ((to, message),) = smtp.messages
    assert to == ["pingan@example.gov.cn"]
    assert message["Subject"].strip() == "【催报】请尽快报送2021年第二季度政务服务数据"
    body = message.get_content()
    assert "2021年第二季度政务服务数据的报送截止日期为2021年7月5日" in body
    assert "贵单位本期的报送尚未提交（草稿）" in body
    assert Reminder.objects.get().month == JUNE
