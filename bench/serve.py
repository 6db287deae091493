"""The server and the load generator of ``bench/run.py``: gunicorn on
127.0.0.1 for the duration of a ``with`` block, and one bounded wrk run parsed
into requests per second, p50/p99 latency and errors."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn on 127.0.0.1 for the duration of a ``with`` block."""

    def __init__(self, env: dict, workers: int):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.args = [
            str(VENV_BIN / "gunicorn"),
            "config.wsgi",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(workers),
            "--log-level", "warning",
        ]  # fmt: skip
        self.env = env

    def __enter__(self):
        self.process = subprocess.Popen(self.args, env=self.env, cwd=ROOT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise SystemExit("gunicorn did not answer /healthz within 30 s")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def warm(self, path: str, times: int = 8) -> int:
        """Fetch ``path`` a few times (every worker's cache); returns its size."""
        size = 0
        for _ in range(times):
            with urllib.request.urlopen(self.base + path, timeout=30) as response:
                if response.status != 200:
                    raise SystemExit(f"{path}: HTTP {response.status}")
                size = len(response.read())
        return size


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(output: str) -> dict:
    figures = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)),
        "p99_ms": _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "errors": 0,
    }
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: (.*)", output)
    if bad:
        figures["errors"] += int(bad.group(1))
    if sockets:
        figures["errors"] += sum(int(n) for n in re.findall(r"\d+", sockets.group(1)))
    return figures


def wrk(url: str, *, duration: int, connections: int, threads: int) -> dict:
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "5s",
            "--latency",
            url,
        ],  # fmt: skip
        capture_output=True,
        text=True,
        timeout=duration + 30,
    )
    if out.returncode:
        raise SystemExit(f"wrk failed on {url}: {out.stderr}")
    return parse_wrk(out.stdout)
