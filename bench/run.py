"""Every benchmark against its baseline, in one run on one machine: ``make bench``.

    .venv/bin/python bench/run.py            # PostgreSQL bench_scale, 3 × wrk -d 5s
    .venv/bin/python bench/run.py --small    # SQLite, tiny data, 1 s: CI's smoke run

The full run reads the SYNTHETIC data set (``bench/generate_scale_data.py --years 20
--centres 20 --items 10``) from ``--database-url`` (default
postgres://postgres@127.0.0.1:5432/bench_scale) and serves it with gunicorn on
127.0.0.1 (DEBUG off, static files collected and served by whitenoise). Each
HTTP benchmark is a bounded wrk run (``--duration`` seconds, at most 10,
``--connections`` connections) right after its baseline on the same server, the
pair repeated ``--rounds`` times (medians; the ratio is the median of the
rounds' ratios):

* issue page, archive, search, trends  vs  /healthz (a trivial view), and the
  same pages in-process (Django's WSGI application, best of five batches);
* the PDF download  vs  a static file of the same size served by whitenoise;
* composing a month  vs  fetching its figures alone (``bench/inprocess.py``);
* importing 50,000 trades (.xlsx: ``bench/import_trades.py``; .csv:
  ``bench/import_csv.py``)  vs  a plain bulk_create of the same rows, in a
  database of their own (``--import-database-url``; its trades are deleted);
* peak RSS of that import and of the largest issue's PDF, written down;
* for comparison, the issue page again with a Redis cache shared by the workers
  (the main run uses the production default, the per-process local-memory cache).

Prints one table (ours, baseline, ratio, goal, met) and writes it to
``bench/results/latest.json`` and ``latest.md``. Goals are ratios, so the
machine's other load shifts both sides; the figures are still noisy on a busy
machine: read them side by side, never as absolute timings.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.serve import Server, wrk  # noqa: E402
from bench.table import markdown, table_rows  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
FULL_DATABASE = "postgres://postgres@127.0.0.1:5432/bench_scale"
FULL_IMPORT_DATABASE = "postgres://postgres@127.0.0.1:5432/bench_scale_import"
REDIS_URL = "redis://127.0.0.1:6379/5"
FULL_DATA = ["--years", "20", "--centres", "20", "--items", "10"]
SMALL_DATA = [
    "--years", "1", "--months", "2", "--centres", "3", "--items", "2",
    "--trades-per-year", "200",
]  # fmt: skip


# --- helpers --------------------------------------------------------------------------


def run_json(args: list[str], env: dict, timeout: int = 1800) -> dict:
    out = subprocess.run(
        args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    if out.returncode:
        raise SystemExit(f"{' '.join(args)} failed:\n{out.stderr[-3000:]}{out.stdout}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], env=env, cwd=ROOT, check=True)


def generate(env: dict, *args: str) -> None:
    """The SYNTHETIC data set (bench/generate_scale_data.py)."""
    script = str(HERE / "generate_scale_data.py")
    subprocess.run([sys.executable, script, *args], env=env, cwd=ROOT, check=True)


def collect_static(env: dict) -> None:
    """collectstatic with the production storage; if that fails, with
    bench/settings.py's (noted in the results as ``settings``)."""
    args = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"]
    out = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True)
    if out.returncode:
        error = out.stderr.strip().splitlines()[-1] if out.stderr.strip() else ""
        print(
            f"collectstatic failed with the production storage ({error[:200]});"
            " serving with bench/settings.py",
            file=sys.stderr,
        )
        env["DJANGO_SETTINGS_MODULE"] = "bench.settings"
        subprocess.run(args, env=env, cwd=ROOT, check=True)


def copy_sqlite(source: str, target: str) -> None:
    """Copy a migrated SQLite database file (saves a migrate in the small run)."""
    if source.startswith("sqlite:///") and target.startswith("sqlite:///"):
        shutil.copyfile(
            source.removeprefix("sqlite:///"), target.removeprefix("sqlite:///")
        )


