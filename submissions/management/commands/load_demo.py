"""python manage.py load_demo [--force]: the seed issue's data, labelled as demo."""

import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Each app contributes a ``demo`` module with ``load(stdout)``; order matters:
# bulletins composes from what submissions and transactions loaded; the second
# bureau (海西州) loads last, through the same services, into its own rows.
DEMO_MODULES = [
    "bureaus.demo",
    "submissions.demo",
    "transactions.demo",
    "bulletins.demo",
    "submissions.demo_haixi",
    "transactions.demo_haixi",
    "bulletins.demo_haixi",
]


class Command(BaseCommand):
    help = "载入演示数据（第63期，2021年6月）。可重复运行，结果不变。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="在 DEBUG 关闭时仍然载入（不建议在生产数据库上使用）。",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG 已关闭：为防止演示数据混入生产数据库，已拒绝载入。"
                "确需载入请加 --force。"
            )
        with transaction.atomic():
            for dotted in DEMO_MODULES:
                try:
                    module = importlib.import_module(dotted)
                except ModuleNotFoundError as exc:
                    if exc.name != dotted:
                        raise
                    continue
                module.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("演示数据已载入。"))
