"""Build the SYNTHETIC benchmark data set in a database of its own.

python manage.py generate_scale_data --years 20 --centres 20 --items 10
python manage.py generate_scale_data --years 1 --centres 3 --no-pdf
python manage.py generate_scale_data --render-pdfs   # the PDFs --no-pdf deferred

See bulletins/scale.py: 240 monthly issues of the series “合成测试数据”, 20
centres (合成测试区01…), 10 work items per report, 50,000 trades a year, every
issue published through the real publishing service. Refuses a database that
holds other published issues unless --force.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from bulletins import scale


class Command(BaseCommand):
    help = (
        "在专用数据库中生成合成测试数据（多年月报、交易并发布全部期刊），用于性能测试。"
    )

    def add_arguments(self, parser):
        defaults = scale.Size()
        parser.add_argument("--years", type=int, default=defaults.years)
        parser.add_argument("--centres", type=int, default=defaults.centres)
        parser.add_argument("--items", type=int, default=defaults.items)
        parser.add_argument(
            "--trades-per-year", type=int, default=defaults.trades_per_year
        )
        parser.add_argument(
            "--months", type=int, default=0, help="only the first N months (0: all)"
        )
        parser.add_argument("--start-year", type=int, default=defaults.start_year)
        parser.add_argument("--seed", type=int, default=defaults.seed)
        parser.add_argument(
            "--no-pdf", action="store_true", help="publish without PDFs (render later)"
        )
        parser.add_argument(
            "--render-pdfs",
            action="store_true",
            help="only render the PDFs a --no-pdf run deferred",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="run even though the database holds real published issues",
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        if options["render_pdfs"]:
            done = scale.render_missing_pdfs(stdout=self.stdout)
            self.stdout.write(
                f"{done} PDFs rendered in {time.perf_counter() - started:.1f} s"
            )
            return
        if options["centres"] < 1 or options["years"] < 1:
            raise CommandError("--years and --centres must be at least 1.")
        size = scale.Size(
            years=options["years"],
            centres=options["centres"],
            items=options["items"],
            trades_per_year=options["trades_per_year"],
            start_year=options["start_year"],
            seed=options["seed"],
            month_count=options["months"],
        )
        try:
            made = scale.generate(
                size,
                pdf=not options["no_pdf"],
                force=options["force"],
                stdout=self.stdout,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        summary = ", ".join(f"{v} {k}" for k, v in made.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"SYNTHETIC data: {summary} in {time.perf_counter() - started:.1f} s"
            )
        )
