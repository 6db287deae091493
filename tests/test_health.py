"""/healthz: database reachability, pending migrations, PDF fonts; nothing
sensitive; cheap enough to be polled."""

import json
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from config import health


@pytest.fixture(autouse=True)
def fresh_migration_check(monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)


@pytest.mark.django_db
def test_healthz_reports_database_and_migrations(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert data["database"] == {"reachable": True, "pending_migrations": 0}
    assert "no-cache" in response["Cache-Control"]
    assert response["Content-Type"] == "application/json"


@pytest.mark.django_db
def test_healthz_reveals_nothing_sensitive(client, settings):
    body = client.get(reverse("healthz")).content.decode()
    assert settings.SECRET_KEY not in body
    assert str(settings.DATABASES["default"]["NAME"]) not in body
    for secret_or_path in (
        str(settings.BASE_DIR),
        str(settings.MEDIA_ROOT),
        "/usr/share/fonts",
        ".ttf",
        ".ttc",
        "PDF_FONT_",
        "postgres://",
        "sqlite",
        "password",
    ):
        assert secret_or_path not in body, secret_or_path


@pytest.mark.django_db
def test_healthz_reports_the_pdf_fonts(client):
    from bulletins.pdf import font_status

    status = font_status()
    fonts = client.get(reverse("healthz")).json()["pdf_fonts"]
    assert fonts["mode"] == ("cid_fallback" if status.fallback else "embedded")
    assert fonts["ok"] is status.ok
    assert set(fonts["roles"]) == {"song", "hei", "kai", "fangsong", "latin"}
    for role in status.roles:
        assert fonts["roles"][role.role] == {
            "family": role.family,
            "embedded": role.embedded,
            "source": role.source,
        }


@pytest.mark.django_db
def test_healthz_reports_the_cid_fallback_without_failing(
    client, settings, monkeypatch, tmp_path
):
    from bulletins.pdf import fonts as fonts_module
    from bulletins.pdf import reset_fonts

    for name in ("SONG", "HEI", "KAI", "FANGSONG", "LATIN"):
        setattr(settings, f"PDF_FONT_{name}", "")
    settings.PDF_FONT_DIRS = []
    monkeypatch.setattr(fonts_module, "SEARCH_DIRS", (str(tmp_path),))
    reset_fonts()
    try:
        response = client.get(reverse("healthz"))
    finally:
        reset_fonts()
    assert response.status_code == 200  # the PDF still publishes
    fonts = response.json()["pdf_fonts"]
    assert fonts["mode"] == "cid_fallback" and fonts["ok"] is False
    assert fonts["roles"]["song"] == {
        "family": "STSong-Light",
        "embedded": False,
        "source": "builtin",
    }
    assert str(tmp_path) not in response.content.decode()


@pytest.mark.django_db
def test_healthz_survives_a_broken_pdf_renderer(client):
    with mock.patch("bulletins.pdf.font_status", side_effect=ImportError("no")):
        response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["pdf_fonts"]["mode"] == "unavailable"


def test_fonts_are_looked_up_only_when_asked():
    """The health module does not import the PDF renderer (reportlab) at start-up."""
    import subprocess
    import sys

    code = (
        "import os, sys, django;"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings_test');"
        "django.setup(); import config.health;"
        "print('bulletins.pdf' in sys.modules, 'reportlab' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


@pytest.mark.django_db
def test_unreachable_database_answers_503(client):
    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    with mock.patch.object(health.connections["default"], "cursor", refuse):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    data = json.loads(response.content)
    assert data["status"] == "error"
    assert data["database"] == {"reachable": False, "pending_migrations": None}
    assert "Connection refused" not in response.content.decode()


@pytest.mark.django_db
def test_pending_migrations_answer_503(client, monkeypatch):
    monkeypatch.setattr(
        health.MigrationExecutor, "migration_plan", lambda self, targets: [("m", 0)]
    )
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == {"reachable": True, "pending_migrations": 1}


@pytest.mark.django_db
def test_healthz_is_cheap_once_warm(client, django_assert_max_num_queries):
    """After the first request: one query (SELECT 1), no migration graph, no font
    search."""
    client.get(reverse("healthz"))
    with (
        mock.patch.object(health, "MigrationExecutor") as executor,
        mock.patch("bulletins.pdf.fonts._resolve") as resolve,
        django_assert_max_num_queries(1),
    ):
        response = client.get(reverse("healthz"))
    assert response.status_code == 200
    executor.assert_not_called()
    resolve.assert_not_called()


@pytest.mark.django_db
def test_healthz_needs_no_login_and_sets_no_cookie(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert not response.cookies
