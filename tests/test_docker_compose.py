"""docker-compose.yml cannot run here (no Docker engine): keep it right by reading."""

import http.client
import os
import runpy
import socket
import subprocess
import sys
import time
from pathlib import Path

import yaml
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def load():
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text(encoding="utf-8"))


def test_services_volume_and_health_check():
    compose = load()
    services = compose["services"]
    assert {"db", "app"} <= set(services)
    db = services["db"]
    major = int(db["image"].split(":")[1].split("-")[0].split(".")[0])
    assert db["image"].startswith("postgres:") and major >= 15
    assert "healthcheck" in db and "pg_isready" in " ".join(db["healthcheck"]["test"])
    volume_names = set(compose["volumes"])
    mounted = {v.split(":")[0] for v in db["volumes"]}
    assert mounted & volume_names, "the database keeps its data in a named volume"


def test_app_points_at_the_db_service_and_waits_for_it():
    app = load()["services"]["app"]
    url = app["environment"]["DATABASE_URL"]
    assert url.startswith("postgres://") and "@db:5432/" in url
    assert app["depends_on"]["db"]["condition"] == "service_healthy"
    assert app["build"] in (".", {"context": "."}) or app["build"]["context"] == "."
    assert app["environment"]["DEBUG"] in ("false", "0", False)
    assert "SECRET_KEY" in app["environment"]


def test_dockerfile_runs_gunicorn_with_fonts_and_static_files():
    dockerfile = (BASE_DIR / "Dockerfile").read_text(encoding="utf-8")
    assert "gunicorn" in dockerfile
    assert "collectstatic" in dockerfile
    assert "migrate" in dockerfile
    for package in ("fonts-arphic-uming", "fonts-wqy-microhei", "fonts-lxgw-wenkai"):
        assert package in dockerfile


# --- gunicorn: one settings file for the image and compose ------------------------

GUNICORN = "gunicorn -c config/gunicorn.py config.wsgi"


def test_the_image_and_compose_run_gunicorn_with_the_settings_file():
    dockerfile = (BASE_DIR / "Dockerfile").read_text(encoding="utf-8")
    assert GUNICORN in dockerfile
    app = load()["services"]["app"]
    assert GUNICORN in " ".join(app["command"].split())
    assert (BASE_DIR / "config" / "gunicorn.py").is_file()


def test_gunicorn_resolves_the_production_settings():
    """gunicorn itself reads the file (``--print-config``), as the image runs it."""
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": "check-only",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "example.org",
    }
    finished = subprocess.run(
        [str(Path(sys.executable).parent / "gunicorn"), "--print-config"]
        + GUNICORN.split()[1:],
        capture_output=True,
        text=True,
        cwd=BASE_DIR,
        env=env,
        timeout=60,
        check=True,
    )
    printed = {
        key.strip(): value.strip()
        for key, value in (
            line.split(" = ", 1)
            for line in finished.stdout.splitlines()
            if " = " in line
        )
    }
    assert printed["timeout"] == "60"
    assert printed["max_requests"] == "1000"
    assert printed["max_requests_jitter"] == "100"
    assert printed["limit_request_line"] == "4094"
    assert printed["limit_request_fields"] == "100"
    assert printed["limit_request_field_size"] == "8190"
    assert "post_request" in printed["post_request"]
    assert "post_worker_init" in printed["post_worker_init"]


class FakeWorker:
    pid = 1
    alive = True

    class log:
        @staticmethod
        def warning(*args):
            pass


def test_the_memory_guard_retires_a_grown_worker():
    config = runpy.run_path(str(BASE_DIR / "config" / "gunicorn.py"))
    post_request = config["post_request"]
    worker = FakeWorker()
    post_request.__globals__["WORKER_MAX_RSS"] = config["resident_bytes"]() * 2
    post_request(worker, None, {}, None)
    assert worker.alive, "a worker under the limit keeps serving"
    post_request.__globals__["WORKER_MAX_RSS"] = config["resident_bytes"]() // 2
    post_request(worker, None, {}, None)
    assert worker.alive is False


def test_the_memory_guard_caps_the_address_space():
    code = (
        "import resource, runpy\n"
        "config = runpy.run_path('config/gunicorn.py')\n"
        "config['post_worker_init'](None)\n"
        "print(resource.getrlimit(resource.RLIMIT_AS)[0])\n"
        "try:\n"
        "    bytearray(3 * 2**30)\n"
        "except MemoryError:\n"
        "    print('refused')\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=BASE_DIR,
        timeout=60,
        check=True,
    )
    limit, outcome = finished.stdout.split()
    assert int(limit) == 2048 * 2**20
    assert outcome == "refused"


def test_gunicorn_refuses_an_overlong_request_line(tmp_path):
    """The real server with the real file: a 10,000-character URL gets 414."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": "check-only",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
    }
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), *GUNICORN.split()[1:]],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/" + "x" * 10_000)
                status = connection.getresponse().status
                break
            except (ConnectionRefusedError, http.client.RemoteDisconnected):
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        assert status == 414  # Request-URI Too Long, from gunicorn
    finally:
        server.terminate()
        server.wait(timeout=30)
