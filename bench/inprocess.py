"""Benchmarks that run inside Django, one per process, printing JSON.

    .venv/bin/python bench/inprocess.py compose      # a month of every centre
    .venv/bin/python bench/inprocess.py compose_defined  # … with 30 definitions
    .venv/bin/python bench/inprocess.py pdf_memory   # the largest issue's PDF
    .venv/bin/python bench/inprocess.py targets      # URLs for the HTTP benchmarks

``bench/run.py`` calls these with the benchmark database in ``DATABASE_URL``.

* ``compose``: ``compose_document`` for the latest month of the synthetic series
  (every centre), best of five, with its query count; the baseline is
  ``period_figures`` alone (the selectors' queries and nothing else), so the
  ratio is what composing adds to fetching.
* ``compose_defined``: the same month after adding, in a transaction that is
  rolled back, 30 SYNTHETIC count definitions (each a total and 6 options, one
  in three ranked) with a value for every option of every unit's report; the
  baseline is ``compose`` of the same month without them, so the ratio is what
  30 definitions add and the queries must be the same number.
* ``pdf_memory``: peak RSS of rendering the largest published issue's PDF; the
  baseline is the same process's RSS before rendering (Django, the snapshot).
* ``targets``: the numbers and paths the HTTP benchmarks request.
* ``wsgi``: each of those pages but the PDF (and /healthz) through
  Django's WSGI application in this process, no server, no network: the best of
  five batches, per request. The minimum of several batches is what the code
  costs; another process's load can only add to it, so these ratios hold on a
  busy machine where wrk's do not.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    import django

    django.setup()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def synthetic_issues():
    from bench.scale import SERIES_TITLE
    from bulletins.models import Issue

    return Issue.objects.published().filter(series__title=SERIES_TITLE)


def _timed(fn, repeat: int) -> tuple[float, float, int]:
    """The best of ``repeat`` runs of ``fn``: wall seconds, this process's CPU
    seconds (what the code costs, whatever else the machine runs; the
    database's own work is not in it), and the queries of one run."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    walls, cpus = [], []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            fn()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), len(queries)


def _latest_composition():
    """(compose, period, bureau) of the synthetic series' latest month."""
    from bulletins.composition import compose_document

    issue = synthetic_issues().select_related("series__bureau").latest("period_start")
    period = issue.period()
    bureau = issue.series.bureau

    def run_compose():
        return compose_document(
            bureau=bureau,
            series_title=issue.series.title,
            publisher=issue.series.publisher,
            issue_label=issue.label,
            publication_date=issue.publication_date,
            period=period,
        )

    return run_compose, period, bureau


def compose(repeat: int = 5) -> dict:
    from bulletins.selectors import period_figures

    run_compose, period, bureau = _latest_composition()
    run_compose()  # warm: imports, connection, templates
    figures = period_figures(period, bureau=bureau)
    seconds, cpu, queries = _timed(run_compose, repeat)
    base_seconds, base_cpu, base_queries = _timed(
        lambda: period_figures(period, bureau=bureau), repeat
    )
    return {
        "month": str(period.start),
        "centres": 1 + len(figures.centres),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "queries": queries,
        "baseline_seconds": base_seconds,
        "baseline_cpu_seconds": base_cpu,
        "baseline_queries": base_queries,
    }


def compose_defined(repeat: int = 5, definitions: int = 30, options: int = 6) -> dict:
    from django.db import transaction

    from submissions.models import (
        Breakdown,
        BreakdownOption,
        FigureDefinition,
        FigureValue,
        MonthlyReport,
    )

    run_compose, period, bureau = _latest_composition()
    run_compose()  # warm: imports, connection, templates
    base_seconds, base_cpu, base_queries = _timed(run_compose, repeat)
    with transaction.atomic():
        reports = list(
            MonthlyReport.objects.approved().filter(
                centre__bureau=bureau, month=period.start
            )
        )
        values = []
        for n in range(1, definitions + 1):
            breakdown = Breakdown.objects.create(bureau=bureau, name=f"合成分类{n:02}")
            choices = BreakdownOption.objects.bulk_create(
                BreakdownOption(breakdown=breakdown, name=f"合成选项{k:02}", order=k)
                for k in range(1, options + 1)
            )
            definition = FigureDefinition.objects.create(
                bureau=bureau,
                code=f"synthetic-{n:02}",
                name=f"合成指标{n:02}",
                breakdown=breakdown,
                parts_rule=FigureDefinition.PartsRule.SUM,
                rank_top=5 if n % 3 == 0 else None,
                order=1000 + n,
            )
            for report in reports:
                parts = [
                    (report.pk * 7 + n * 13 + k * 31) % 500 for k in range(options)
                ]
                values.append(
                    FigureValue(report=report, definition=definition, value=sum(parts))
                )
                values += [
                    FigureValue(report=report, definition=definition, option=o, value=v)
                    for o, v in zip(choices, parts, strict=True)
                ]
        FigureValue.objects.bulk_create(values, batch_size=2000)
        run_compose()
        seconds, cpu, queries = _timed(run_compose, repeat)
        transaction.set_rollback(True)
    return {
        "month": str(period.start),
        "units": len(reports),
        "definitions": definitions,
        "options": options,
        "values": len(values),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "queries": queries,
        "baseline_seconds": base_seconds,
        "baseline_cpu_seconds": base_cpu,
        "baseline_queries": base_queries,
    }


def pdf_memory() -> dict:
    from bulletins.document import Document
    from bulletins.pdf import render_pdf

    issue = max(synthetic_issues(), key=lambda i: len(i.search_text))
    document = Document.from_dict(issue.snapshot)
    before = current_rss_mb()
    started = time.perf_counter()
    data = render_pdf(document)
    return {
        "number": issue.number,
        "pdf_kb": round(len(data) / 1024),
        "seconds": time.perf_counter() - started,
        "baseline_rss_mb": round(before, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def targets() -> dict:
    from django.urls import reverse

    from bench.scale import SEARCH_PHRASE

    issues = synthetic_issues()
    if not issues.exists():
        return {"issues": 0}
    issues = issues.select_related("series__bureau")
    latest = issues.latest("period_start")
    largest = max(issues.exclude(pdf=""), key=lambda i: i.pdf.size, default=latest)
    found = {
        "issue": latest.get_absolute_url(),
        "pdf": largest.pdf_url,
        "pdf_path": largest.pdf.path if largest.pdf else "",
        "archive": reverse("bulletins:archive"),
        "search": reverse("bulletins:search") + "?" + urlencode({"q": SEARCH_PHRASE}),
        "issues": issues.count(),
    }
    found["trends"] = reverse("bulletins:trends_data", args=[latest.series.bureau.slug])
    return found


def wsgi(batches: int = 5, size: int = 40) -> dict:
    import io

    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    found = targets()
    paths = {"healthz": "/healthz"}
    for name in ("issue", "archive", "search", "trends"):
        if found.get(name):
            paths[name] = found[name]

    def call(path):
        path, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        status = []
        body = application(environ, lambda s, h, e=None: status.append(s))
        size = sum(len(chunk) for chunk in body)
        getattr(body, "close", lambda: None)()
        if not status[0].startswith("200"):
            raise SystemExit(f"{path}: {status[0]}")
        return size

    results = {}
    for name, path in paths.items():
        for _ in range(5):
            call(path)  # warm: caches, connection
        times = []
        for _ in range(batches):
            started = time.perf_counter()
            for _ in range(size):
                call(path)
            times.append((time.perf_counter() - started) / size)
        results[name] = {"ms": min(times) * 1000, "bytes": call(path)}
    return results


if __name__ == "__main__":
    setup_django()
    task = {
        "compose": compose,
        "compose_defined": compose_defined,
        "pdf_memory": pdf_memory,
        "targets": targets,
        "wsgi": wsgi,
    }
    print(json.dumps(task[sys.argv[1]](), ensure_ascii=False))
