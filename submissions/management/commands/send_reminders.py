"""python manage.py send_reminders [--month YYYY-MM] [--resend]: 催报 by e-mail.

Meant for cron, once a day: without ``--month`` it sends only on the day that
is ``REMINDER_WORKING_DAYS_BEFORE`` working days before the reporting month's
deadline, and only to centres not reminded yet, so running it daily is safe.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bureaus.commands import add_bureau_argument, bureau_from_option
from config.periods import PeriodError, parse_month
from submissions.catchup import month_label
from submissions.reminders import due_for_automatic, reminders_send

NOT_TODAY = "今天不是自动催报日（截止日期前{days}个工作日），未发送。"
SENT = "{month}：已催报{sent}个单位，此前已催报{already}个，无邮箱{missing}个。"


class Command(BaseCommand):
    help = (
        "向本月尚未报送（未建立、草稿或已退回）的单位发送催报邮件；"
        "每个单位每月只发一次，除非指定 --resend。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--month", help="催报该月（YYYY-MM），不论今天是否自动催报日。"
        )
        parser.add_argument(
            "--resend", action="store_true", help="已催报过的单位也再发一次。"
        )
        add_bureau_argument(parser)

    def handle(self, *args, month=None, resend=False, bureau="", **options):
        bureau = bureau_from_option(bureau)
        if month:
            try:
                chosen = parse_month(month)
            except PeriodError as exc:
                raise CommandError(str(exc)) from None
        else:
            days = settings.REMINDER_WORKING_DAYS_BEFORE
            chosen = due_for_automatic(timezone.localdate(), days)
            if chosen is None:
                self.stdout.write(NOT_TODAY.format(days=days))
                return
        outcome = reminders_send(
            bureau=bureau, month=chosen, site_url=settings.SITE_URL, resend=resend
        )
        self.stdout.write(
            SENT.format(
                month=month_label(chosen),
                sent=len(outcome.sent),
                already=len(outcome.already),
                missing=len(outcome.no_address),
            )
        )
        if outcome.error:
            raise CommandError(outcome.error)
