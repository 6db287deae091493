"""Headers and sessions (issue 7): CSP with no inline script or style on any page,
clickjacking and referrer headers, CSRF on every form, secure cookies and HSTS in
production, session expiry after inactivity, django-axes lockout.

"Every page" is every page of the access matrix (tests/test_access_matrix.py):
each URL, as each role, that answers with HTML.
"""

from __future__ import annotations

import datetime
from html.parser import HTMLParser

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, issue_url
from tests.test_access_matrix import LOGIN, MATRIX, ROLES, World, _state, request
from tests.test_settings import PRODUCTION_ENV, run_python

pytestmark = pytest.mark.django_db

HTML_PAGES = [
    (row, role)
    for row in MATRIX
    if row.method == "get"
    for role, answer in zip(ROLES, row.answers, strict=True)
    if answer in ("200", "403", "404")
]


class PageScan(HTMLParser):
    """Inline scripts and styles, and POST forms with or without a CSRF token."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inline_scripts = 0
        self.style_tags = 0
        self.style_attributes = []
        self.event_handlers = []
        self.post_forms = []  # [has csrf token] per <form method="post">
        self._in_post_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not attrs.get("src"):
            if attrs.get("type") not in ("application/json", "application/ld+json"):
                self.inline_scripts += 1
        if tag == "style":
            self.style_tags += 1
        if "style" in attrs:
            self.style_attributes.append(tag)
        self.event_handlers += [name for name in attrs if name.startswith("on")]
        if tag == "form":
            self._in_post_form = (attrs.get("method") or "get").lower() == "post"
            if self._in_post_form:
                self.post_forms.append(False)
        if (
            tag == "input"
            and self._in_post_form
            and attrs.get("name") == "csrfmiddlewaretoken"
            and attrs.get("value")
        ):
            self.post_forms[-1] = True

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_post_form = False


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return World(tmp_path)


def _is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


def test_every_page_of_the_matrix_is_scanned():
    """A guard against an empty scan: most of the matrix renders HTML."""
    assert len(HTML_PAGES) > 150


def test_no_page_needs_inline_script_or_style_and_every_post_form_has_csrf(world):
    scanned = 0
    problems = []
    for row, role in HTML_PAGES:
        client = Client()
        response = request(row, role, world, client)
        if not _is_html(response):
            continue
        scanned += 1
        page = PageScan()
        page.feed(response.content.decode())
        where = f"{row.id} as {role}"
        if page.inline_scripts:
            problems.append(f"{where}: {page.inline_scripts} inline <script>")
        if page.style_tags:
            problems.append(f"{where}: <style>")
        if page.style_attributes:
            problems.append(f"{where}: style= on {page.style_attributes}")
        if page.event_handlers:
            problems.append(f"{where}: inline handlers {page.event_handlers}")
        if not all(page.post_forms):
            problems.append(f"{where}: a POST form without csrfmiddlewaretoken")
    assert scanned > 100
    assert not problems, "\n".join(problems)


def test_every_page_sends_the_security_headers(world):
    for row, role in HTML_PAGES:
        response = request(row, role, world, Client())
        where = f"{row.id} as {role}"
        assert response["X-Frame-Options"] == "DENY", where
        assert response["Referrer-Policy"] == "same-origin", where
        assert response["X-Content-Type-Options"] == "nosniff", where
        if _is_html(response):
            csp = response["Content-Security-Policy"]
            assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, where
            for directive in (
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self'",
                "object-src 'none'",
                "frame-ancestors 'none'",
                "form-action 'self'",
                "base-uri 'self'",
            ):
                assert directive in csp, (where, directive)


def test_downloads_are_not_sniffed_or_framed(world):
    for url in (
        issue_url(63, "pdf/"),
        issue_url(63, "data.csv"),
        issue_url(63, "data.json"),
        reverse("bulletins:feed"),
        reverse("healthz"),
    ):
        response = Client().get(url)
        assert response.status_code == 200, url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["X-Frame-Options"] == "DENY", url


# --- CSRF -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "role"),
    [
        (row, role)
        for row in MATRIX
        if row.method == "post"
        for role, answer in zip(ROLES, row.answers, strict=True)
        if answer not in (LOGIN, "403", "404", "405")
    ],
    ids=lambda value: getattr(value, "id", value),
)
def test_a_post_without_the_csrf_token_is_refused(row, role, world):
    """Every POST a user may make is refused without the token, and changes
    nothing."""
    before = _state()
    strict = Client(enforce_csrf_checks=True)
    response = request(row, role, world, strict)
    assert response.status_code == 403, (row.id, role)  # allowed roles: CSRF
    assert _state() == before


def test_login_form_needs_csrf(clerk):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        reverse("login"), {"username": "clerk_a", "password": PASSWORD}
    )
    assert response.status_code == 403
    assert "_auth_user_id" not in strict.session


def test_admin_login_needs_csrf(admin_user):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        reverse("admin:login"), {"username": "admin", "password": PASSWORD}
    )
    assert response.status_code == 403


def test_csrf_cookie_is_http_only():
    response = Client().get(reverse("login"))
    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"].lower() == "lax"


# --- production cookies and HSTS (settings loaded in a subprocess) --------------------

PRODUCTION_RESPONSE = """
import django
django.setup()
from django.conf import settings
settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.middleware.security import SecurityMiddleware
from django.test import RequestFactory