def ensure_postgres_database(url: str) -> None:
    """Create the database a postgres:// URL names, when it does not exist."""
    if not url.startswith("postgres"):
        return
    import psycopg2
    from psycopg2 import sql

    name = url.rsplit("/", 1)[1].split("?")[0]
    server = url.rsplit("/", 1)[0] + "/postgres"
    connection = psycopg2.connect(server)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def redis_available() -> bool:
    try:
        import redis  # noqa: F401
    except ImportError:
        return False
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


# --- the benchmarks -------------------------------------------------------------------


def _median(values):
    return statistics.median(values)


def _rounds(server, pages: dict, rounds: int, load: dict) -> dict:
    """Each page right after /healthz (its static twin for the PDF), ``rounds``
    times; per page the median figures and the median of the per-round ratios,
    so that the machine's other load hits a page and its baseline alike."""
    runs = []
    for _ in range(rounds):
        one = {"healthz": wrk(server.base + "/healthz", **load)}
        for name, path in pages.items():
            one[name] = wrk(server.base + path, **load)
        runs.append(one)
    results = {"runs": runs}
    for name in ["healthz", *pages]:
        results[name] = {
            "rps": _median([one[name]["rps"] for one in runs]),
            "p99_ms": _median([one[name]["p99_ms"] for one in runs]),
            "errors": sum(one[name]["errors"] for one in runs),
        }
        base = "static_pdf" if name == "pdf" else "healthz"
        if name != base and base in runs[0]:
            results[name]["ratio"] = _median(
                [one[name]["rps"] / one[base]["rps"] for one in runs]
            )
    return results


def http_benchmarks(env: dict, targets: dict, args) -> dict:
    static_root = Path(env["STATIC_ROOT"])
    if targets.get("pdf_path"):
        # The baseline file: the same bytes, served by whitenoise.
        (static_root / "bench").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(targets["pdf_path"], static_root / "bench" / "baseline.pdf")
    load = {
        "duration": args.duration,
        "connections": args.connections,
        "threads": args.threads,
    }
    pages = {
        name: targets[name]
        for name in ("issue", "archive", "search", "trends", "pdf")
        if targets.get(name)
    }
    if targets.get("pdf_path"):
        pages["static_pdf"] = "/static/bench/baseline.pdf"
    with Server(env, args.workers) as server:
        sizes = {f"{name}_bytes": server.warm(path) for name, path in pages.items()}
        results = _rounds(server, pages, args.rounds, load)
    results.update(sizes, cache=env["CACHE_URL"], workers=args.workers)
    if args.compare_redis and redis_available():
        # The same page from a cache the workers share (CACHE_URL=redis://).
        shared = {**env, "CACHE_URL": REDIS_URL}
        with Server(shared, args.workers) as server:
            server.warm(targets["issue"])
            redis = _rounds(server, {"issue": targets["issue"]}, args.rounds, load)
        results["issue_redis"] = redis["issue"]
    return results


def import_benchmarks(env: dict, rows: int, small: bool) -> dict:
    results = {}
    results["xlsx"] = run_json(
        [
            sys.executable,
            str(HERE / "import_trades.py"),
            "--rows",
            str(rows),
            "--default-rows",
            "0",
            "--json",
        ],  # fmt: skip
        env,
    )
    results["csv"] = run_json(
        [sys.executable, str(HERE / "import_csv.py"), "--rows", str(rows), "--json"],
        env,
    )
    return results


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(
                line.split(":", 1)[1].strip()
                for line in info
                if line.startswith("model name")
            )
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


# --- main -----------------------------------------------------------------------------


