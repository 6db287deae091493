"""python manage.py import_trades FILE [--dry-run] [--bureau SLUG]: import a
trades spreadsheet into a bureau."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from bureaus.commands import add_bureau_argument, bureau_from_option
from transactions.services import trades_import

NOT_FOUND = "文件不存在：{path}"
REFUSED = "导入失败，未保存任何数据：{count}处错误。"


class Command(BaseCommand):
    help = (
        "从 .xlsx 或 .csv 导入交易项目（表头：项目编号、项目名称、交易类型、成交日期、"
        "成交金额（元）、备注）。按项目编号幂等：重复导入不产生变化。"
        "任何一行有误则不保存任何数据并以非零状态退出。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=".xlsx 或 .csv 文件")
        parser.add_argument(
            "--dry-run", action="store_true", help="只检查并统计，不保存。"
        )
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条。")
        add_bureau_argument(parser)

    def handle(
        self, *args, file, bureau="", dry_run=False, no_progress=False, **options
    ):
        bureau = bureau_from_option(bureau)
        path = Path(file)
        if not path.is_file():
            raise CommandError(NOT_FOUND.format(path=path))
        bar = tqdm(
            desc="导入交易",
            unit="行",
            disable=no_progress or None,  # None: only on a terminal
            file=self.stderr._out,
        )
        try:
            summary = trades_import(
                bureau=bureau,
                source=path,
                name=path.name,
                size=path.stat().st_size,
                dry_run=dry_run,
                on_start=lambda total: setattr(bar, "total", total),
                on_rows=bar.update,
            )
        finally:
            bar.close()
        for message in summary.file_errors:
            self.stderr.write(message)
        for problem in summary.problems:
            self.stderr.write(str(problem))
        if not summary.ok:
            self.stdout.write(str(summary))
            raise CommandError(
                REFUSED.format(count=len(summary.problems) + len(summary.file_errors))
            )
        self.stdout.write(self.style.SUCCESS(str(summary)))
