"""Benchmark: building the bulletin PDF, cold and warm.

    .venv/bin/python bench/pdf.py [--repeat 7] [--json]

Figures, each the median of ``--repeat`` runs:

* ``cold``: a fresh process renders issue 63 once; the time of that first
  ``render_pdf`` call, which finds and registers the fonts (``cold_process``
  adds importing Django-free bulletins.pdf and reportlab);
* ``warm``: issue 63 again in a process whose fonts are registered;
* ``large``: 20 centres x 10 work items, 60 departments, warm.

Targets (issue 6): warm <= 0.3 s, cold <= 2 s, large <= 1.5 s. No database and
no Django settings are needed: the documents are the hand-built samples in
tests/bulletins/pdf_samples.py.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COLD = """
import time
t0 = time.perf_counter()
from bulletins.pdf import render_pdf
from tests.bulletins.pdf_samples import issue_63
document = issue_63()
t1 = time.perf_counter()
data = render_pdf(document)
t2 = time.perf_counter()
print(t2 - t1, t2 - t0, len(data))
"""


def cold(repeat: int) -> tuple[float, float]:
    first, process = [], []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", COLD],
            cwd=ROOT,
            capture_output=True,
            check=True,
            text=True,
            env={"PATH": "/usr/bin:/bin"},
        ).stdout.split()
        first.append(float(out[0]))
        process.append(float(out[1]))
    return statistics.median(first), statistics.median(process)


def warm(document, repeat: int) -> tuple[float, bytes]:
    from bulletins.pdf import render_pdf

    data = render_pdf(document)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        render_pdf(document)
        times.append(time.perf_counter() - start)
    return statistics.median(times), data


def pages(data: bytes) -> int:
    import io

    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from bulletins.pdf import font_status
    from tests.bulletins.pdf_samples import issue_63, large_issue

    cold_first, cold_process = cold(max(3, args.repeat // 2))
    warm_63, data_63 = warm(issue_63(), args.repeat)
    warm_large, data_large = warm(large_issue(), max(3, args.repeat // 2))
    figures = {
        "cold_seconds": round(cold_first, 3),
        "cold_process_seconds": round(cold_process, 3),
        "warm_seconds": round(warm_63, 3),
        "large_seconds": round(warm_large, 3),
        "issue_63_pages": pages(data_63),
        "issue_63_bytes": len(data_63),
        "large_pages": pages(data_large),
        "large_bytes": len(data_large),
        "fonts": {s.role: s.family for s in font_status().roles},
    }
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    print(f"issue 63 cold (first render, fonts registered): {cold_first:.3f} s")
    print(f"issue 63 cold (whole process, imports too):    {cold_process:.3f} s")
    print(f"issue 63 warm:                                 {warm_63:.3f} s")
    print(f"20 centres x 10 items warm:                    {warm_large:.3f} s")
    print(
        f"pages: issue 63 {figures['issue_63_pages']} ({len(data_63)} bytes), "
        f"large {figures['large_pages']} ({len(data_large)} bytes)"
    )
    print("fonts:", ", ".join(f"{k} {v}" for k, v in figures["fonts"].items()))


if __name__ == "__main__":
    main()
