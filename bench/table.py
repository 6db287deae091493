"""``make bench``'s table: each benchmark's figures beside its baseline's, the
ratio and whether the goal is met (``bench/run.py`` measures, this words)."""

from __future__ import annotations


def _rate(figures: dict) -> str:
    return f"{figures['rps']:.0f} req/s, p99 {figures['p99_ms']:.1f} ms"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _compose_row(figures: dict, benchmark: str, goal: str, same_queries: bool):
    """A composition against its baseline: wall and CPU time, queries. The
    goal is judged on CPU time, which another process's load does not add to
    (wall time on a busy machine measures the machine)."""
    met = figures["cpu_seconds"] < 0.5
    if same_queries:
        met = met and figures["queries"] == figures["baseline_queries"]
    return {
        "benchmark": benchmark,
        "ours": f"{_ms(figures['seconds'])} (CPU {_ms(figures['cpu_seconds'])}), "
        f"{figures['queries']} queries",
        "baseline": f"{_ms(figures['baseline_seconds'])} "
        f"(CPU {_ms(figures['baseline_cpu_seconds'])}), "
        f"{figures['baseline_queries']} queries",
        "ratio": figures["cpu_seconds"] / figures["baseline_cpu_seconds"],
        "goal": goal,
        "met": met,
    }


def table_rows(results: dict) -> list[dict]:
    rows = []
    http = results.get("http")
    if http:
        base = http["healthz"]
        issue = http["issue"]
        ratio = issue["ratio"]
        rows.append(
            {
                "benchmark": "Issue page vs /healthz",
                "ours": _rate(issue),
                "baseline": _rate(base),
                "ratio": ratio,
                "goal": "≥ 0.50×, p99 < 50 ms",
                "met": ratio >= 0.5 and issue["p99_ms"] < 50 and not issue["errors"],
            }
        )
        if "issue_redis" in http:
            figures = http["issue_redis"]
            rows.append(
                {
                    "benchmark": "Issue page, Redis cache shared by the workers, "
                    "vs /healthz",
                    "ours": _rate(figures),
                    "baseline": _rate(base),
                    "ratio": figures["ratio"],
                    "goal": "(comparison)",
                    "met": None,
                }
            )
        if "pdf" in http and "static_pdf" in http:
            ratio = http["pdf"]["ratio"]
            rows.append(
                {
                    "benchmark": f"PDF download ({http['pdf_bytes'] // 1024} KB) "
                    "vs the same file from whitenoise",
                    "ours": _rate(http["pdf"]),
                    "baseline": _rate(http["static_pdf"]),
                    "ratio": ratio,
                    "goal": "≥ 0.80×",
                    "met": ratio >= 0.8 and not http["pdf"]["errors"],
                }
            )
        for name, label in (
            ("archive", "Archive page"),
            ("search", "Search (4 characters, every issue)"),
            ("trends", "Trends data"),
        ):
            if name not in http:
                rows.append(
                    {
                        "benchmark": f"{label} vs /healthz",
                        "ours": "not measured: no such page yet",
                        "baseline": _rate(base),
                        "ratio": None,
                        "goal": "p99 < 100 ms",
                        "met": None,
                    }
                )
                continue
            figures = http[name]
            rows.append(
                {
                    "benchmark": f"{label} vs /healthz",
                    "ours": _rate(figures),
                    "baseline": _rate(base),
                    "ratio": figures["ratio"],
                    "goal": "p99 < 100 ms",
                    "met": figures["p99_ms"] < 100 and not figures["errors"],
                }
            )
    cost = results.get("wsgi")
    if cost:
        for name, label in (
            ("issue", "Issue page"),
            ("archive", "Archive page"),
            ("search", "Search"),
            ("trends", "Trends data"),
        ):
            # (Not the PDF: in a process it is read in 4 KB blocks, where
            # gunicorn hands the file to sendfile.)
            if name not in cost:
                continue
            ours, theirs = cost[name]["ms"], cost["healthz"]["ms"]
            rows.append(
                {
                    "benchmark": f"{label}, in-process cost per request vs /healthz",
                    "ours": f"{ours:.2f} ms",
                    "baseline": f"{theirs:.2f} ms",
                    # As a throughput ratio, comparable with wrk's.
                    "ratio": theirs / ours,
                    "goal": "(cost without server and network)",
                    "met": None,
                }
            )
    compose = results.get("compose")
    if compose:
        rows.append(
            _compose_row(
                compose,
                f"Compose a month ({compose['centres']} centres) "
                "vs fetching its figures",
                "< 0.5 s CPU, constant queries",
                same_queries=False,
            )
        )
    defined = results.get("compose_defined")
    if defined:
        rows.append(
            _compose_row(
                defined,
                f"Compose a month ({defined['units']} units × "
                f"{defined['definitions']} definitions of {defined['options']} "
                "options) vs without the definitions",
                "< 0.5 s CPU, same queries",
                same_queries=True,
            )
        )
    imports = results.get("import")
    if imports:
        for fmt in ("xlsx", "csv"):
            figures = imports[fmt]
            rows.append(
                {
                    "benchmark": f"Import {figures['rows']:,} trades (.{fmt}) "
                    "vs bulk_create",
                    "ours": f"{figures['import']['seconds']:.1f} s",
                    "baseline": f"{figures['bulk_create']['seconds']:.1f} s",
                    "ratio": figures["ratio"],
                    "goal": "≤ 3×",
                    "met": figures["ratio"] <= 3,
                }
            )
        for fmt in ("xlsx", "csv"):
            figures = imports[fmt]
            rows.append(
                {
                    "benchmark": f"Peak RSS, import of {figures['rows']:,} rows "
                    f"(.{fmt}) vs bulk_create",
                    "ours": f"{figures['import']['peak_rss_mb']:.0f} MB",
                    "baseline": f"{figures['bulk_create']['peak_rss_mb']:.0f} MB",
                    "ratio": figures["import"]["peak_rss_mb"]
                    / figures["bulk_create"]["peak_rss_mb"],
                    "goal": "written down",
                    "met": None,
                }
            )
    memory = results.get("pdf_memory")
    if memory:
        rows.append(
            {
                "benchmark": f"Peak RSS, PDF of the largest issue (第{memory['number']}"
                f"期, {memory['pdf_kb']} KB, {memory['seconds']:.1f} s) "
                "vs the process before",
                "ours": f"{memory['peak_rss_mb']:.0f} MB",
                "baseline": f"{memory['baseline_rss_mb']:.0f} MB",
                "ratio": memory["peak_rss_mb"] / memory["baseline_rss_mb"],
                "goal": "written down",
                "met": None,
            }
        )
    return rows


def markdown(rows: list[dict], header: str) -> str:
    lines = [
        header,
        "",
        "| benchmark | ours | baseline | ratio | goal | met |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        ratio = "—" if row["ratio"] is None else f"{row['ratio']:.2f}"
        met = {True: "yes", False: "**no**", None: "—"}[row["met"]]
        lines.append(
            f"| {row['benchmark']} | {row['ours']} | {row['baseline']} | {ratio} "
            f"| {row['goal']} | {met} |"
        )
    return "\n".join(lines)
