"""Print the bulletin composed for a month or quarter from approved reports.

python manage.py compose_issue --month 2021-06
python manage.py compose_issue --quarter 2021-Q3 --format json --bureau haidong

The title and publisher default to the bureau's first series' (its data).
"""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from bulletins.composition import compose_document, document_text
from bulletins.periods import Period
from bulletins.selectors import missing_reports
from bureaus.commands import add_bureau_argument, bureau_from_option

NEED_PERIOD = "请用 --month 2021-06 或 --quarter 2021-Q3 指定报告期（二者选一）。"
BAD_DATE = "印发日期格式应为“YYYY-MM-DD”，如“2021-07-06”，收到“{text}”。"


class Command(BaseCommand):
    help = "按报告期（月或季度）用已审核通过的月报编排一期简报并输出（文本或 JSON）。"

    def add_arguments(self, parser):
        parser.add_argument("--month", help="报告月份，如 2021-06")
        parser.add_argument("--quarter", help="报告季度，如 2021-Q3")
        parser.add_argument(
            "--format", choices=["text", "json"], default="text", help="输出格式"
        )
        parser.add_argument(
            "--series-title", default="", help="刊名（默认为编发单位第一种刊物的刊名）"
        )
        parser.add_argument(
            "--publisher", default="", help="编发单位（默认为该刊物的编发单位）"
        )
        add_bureau_argument(parser)
        parser.add_argument("--issue-label", default="", help="期号，如 第63期")
        parser.add_argument("--date", help="印发日期，如 2021-07-06（默认今天）")

    def handle(self, *args, **options):
        bureau = bureau_from_option(options["bureau"])
        period = self._period(options["month"], options["quarter"])
        publication_date = self._date(options["date"])
        series = bureau.series.order_by("id").first()
        document = compose_document(
            bureau=bureau,
            series_title=options["series_title"] or (series.title if series else ""),
            publisher=options["publisher"]
            or (series.publisher if series else bureau.name),
            subtitle=series.subtitle if series else "",
            issue_label=options["issue_label"],
            publication_date=publication_date,
            period=period,
            profile=series.current_profile().spec if series else None,
        )
        for missing in missing_reports(period, bureau=bureau):
            self.stderr.write(
                f"注意：{missing.name}{missing.month:%Y年}{missing.month.month}月"
                "的月报尚未审核通过，本期未采用。"
            )
        if options["format"] == "json":
            self.stdout.write(
                json.dumps(document.to_dict(), ensure_ascii=False, indent=2)
            )
        else:
            self.stdout.write(document_text(document), ending="")

    def _period(self, month, quarter) -> Period:
        if bool(month) == bool(quarter):
            raise CommandError(NEED_PERIOD)
        try:
            if month:
                return Period.parse_month(month)
            return Period.parse_quarter(quarter)
        except ValueError as error:
            raise CommandError(str(error)) from None

    def _date(self, text) -> date:
        if not text:
            return date.today()
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise CommandError(BAD_DATE.format(text=text)) from None
