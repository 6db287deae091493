"""python manage.py validate_reports --month 2021-06 [--format json] [--bureau SLUG]

Prints every validation finding of every report covering the month (the month's
reports and the quarterly reports of its quarter): as text grouped by centre in
display order, or as JSON (a list of {centre, period, rule, level, message}).
Findings are information, not failures: the exit code is 0.
"""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from bureaus.commands import add_bureau_argument, bureau_from_option
from config import periods
from submissions.validation import LEVEL_LABELS
from submissions.validation.queries import figures_for_month
from submissions.validation.rules import validate

NO_REPORTS = "{year}年{month}月没有任何月报。"
NO_FINDINGS = "未发现问题。"
SUMMARY = "共{reports}份月报：错误{errors}项，预警{warnings}项。"


def parse_month(value: str) -> datetime.date:
    """ "2021-06" → date(2021, 6, 1); CommandError (in Chinese) otherwise."""
    try:
        return periods.parse_month(value)
    except periods.PeriodError as exc:
        raise CommandError(str(exc)) from None


class Command(BaseCommand):
    help = "列出某月全部月报的校验结果（错误与预警）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--month", required=True, help="月份，格式 YYYY-MM，例如 2021-06。"
        )
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="输出格式：text（默认，按报送单位分组）或 json。",
        )
        add_bureau_argument(parser)

    def handle(self, *args, month, format, bureau, **options):
        month = parse_month(month)
        bureau = bureau_from_option(bureau)
        results = [
            (report, validate(figures))
            for report, figures in figures_for_month(month, bureau=bureau)
        ]
        if format == "json":
            rows = [
                {
                    "centre": report.centre.name,
                    "period": report.period_label,
                    "rule": finding.rule,
                    "level": finding.level,
                    "message": finding.message,
                }
                for report, findings in results
                for finding in findings
            ]
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not results:
            self.stdout.write(NO_REPORTS.format(year=month.year, month=month.month))
            return
        counts = {"error": 0, "warning": 0}
        for report, findings in results:
            quarter = f"{report.period_label}季报，" if report.is_quarterly else ""
            status = report.get_status_display()
            self.stdout.write(f"{report.centre.name}（{quarter}{status}）")
            if not findings:
                self.stdout.write(f"  {NO_FINDINGS}")
            for finding in findings:
                counts[finding.level] += 1
                label = LEVEL_LABELS[finding.level]
                self.stdout.write(f"  [{label}] {finding.rule}：{finding.message}")
        self.stdout.write(
            SUMMARY.format(
                reports=len(results), errors=counts["error"], warnings=counts["warning"]
            )
        )