def view(request):
    request.session["seen"] = True
    get_token(request)
    return HttpResponse("ok")

chain = SecurityMiddleware(SessionMiddleware(CsrfViewMiddleware(view)))
request = RequestFactory().get("/", secure=True, HTTP_HOST="bulletin.example.gov.cn")
response = chain(request)
print(response["Strict-Transport-Security"])
for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME):
    cookie = response.cookies[name]
    print(name, bool(cookie["secure"]), bool(cookie["httponly"]), cookie["samesite"])
plain = SecurityMiddleware(view)(
    RequestFactory().get("/x", HTTP_HOST="bulletin.example.gov.cn")
)
print(plain.status_code, plain["Location"])
"""


def test_production_cookies_are_secure_and_http_only_and_hsts_is_sent():
    result = run_python(PRODUCTION_RESPONSE, PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "max-age=31536000; includeSubDomains; preload"
    session, csrf = (line.split() for line in lines[1:3])
    assert session == [settings.SESSION_COOKIE_NAME, "True", "True", "Lax"]
    assert csrf == [settings.CSRF_COOKIE_NAME, "True", "True", "Lax"]
    # plain HTTP is sent to HTTPS
    assert lines[3] == "301 https://bulletin.example.gov.cn/x"


# --- sessions -------------------------------------------------------------------------


def test_session_settings_end_a_session_after_inactivity():
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 60 * 60


def _session_row(client) -> Session:
    return Session.objects.get(
        session_key=client.cookies[settings.SESSION_COOKIE_NAME].value
    )


def test_each_request_pushes_the_expiry_forward(client, clerk):
    client.post(reverse("login"), {"username": "clerk_a", "password": PASSWORD})
    row = _session_row(client)
    earlier = timezone.now() + datetime.timedelta(seconds=60)
    Session.objects.filter(pk=row.pk).update(expire_date=earlier)
    assert client.get(reverse("submissions:todo")).status_code == 200
    expiry = _session_row(client).expire_date
    age = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert expiry > earlier
    assert abs(expiry - (timezone.now() + age)) < datetime.timedelta(minutes=1)


def test_an_idle_session_expires_and_the_user_logs_in_again(client, clerk):
    client.post(reverse("login"), {"username": "clerk_a", "password": PASSWORD})
    assert client.get(reverse("submissions:todo")).status_code == 200
    # SESSION_COOKIE_AGE seconds pass without a request
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(reverse("submissions:todo"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_logout_ends_the_session_on_the_server(client, clerk):
    client.post(reverse("login"), {"username": "clerk_a", "password": PASSWORD})
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=key).exists()


def test_login_rotates_the_session_key(client, clerk):
    client.get(reverse("login"))
    session = client.session  # an anonymous session first
    session["probe"] = 1
    session.save()
    before = session.session_key
    client.post(reverse("login"), {"username": "clerk_a", "password": PASSWORD})
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != before


# --- django-axes lockout --------------------------------------------------------------


def test_the_admin_login_is_locked_out_too(client, admin_user):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("admin:login"), {"username": "admin", "password": "x"})
    response = client.post(
        reverse("admin:login"), {"username": "admin", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "账户已被暂时锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_is_chinese_and_has_the_headers(client, clerk):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "clerk_a", "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "clerk_a", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert response["X-Frame-Options"] == "DENY"
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    page = PageScan()
    page.feed(response.content.decode())
    assert not (page.inline_scripts or page.style_tags or page.style_attributes)


def test_the_lockout_ends_after_the_cool_off(client, clerk):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "clerk_a", "password": "wrong"})
    cool_off = datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - cool_off - datetime.timedelta(minutes=1)
    )
    response = client.post(
        reverse("login"), {"username": "clerk_a", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(clerk.pk)


def test_failures_below_the_limit_do_not_lock(client, clerk):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("login"), {"username": "clerk_a", "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "clerk_a", "password": PASSWORD}
    )
    assert response.status_code == 302
    # and a success resets the count (AXES_RESET_ON_SUCCESS)
    assert not AccessAttempt.objects.filter(
        username="clerk_a", failures_since_start__gt=0
    ).exists()
