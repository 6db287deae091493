"""Benchmark: importing trades from .csv against a plain bulk_create, side by side.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_scale_import \\
        .venv/bin/python bench/import_csv.py --rows 50000 --json

The .csv twin of ``bench/import_trades.py`` (whose phases and helpers it reuses;
the rows are ``bench/trade_rows.py``'s) written as UTF-8 .csv; ``bulk_create`` reads
them with the csv module and inserts them, ``import`` runs ``trades_import`` on
the file. Each phase runs in a fresh process so its peak RSS is its own. The
database's trades are deleted between phases: use a database of your own.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.trade_rows import write_csv  # noqa: E402


def _xlsx_bench():
    spec = importlib.util.spec_from_file_location(
        "bench_import_trades", HERE / "import_trades.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def phase_bulk_create(path: Path) -> dict:
    from django.db import transaction

    from transactions.models import Trade, TradeCategory

    bureau = _xlsx_bench().bench_bureau()
    by_text = {}
    for c in TradeCategory.objects.for_bureau(bureau).leaves():
        by_text[c.label] = by_text[c.name] = c
    started = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        next(rows)
        trades = [
            Trade(
                bureau=bureau,
                code=code,
                name=name,
                category=by_text[category],
                date=datetime.date.fromisoformat(date),
                amount=Decimal(amount),
                notes=notes,
            )
            for code, name, category, date, amount, notes in rows
        ]
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


def child(phase: str, path: Path) -> None:
    xlsx = _xlsx_bench()
    xlsx.setup_django()
    if phase == "bulk_create":
        xlsx.clear_trades()
        figures = phase_bulk_create(path)
    elif phase == "import":
        xlsx.clear_trades()
        figures = xlsx.phase_import(path)
    else:  # clear
        xlsx.clear_trades()
        figures = {}
    figures["peak_rss_mb"] = round(xlsx.peak_rss_mb(), 1)
    print(json.dumps(figures))


def run_phase(phase: str, path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--phase", phase, "--file", str(path)],
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise SystemExit(f"phase {phase} failed:\n{out.stderr}{out.stdout}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        child(args.phase, Path(args.file))
        return {}

    xlsx = _xlsx_bench()
    xlsx.setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    results = {"rows": args.rows}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"trades-{args.rows}.csv"
        write_csv(path, args.rows)
        results["file_mb"] = round(path.stat().st_size / 2**20, 2)
        for phase in ("bulk_create", "import"):
            runs = [run_phase(phase, path) for _ in range(args.repeat)]
            results[phase] = min(runs, key=lambda figures: figures["seconds"])
        run_phase("clear", path)
    results["ratio"] = round(
        results["import"]["seconds"] / results["bulk_create"]["seconds"], 2
    )
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    else:
        for phase in ("bulk_create", "import"):
            figures = results[phase]
            print(
                f"  {phase:12} {figures['rows']:>7} rows {figures['seconds']:8.2f} s"
                f"  peak RSS {figures['peak_rss_mb']} MB"
            )
        print(f"  import ÷ bulk_create = {results['ratio']}")
    return results


if __name__ == "__main__":
    main()
