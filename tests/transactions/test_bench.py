"""bench/import_trades.py runs at a tiny size, so that it cannot rot."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_benchmark_runs_at_a_tiny_size(tmp_path):
    # Its own SQLite file: the benchmark deletes trades between phases.
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'bench.sqlite3'}"}
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "import_trades.py"),
            "--rows",
            "40",
            "--default-rows",
            "10",
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["rows"] == 40
    assert figures["import"]["created"] == 40
    assert figures["reimport"]["unchanged"] == 40
    assert figures["bulk_create"]["rows"] == 40
    assert figures["library_default"]["rows"] == 10
    assert figures["ratio"] > 0
    assert figures["import"]["peak_rss_mb"] > 0