def environment(args, work: Path) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "false",
            "SECRET_KEY": "bench-only-not-a-secret",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "LOG_LEVEL": "ERROR",
            "DATABASE_URL": args.database_url,
            "STATIC_ROOT": str(work / "static"),
            "MEDIA_ROOT": str(args.media_root),
        }
    )
    # The production default is the per-process local-memory cache.
    if args.cache == "redis":
        env["CACHE_URL"] = REDIS_URL
    else:
        env["CACHE_URL"] = "locmemcache://bench"
    return env


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="tiny data, SQLite, 1 s")
    parser.add_argument("--database-url")
    parser.add_argument("--import-database-url")
    parser.add_argument("--media-root", type=Path)
    parser.add_argument("--duration", type=int, help="seconds per wrk run (≤ 10)")
    parser.add_argument(
        "--rounds", type=int, help="each page after its baseline, N times (3)"
    )
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--rows", type=int, help="trades per import (50,000)")
    parser.add_argument("--cache", choices=["redis", "locmem"], default="locmem")
    parser.add_argument(
        "--no-redis",
        dest="compare_redis",
        action="store_false",
        help="skip the issue page with a Redis cache",
    )
    parser.add_argument(
        "--only",
        default="http,compose,import,memory",
        help="comma-separated: http, compose, import, memory",
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    args.duration = min(args.duration or (1 if args.small else 5), 10)
    args.rounds = args.rounds or (1 if args.small else 3)

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        if args.small:
            args.database_url = args.database_url or f"sqlite:///{work / 'bench.db'}"
            args.import_database_url = args.import_database_url or (
                f"sqlite:///{work / 'import.db'}"
            )
            args.media_root = args.media_root or work / "media"
            args.rows = args.rows or 200
            args.connections = min(args.connections, 4)
        else:
            args.database_url = args.database_url or FULL_DATABASE
            args.import_database_url = args.import_database_url or FULL_IMPORT_DATABASE
            args.media_root = args.media_root or RESULTS / "media"
            args.rows = args.rows or 50_000
        env = environment(args, work)
        # Other engineers add migrations; /healthz answers 503 until applied.
        manage(env, "migrate", "--verbosity", "0")
        if args.small:
            # The import benchmarks' database: the same schema, no data.
            copy_sqlite(args.database_url, args.import_database_url)
            generate(env, *SMALL_DATA)
        collect_static(env)
        targets = run_json([sys.executable, str(HERE / "inprocess.py"), "targets"], env)
        if not targets["issues"]:
            print("No synthetic data yet: generating it (minutes).", file=sys.stderr)
            generate(env, *FULL_DATA)
            targets = run_json(
                [sys.executable, str(HERE / "inprocess.py"), "targets"], env
            )
        results = {
            "settings": env["DJANGO_SETTINGS_MODULE"],
            "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": machine(),
            "database": args.database_url.split(":", 1)[0],
            "issues": targets["issues"],
            "load": f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s "
            f"× {args.rounds} rounds, gunicorn {args.workers} sync workers",
        }
        if "http" in only:
            results["http"] = http_benchmarks(env, targets, args)
            results["wsgi"] = run_json(
                [sys.executable, str(HERE / "inprocess.py"), "wsgi"], env
            )
        if "compose" in only:
            results["compose"] = run_json(
                [sys.executable, str(HERE / "inprocess.py"), "compose"], env
            )
            results["compose_defined"] = run_json(
                [sys.executable, str(HERE / "inprocess.py"), "compose_defined"], env
            )
        if "memory" in only:
            results["pdf_memory"] = run_json(
                [sys.executable, str(HERE / "inprocess.py"), "pdf_memory"], env
            )
        if "import" in only:
            ensure_postgres_database(args.import_database_url)
            import_env = {**env, "DATABASE_URL": args.import_database_url}
            results["import"] = import_benchmarks(import_env, args.rows, args.small)

    rows = table_rows(results)
    header = (
        f"{results['date']} · {results['machine']} · {results['database']}, "
        f"{results['issues']} issues · {results['load']} · cache {env['CACHE_URL']}"
    )
    table = markdown(rows, header)
    print(table)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.json").write_text(
        json.dumps({**results, "rows": rows}, ensure_ascii=False, indent=2)
    )
    (args.out / "latest.md").write_text(table + "\n")
    return {**results, "rows": rows}


if __name__ == "__main__":
    main()
