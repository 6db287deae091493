"""docker-compose.yml cannot run here (no Docker engine): keep it right by reading."""

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
