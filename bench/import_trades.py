"""Benchmark: importing trades from .xlsx against a plain bulk_create, side by side.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_trades \\
        .venv/bin/python bench/import_trades.py --rows 50000

Writes an .xlsx of ``--rows`` trades, migrates the database named by
``DATABASE_URL`` (its trades are deleted between phases: use a database of your
own), then runs each phase in a fresh process so that its peak RSS is its own:

* ``bulk_create``: the floor. Stream the same sheet with openpyxl (read-only),
  build ``Trade`` objects (category from a dict) and ``bulk_create`` them: what any
  import must at least do, without validation, duplicate checks or history;
* ``import``: ``trades_import`` (``TradeResource`` through django-import-export,
  every cell validated, history rows written) into an empty table;
* ``reimport``: the same file again, every row unchanged;
* ``library_default``: the library's defaults (one query per row for the trade
  and for the category, per-row diff, per-row save) on ``--default-rows`` rows,
  to show why they are not used.

Prints one line per phase and the ratio import ÷ bulk_create; ``--json`` prints
the figures as JSON. docs/performance-trades.md records a run.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.trade_rows import write_sheet  # noqa: E402


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # DEBUG off: with it on, Django keeps every query's SQL, which is most of the
    # memory a bulk insert of 50,000 rows would appear to use.
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    import django

    django.setup()


def bench_bureau():
    """The bureau the benchmark's trades belong to (the synthetic data's)."""
    from bench.scale import synthetic_bureau

    return synthetic_bureau()


def peak_rss_mb() -> float:
    """This process's peak resident set size, in MiB.

    VmHWM belongs to the address space, so it starts afresh at exec; ru_maxrss
    would carry over the parent's peak (it survives execve on Linux).
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def clear_trades():
    from transactions.models import Trade

    # Raw deletes: QuerySet.delete() would load every trade (history's signals),
    # and that memory would count against the phase that follows.
    for queryset in (Trade.history.all(), Trade.objects.all()):
        queryset._raw_delete(queryset.db)


def phase_bulk_create(path: Path) -> dict:
    import openpyxl
    from django.db import transaction

    from transactions.models import Trade, TradeCategory

    bureau = bench_bureau()
    by_text = {}
    for c in TradeCategory.objects.for_bureau(bureau).leaves():
        by_text[c.label] = by_text[c.name] = c
    started = time.perf_counter()
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = book.worksheets[0].iter_rows(values_only=True)
    next(rows)
    trades = [
        Trade(
            bureau=bureau,
            code=code,
            name=name,
            category=by_text[category],
            date=date.date() if isinstance(date, datetime.datetime) else date,
            amount=Decimal(repr(amount)) if isinstance(amount, float) else amount,
            notes=notes or "",
        )
        for code, name, category, date, amount, notes in rows
    ]
    book.close()
    parsed = time.perf_counter()
    with transaction.atomic():
        Trade.objects.bulk_create(trades, batch_size=2000)
    done = time.perf_counter()
    return {
        "seconds": done - started,
        "read_seconds": parsed - started,
        "insert_seconds": done - parsed,
        "rows": len(trades),
    }


def phase_import(path: Path) -> dict:
    from transactions.services import trades_import

    started = time.perf_counter()
    summary = trades_import(
        bureau=bench_bureau(), source=path, name=path.name, size=path.stat().st_size
    )
    seconds = time.perf_counter() - started
    if not summary.ok:
        raise SystemExit(f"import failed: {summary} {summary.problems[:3]}")
    return {
        "seconds": seconds,
        "rows": summary.rows,
        "created": summary.created,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
    }


