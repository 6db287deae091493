"""Finding 6 of the hardening issue: PUT, DELETE, PATCH and TRACE on a report
page or /healthz were answered as GET (200).

Every view declares its methods (``config.methods``); the URL patterns are
enumerated from the URLconf, so a view added later without a declaration fails
``test_every_url_pattern_declares_its_methods``, and each pattern is asked with
every method it does not declare.
"""

import pytest
from django.urls import URLPattern, reverse

from config.methods import SITE_METHODS, declared_methods
from tests.factories import (
    AdminFactory,
    ClerkFactory,
    HallFactory,
    MonthlyReportFactory,
    PublishedIssueFactory,
)
from tests.urlconf import converter_kind, url_patterns

pytestmark = pytest.mark.django_db

ALL_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "TRACE", "OPTIONS")
SAMPLE = {
    "int": 1,
    "string": "x",
    "slug": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
    "month": "2021-06",
}


PATTERNS = list(url_patterns())


def sample_url(name: str, pattern: URLPattern) -> str:
    kwargs = {
        key: SAMPLE[converter_kind(converter)]
        for key, converter in pattern.pattern.converters.items()
    }
    return reverse(name, kwargs=kwargs)


def test_the_sweep_sees_every_part_of_the_site():
    names = {name for name, _ in PATTERNS}
    assert {"healthz", "submissions:report_edit", "bulletins:feed"} <= names
    assert len(PATTERNS) >= 40


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[n for n, _ in PATTERNS])
def test_every_url_pattern_declares_its_methods(name, pattern):
    declared = declared_methods(pattern.callback)
    assert declared, f"{name} declares no methods (config.methods)"
    assert declared <= set(SITE_METHODS), f"{name} accepts {sorted(declared)}"
    assert ("GET" in declared) == ("HEAD" in declared), name


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[n for n, _ in PATTERNS])
def test_every_url_pattern_refuses_what_it_does_not_declare(client, name, pattern):
    admin = AdminFactory(username="admin")
    url = sample_url(name, pattern)
    declared = declared_methods(pattern.callback)
    for method in ALL_METHODS:
        client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
        response = client.generic(method, url)
        if method in declared:
            assert response.status_code not in (405, 500), (method, url)
        else:
            assert response.status_code == 405, (method, url)


@pytest.fixture
def report(db):
    return MonthlyReportFactory(centre=HallFactory())


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "TRACE", "OPTIONS"])
def test_a_report_page_healthz_and_public_pages_refuse_other_methods(
    client, report, method
):
    issue = PublishedIssueFactory()
    client.force_login(
        ClerkFactory(centre=report.centre),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    for url in [
        report.get_absolute_url(),
        "/healthz",
        "/",
        "/issues/",
        issue.get_absolute_url(),
        "/feed/",
        "/search/?q=服务",
        "/admin/",
    ]:
        response = client.generic(method, url)
        assert response.status_code == 405, (method, url)
        assert response.content == b""
        assert "GET" in response["Allow"]


def test_head_is_kept_wherever_get_is(client, report):
    issue = PublishedIssueFactory()
    for url in ["/healthz", "/", "/issues/", issue.get_absolute_url(), "/feed/"]:
        response = client.head(url)
        assert response.status_code == 200, url
        assert response.content == b""


def test_a_page_refuses_a_post_it_does_not_take(client, report):
    client.force_login(
        ClerkFactory(centre=report.centre),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    assert client.post("/healthz").status_code == 405
    assert client.post(reverse("submissions:todo")).status_code == 405
    assert client.post("/issues/").status_code == 405
