"""The benchmark scripts still run: ``bench/run.py --small`` end to end.

The small run builds tiny SYNTHETIC data in SQLite, serves it with gunicorn on
127.0.0.1, loads every page with wrk for one second, composes a month, renders
the largest PDF, times the pages in-process and imports a few trades from
.xlsx and .csv. Nothing here
judges speed (that is ``make bench``'s table); it checks that every benchmark
produced its figures, so the scripts cannot rot. The table's arithmetic and the
generator's guard are checked without a server.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import transaction

from bench import generate_scale_data, run, scale, serve
from bulletins.models import Issue
from tests.factories import PublishedIssueFactory

ROOT = Path(__file__).resolve().parent.parent

WRK_OUTPUT = """Running 1s test @ http://127.0.0.1:8000/healthz
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.12ms    1.20ms  20.00ms   80.00%
    Req/Sec     1.57k   100.00     1.80k    70.00%
  Latency Distribution
     50%  620.00us
     75%    5.50ms
     90%    6.00ms
     99%    1.20s
  3123 requests in 1.00s, 9.10MB read
  Non-2xx or 3xx responses: 5
Requests/sec:   3123.40
Transfer/sec:    910.00KB
"""


def test_wrk_output_is_read_with_its_units():
    figures = serve.parse_wrk(WRK_OUTPUT)
    assert figures["rps"] == 3123.4
    assert figures["p50_ms"] == pytest.approx(0.62)
    assert figures["p99_ms"] == 1200
    assert figures["requests"] == 3123
    assert figures["errors"] == 5


def test_the_table_compares_each_benchmark_with_its_baseline():
    fast = {"rps": 1000.0, "p99_ms": 20.0, "errors": 0, "ratio": 1000 / 1500}
    results = {
        "http": {
            "healthz": {"rps": 1500.0, "p99_ms": 10.0, "errors": 0},
            "issue": fast,
            "archive": {"rps": 100.0, "p99_ms": 150.0, "errors": 0, "ratio": 0.07},
            "search": fast,
            "pdf": {"rps": 700.0, "p99_ms": 30.0, "errors": 0, "ratio": 0.7},
            "static_pdf": {"rps": 1000.0, "p99_ms": 10.0, "errors": 0},
            "pdf_bytes": 300 * 1024,
        }
    }
    rows = {row["benchmark"].split(" vs")[0]: row for row in run.table_rows(results)}
    assert rows["Issue page"]["ratio"] == pytest.approx(1000 / 1500)
    assert rows["Issue page"]["met"] is True
    assert rows["PDF download (300 KB)"]["met"] is False  # 0.7 < 0.8
    assert rows["Archive page"]["met"] is False  # p99 150 ms
    assert rows["Trends data"]["met"] is None  # no such page: not measured
    table = run.markdown(run.table_rows(results), "header")
    assert "| Issue page vs /healthz | 1000 req/s, p99 20.0 ms |" in table


def _defined(cpu: float, queries: int) -> dict:
    return {
        "compose_defined": {
            "units": 20,
            "definitions": 30,
            "options": 6,
            "seconds": 0.9,  # wall time on a busy machine
            "cpu_seconds": cpu,
            "queries": queries,
            "baseline_seconds": 0.2,
            "baseline_cpu_seconds": 0.1,
            "baseline_queries": 15,
        }
    }


@pytest.mark.parametrize(
    ("cpu", "queries", "met"),
    [(0.4, 15, True), (0.6, 15, False), (0.4, 16, False)],
)
def test_composition_is_judged_on_cpu_time_and_the_same_queries(cpu, queries, met):
    [row] = run.table_rows(_defined(cpu, queries))
    assert row["met"] is met
    assert row["ratio"] == pytest.approx(cpu / 0.1)
    assert row["ours"] == f"900 ms (CPU {cpu * 1000:.0f} ms), {queries} queries"


@pytest.mark.django_db
def test_the_generator_refuses_a_database_with_real_issues():
    PublishedIssueFactory()
    with pytest.raises(generate_scale_data.GeneratorError, match="非合成的已发布期刊"):
        generate_scale_data.main(["--years", "1", "--no-pdf"], stdout=io.StringIO())
    assert not Issue.objects.filter(series__title=scale.SERIES_TITLE).exists()


def _fingerprint() -> tuple:
    from submissions.models import FigureValue, WorkItem
    from transactions.models import Trade

    return (
        list(
            FigureValue.objects.order_by(
                "report__month", "report__centre__order", "definition_id", "option_id"
            ).values_list("definition__code", "option__name", "value")
        ),
        list(
            WorkItem.objects.order_by(
                "report__month", "report__centre__order", "order"
            ).values_list("title", "body")
        ),
        list(Trade.objects.order_by("code").values_list("code", "amount", "date")),
        list(Issue.objects.order_by("number").values_list("number", "search_text")),
    )


@pytest.mark.django_db
def test_the_generator_is_deterministic_and_marked_synthetic():
    size = scale.Size(years=1, month_count=2, centres=3, items=2, trades_per_year=20)
    prints = []
    for _ in range(2):
        with transaction.atomic():
            scale.generate(size, pdf=False)
            prints.append(_fingerprint())
            issue = Issue.objects.latest("number")
            assert issue.series.title == "合成测试数据"
            assert issue.is_published
            assert f"{scale.CENTRE_PREFIX}02" in issue.search_text
            transaction.set_rollback(True)
    assert prints[0] == prints[1]
    assert len(prints[0][2]) == 20  # the trades


@pytest.mark.slow
@pytest.mark.skipif(
    not (shutil.which("wrk") and (Path(sys.executable).parent / "gunicorn").exists()),
    reason="wrk or gunicorn is not installed",
)
def test_the_small_benchmark_run_produces_every_figure(tmp_path):
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--small",
            "--duration",
            "1",
            "--rows",
            "30",
            "--cache",
            "locmem",
            "--out",
            str(tmp_path),
        ],  # fmt: skip
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    results = json.loads((tmp_path / "latest.json").read_text())
    http = results["http"]
    for name in ("healthz", "issue", "archive", "search", "pdf", "static_pdf"):
        assert http[name]["rps"] > 0, name
        assert http[name]["errors"] == 0, name
    for name in ("healthz", "issue", "archive", "search"):
        assert results["wsgi"][name]["ms"] > 0, name
    assert results["compose"]["queries"] > 0
    defined = results["compose_defined"]
    assert defined["values"] == defined["units"] * 30 * 7 > 0
    # 30 definitions with their options add rows, never queries.
    assert defined["queries"] == defined["baseline_queries"]
    assert results["pdf_memory"]["peak_rss_mb"] > 0
    for fmt in ("xlsx", "csv"):
        assert results["import"][fmt]["import"]["rows"] == 30
    assert "| Issue page vs /healthz |" in out.stdout
    assert (tmp_path / "latest.md").read_text().startswith(results["date"])
