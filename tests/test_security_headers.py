import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_security_headers_on_pages(client):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_pages_use_no_inline_script_or_style(client):
    content = client.get(reverse("login")).content.decode()
    assert "<script>" not in content
    assert "style=" not in content
    assert "<style" not in content


@pytest.mark.django_db
def test_session_expires_after_inactivity(settings):
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 60 * 60


@pytest.mark.django_db
def test_login_form_needs_csrf(clerk):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        reverse("login"), {"username": "clerk_a", "password": "test-password-123"}
    )
    assert response.status_code == 403
