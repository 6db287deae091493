"""Backup and restore as docs/backup.md describes it, once, on PostgreSQL.

A site with the demo data (第63期 published, its PDF stored) is dumped with
``pg_dump -Fc`` and its media folder archived; both are restored into a new
database and a new folder, and the restored site, started on them, serves
issue 63 and a PDF with the checksum recorded at publication; ``verify_issues``
agrees. Everything runs in subprocesses with their own databases, named after
the test database, and dropped afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="backup and restore are documented for PostgreSQL (pg_dump/pg_restore);"
        " the suite is running on SQLite",
    ),
    pytest.mark.skipif(
        not (shutil.which("pg_dump") and shutil.which("pg_restore")),
        reason="pg_dump and pg_restore are not installed",
    ),
]

SERVE = """
import hashlib, sys, django
django.setup()
from django.test import Client
from bulletins.models import Issue
client = Client()
page = client.get("/haidong/dongtai/2021/63/")
pdf = client.get("/haidong/dongtai/2021/63/pdf/")
body = b"".join(pdf.streaming_content)
issue = Issue.objects.get(number=63)
print(page.status_code, "第63期" in page.content.decode(), pdf.status_code)
print(hashlib.sha256(body).hexdigest(), issue.pdf_sha256)
"""


def _server() -> dict:
    s = connection.settings_dict
    return {
        "host": s.get("HOST") or "127.0.0.1",
        "port": str(s.get("PORT") or 5432),
        "user": s.get("USER") or "postgres",
        "password": s.get("PASSWORD") or "",
    }


def _url(server, name) -> str:
    auth = quote(server["user"])
    if server["password"]:
        auth += ":" + quote(server["password"])
    return f"postgres://{auth}@{server['host']}:{server['port']}/{name}"


def _pg_env(server) -> dict:
    env = {
        **os.environ,
        "PGHOST": server["host"],
        "PGPORT": server["port"],
        "PGUSER": server["user"],
    }
    if server["password"]:
        env["PGPASSWORD"] = server["password"]
    return env


def _run(args, env, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(
        args, env=env, cwd=BASE_DIR, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, (args, result.stdout[-2000:], result.stderr[-4000:])
    return result


def _site_env(server, database: str, media: Path) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "PG")) and k != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings_test",
        DATABASE_URL=_url(server, database),
        MEDIA_ROOT=str(media),
        CONN_MAX_AGE="0",
    )
    return env


def _psql(server, sql: str):
    _run(
        ["psql", "-v", "ON_ERROR_STOP=1", "-d", "postgres", "-c", sql], _pg_env(server)
    )


def test_dump_and_restore_serve_issue_63_with_the_same_pdf(tmp_path):
    server = _server()
    base = connection.settings_dict["NAME"].lower()
    source, restored = f"{base}_backup_source", f"{base}_backup_restored"
    for name in (source, restored):
        _psql(server, f'DROP DATABASE IF EXISTS "{name}"')
    _psql(server, f'CREATE DATABASE "{source}"')
    try:
        media = tmp_path / "media"
        media.mkdir()
        env = _site_env(server, source, media)
        python = sys.executable
        _run([python, "manage.py", "migrate", "--noinput"], env)
        _run([python, "manage.py", "load_demo", "--force"], env)
        before = _run([python, "-c", SERVE], env).stdout.split()
        assert before[:3] == ["200", "True", "200"], before
        assert before[3] == before[4], "the published PDF does not match its checksum"

        # --- the backup (docs/backup.md) ---
        dump = tmp_path / "bulletin.dump"
        _run(["pg_dump", "-Fc", "--no-owner", "-f", str(dump), source], _pg_env(server))
        archive = tmp_path / "media.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(media, arcname=".")

        # --- the restore, into a new database and a new folder ---
        _psql(server, f'CREATE DATABASE "{restored}"')
        _run(
            ["pg_restore", "--no-owner", "--exit-on-error", "-d", restored, str(dump)],
            _pg_env(server),
        )
        new_media = tmp_path / "restored-media"
        new_media.mkdir()
        with tarfile.open(archive) as tar:
            tar.extractall(new_media, filter="data")
        env = _site_env(server, restored, new_media)

        after = _run([python, "-c", SERVE], env).stdout.split()
        assert after[:3] == ["200", "True", "200"], after
        assert after[3] == before[3], "the restored site serves a different PDF"
        assert after[4] == before[4]
        verified = _run([python, "manage.py", "verify_issues"], env)
        assert "0个有问题" in verified.stdout
        # and the migrations are complete: the health check is green
        health = _run(
            [
                python,
                "-c",
                "import django; django.setup(); from django.test import Client;"
                "r = Client().get('/healthz'); print(r.status_code)",
            ],
            env,
        )
        assert health.stdout.strip() == "200"
    finally:
        for name in (source, restored):
            subprocess.run(
                ["psql", "-d", "postgres", "-c", f'DROP DATABASE IF EXISTS "{name}"'],
                env=_pg_env(server),
                capture_output=True,
                timeout=120,
            )
