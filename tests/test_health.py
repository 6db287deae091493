import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_healthz_reports_database_and_migrations(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert data["database"] == {"reachable": True, "pending_migrations": 0}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_reveals_nothing_sensitive(client, settings):
    body = client.get(reverse("healthz")).content.decode()
    assert settings.SECRET_KEY not in body
    assert str(settings.DATABASES["default"]["NAME"]) not in body
