"""Write the PDF of an issue: the published one, or a draft's preview.

python manage.py export_issue_pdf 63 -o 第63期.pdf
python manage.py export_issue_pdf --draft --month 2021-06 -o draft.pdf

A published issue is rendered from its frozen snapshot, as the site's
canonical …/pdf/ address serves; a draft is composed now from approved reports with the
editor's changes, exactly as the editor's preview. ``-o -`` writes to stdout.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bulletins.document import Document
from bulletins.models import Issue, Series
from bulletins.pdf import font_status, render_pdf
from bulletins.periods import Period
from bureaus.commands import add_bureau_argument, bureau_from_option

NO_ISSUE = "没有已发布的第{number}期。"
NO_NUMBER = "请给出期号（如 63），或用 --draft --month 2021-06 导出草稿。"
NEED_MONTH = "导出草稿时请用 --month 2021-06 或 --quarter 2021-Q3 指定报告期。"
NO_SNAPSHOT = "第{number}期已发布但没有快照，无法导出。"


class Command(BaseCommand):
    help = "导出一期简报的 PDF：已发布的期次（按期号）或某报告期的草稿（--draft）。"

    def add_arguments(self, parser):
        parser.add_argument("number", nargs="?", type=int, help="期号，如 63")
        parser.add_argument(
            "-o", "--output", required=True, help="输出文件；“-”为标准输出"
        )
        parser.add_argument(
            "--draft", action="store_true", help="导出草稿（按报告期编排）"
        )
        parser.add_argument("--month", help="草稿的报告月份，如 2021-06")
        parser.add_argument("--quarter", help="草稿的报告季度，如 2021-Q3")
        parser.add_argument("--series", help="刊名（有多个刊物时）")
        add_bureau_argument(parser)

    def handle(self, *args, **options):
        self.bureau = bureau_from_option(options["bureau"])
        if options["draft"]:
            document = self._draft(options)
        elif options["number"] is None:
            raise CommandError(NO_NUMBER)
        else:
            document = self._published(options["number"], options["series"])
        data = render_pdf(document)
        status = font_status()
        if not status.ok:
            self.stderr.write(status.summary)
        output = options["output"]
        if output == "-":
            stream = self.stdout._out
            getattr(stream, "buffer", stream).write(data)
        else:
            Path(output).write_bytes(data)
            self.stderr.write(f"已写入 {output}（{len(data)} 字节）。")

    def _issues(self, series_title):
        issues = Issue.objects.for_bureau(self.bureau).select_related("series")
        if series_title:
            issues = issues.filter(series__title=series_title)
        return issues

    def _published(self, number: int, series_title) -> Document:
        issue = (
            self._issues(series_title)
            .published()
            .filter(number=number)
            .order_by("series_id", "-numbering_year")
            .first()
        )
        if issue is None:
            raise CommandError(NO_ISSUE.format(number=number))
        if not issue.snapshot:
            raise CommandError(NO_SNAPSHOT.format(number=number))
        return Document.from_dict(issue.snapshot)

    def _draft(self, options) -> Document:
        from bulletins import services
        from bulletins.composition import compose_document

        month, quarter = options["month"], options["quarter"]
        if bool(month) == bool(quarter):
            raise CommandError(NEED_MONTH)
        try:
            period = (
                Period.parse_month(month) if month else Period.parse_quarter(quarter)
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        issues = self._issues(options["series"]).filter(period_start=period.start)
        if options["number"] is not None:
            issues = issues.filter(number=options["number"])
        issue = issues.exclude(status=Issue.Status.PUBLISHED).first()
        if issue is not None:
            return services.draft_document(issue)
        # No issue created for the period yet: compose it as it would be.
        in_bureau = Series.objects.filter(bureau=self.bureau)
        series = (
            in_bureau.filter(title=options["series"]).first()
            if options["series"]
            else in_bureau.order_by("id").first()
        )
        if series is None:
            raise CommandError("还没有刊物，请先在管理后台建立。")
        number = options["number"]
        return compose_document(
            bureau=self.bureau,
            series_title=series.title,
            publisher=series.publisher,
            subtitle=series.subtitle,
            issue_label=f"第{number}期" if number else "",
            publication_date=services.default_publication_date(series, period.start),
            period=period,
        )