def phase_library_default(path: Path, rows: int) -> dict:
    import tablib
    from import_export import fields, resources, widgets

    from transactions.models import Trade, TradeCategory

    bureau = bench_bureau()

    class BureauCategoryWidget(widgets.ForeignKeyWidget):
        def get_queryset(self, value, row, *args, **kwargs):
            return TradeCategory.objects.for_bureau(bureau)

    class DefaultResource(resources.ModelResource):
        code = fields.Field(attribute="code", column_name="项目编号")
        name = fields.Field(attribute="name", column_name="项目名称")
        category = fields.Field(
            attribute="category",
            column_name="交易类型",
            widget=BureauCategoryWidget(TradeCategory, "label"),
        )
        date = fields.Field(
            attribute="date", column_name="成交日期", widget=widgets.DateWidget()
        )
        amount = fields.Field(
            attribute="amount",
            column_name="成交金额（元）",
            widget=widgets.DecimalWidget(),
        )
        notes = fields.Field(attribute="notes", column_name="备注")

        class Meta:
            model = Trade
            import_id_fields = ("code",)
            fields = ("code", "name", "category", "date", "amount", "notes")

        def before_save_instance(self, instance, row, **kwargs):
            instance.bureau = bureau  # the one bureau of the benchmark's database

    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet_rows = book.worksheets[0].iter_rows(values_only=True)
    headers = list(next(sheet_rows))
    dataset = tablib.Dataset(headers=headers)
    for n, values in enumerate(sheet_rows):
        if n >= rows:
            break
        values = list(values)
        if values[2] == "国有产权交易":
            values[2] = "产权交易"  # ForeignKeyWidget matches one field only
        values[5] = values[5] or ""
        dataset.append(values)
    book.close()
    started = time.perf_counter()
    result = DefaultResource().import_data(dataset)
    seconds = time.perf_counter() - started
    if result.has_errors() or result.has_validation_errors():
        errors = [r.error for r in result.invalid_rows[:2]] + [
            e.error for r in result.error_rows[:2] for e in r.errors
        ]
        raise SystemExit(f"library default import failed: {errors}")
    return {"seconds": seconds, "rows": len(dataset)}


def run_phase(name: str, path: Path, default_rows: int) -> dict:
    """Run one phase in a fresh interpreter; returns its figures and peak RSS."""
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--phase",
            name,
            "--file",
            str(path),
            "--default-rows",
            str(default_rows),
        ],
        capture_output=True,
        text=True,
        env=os.environ,
    )
    if out.returncode:
        raise SystemExit(f"phase {name} failed:\n{out.stderr}{out.stdout}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def child(args) -> None:
    setup_django()
    path = Path(args.file)
    if args.phase == "bulk_create":
        clear_trades()
        figures = phase_bulk_create(path)
    elif args.phase == "import":
        clear_trades()
        figures = phase_import(path)
    elif args.phase == "reimport":
        figures = phase_import(path)
    elif args.phase == "library_default":
        clear_trades()
        figures = phase_library_default(path, args.default_rows)
    elif args.phase == "clear":
        clear_trades()
        figures = {}
    figures["peak_rss_mb"] = round(peak_rss_mb(), 1)
    print(json.dumps(figures))


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument(
        "--default-rows",
        type=int,
        default=2_000,
        help="rows for the library-default phase (0 skips it)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="best of N runs of bulk_create and import, alternated",
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        child(args)
        return {}

    setup_django()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    vendor = connection.vendor
    connection.close()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"trades-{args.rows}.xlsx"
        started = time.perf_counter()
        write_sheet(path, args.rows)
        results = {
            "database": vendor,
            "rows": args.rows,
            "file_mb": round(path.stat().st_size / 2**20, 2),
            "write_sheet_seconds": round(time.perf_counter() - started, 2),
        }
        default_rows = min(args.default_rows, args.rows)
        phases = ["bulk_create", "import", "reimport"]
        if default_rows:
            phases.append("library_default")
        # The two compared phases alternate, so that a change in the machine's
        # load during the run weighs on both alike; each keeps its fastest run.
        runs = {"bulk_create": [], "import": []}
        for _ in range(args.repeat):
            for name in runs:
                runs[name].append(run_phase(name, path, default_rows))
        for name, figures in runs.items():
            results[name] = min(figures, key=lambda f: f["seconds"])
        # reimport follows the last import run, so it finds every row stored.
        for name in phases[2:]:
            results[name] = run_phase(name, path, default_rows)
        run_phase("clear", path, default_rows)
    results["ratio"] = round(
        results["import"]["seconds"] / results["bulk_create"]["seconds"], 2
    )
    results["ratio_to_insert_only"] = round(
        results["import"]["seconds"] / results["bulk_create"]["insert_seconds"], 2
    )
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    else:
        print(f"{vendor}, {args.rows} rows, {results['file_mb']} MB .xlsx")
        for name in phases:
            figures = results[name]
            per_row = figures["seconds"] / max(figures["rows"], 1) * 1000
            print(
                f"  {name:16} {figures['rows']:>7} rows {figures['seconds']:8.2f} s "
                f"({per_row:.3f} ms/row)  peak RSS {figures['peak_rss_mb']} MB"
            )
        print(f"  import ÷ bulk_create = {results['ratio']}")
        print(
            "  import ÷ bulk_create's INSERTs alone = "
            f"{results['ratio_to_insert_only']}"
        )
    return results


if __name__ == "__main__":
    main()
