"""Build the SYNTHETIC benchmark data set in a database of its own.

    .venv/bin/python bench/generate_scale_data.py --years 20 --centres 20 --items 10
    .venv/bin/python bench/generate_scale_data.py --years 1 --centres 3 --no-pdf
    .venv/bin/python bench/generate_scale_data.py --render-pdfs   # deferred PDFs

``DATABASE_URL`` names the database (never production's). See bench/scale.py:
240 monthly issues of the series “合成测试数据”, 20 centres (合成测试区01…), 10
work items per report, 50,000 trades a year, every issue published through the
real publishing service. Refuses a database that holds other published issues
unless --force. Benchmark generators live in bench/, not in the app.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class GeneratorError(SystemExit):
    """A refusal, printed and exiting with status 1."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def parser(defaults) -> argparse.ArgumentParser:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--years", type=int, default=defaults.years)
    arguments.add_argument("--centres", type=int, default=defaults.centres)
    arguments.add_argument("--items", type=int, default=defaults.items)
    arguments.add_argument(
        "--trades-per-year", type=int, default=defaults.trades_per_year
    )
    arguments.add_argument(
        "--months", type=int, default=0, help="only the first N months (0: all)"
    )
    arguments.add_argument("--start-year", type=int, default=defaults.start_year)
    arguments.add_argument("--seed", type=int, default=defaults.seed)
    arguments.add_argument(
        "--no-pdf", action="store_true", help="publish without PDFs (render later)"
    )
    arguments.add_argument(
        "--render-pdfs",
        action="store_true",
        help="only render the PDFs a --no-pdf run deferred",
    )
    arguments.add_argument(
        "--force",
        action="store_true",
        help="run even though the database holds real published issues",
    )
    return arguments


class _Lines:
    """The generator's progress, a line each (as a management command's)."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> None:
        self.stream.write(text if text.endswith("\n") else text + "\n")
        self.stream.flush()


def main(argv: list[str], stdout=sys.stdout) -> None:
    """Generate (Django already set up)."""
    from bench import scale

    stdout = _Lines(stdout)
    options = parser(scale.Size()).parse_args(argv)
    started = time.perf_counter()
    if options.render_pdfs:
        done = scale.render_missing_pdfs(stdout=stdout)
        stdout.write(f"{done} PDFs rendered in {time.perf_counter() - started:.1f} s")
        return
    if options.centres < 1 or options.years < 1:
        raise GeneratorError("--years and --centres must be at least 1.")
    size = scale.Size(
        years=options.years,
        centres=options.centres,
        items=options.items,
        trades_per_year=options.trades_per_year,
        start_year=options.start_year,
        seed=options.seed,
        month_count=options.months,
    )
    try:
        made = scale.generate(
            size, pdf=not options.no_pdf, force=options.force, stdout=stdout
        )
    except ValueError as exc:
        raise GeneratorError(str(exc)) from exc
    summary = ", ".join(f"{v} {k}" for k, v in made.items())
    stdout.write(f"SYNTHETIC data: {summary} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    # The PDFs go where ``bench/run.py`` serves them from by default.
    os.environ.setdefault("MEDIA_ROOT", str(ROOT / "bench" / "results" / "media"))
    import django

    django.setup()
    from django.core.management import call_command

    # A new database gets its schema first (a migrated one: nothing to do).
    call_command("migrate", "--noinput", verbosity=0)
    main(sys.argv[1:])
