"""Finding 5 of the hardening issue: a database connection the server ended
(restart, failover, ``pg_terminate_backend``) cost the next request on each
worker a 500, because connections were reused for CONN_MAX_AGE seconds without
a health check.

The requests go through Django's WSGI handler exactly as gunicorn calls it (the
test client would skip the request_started signal that resets the check), with
one persistent connection between them, as in a sync worker.
"""

import io
import wsgiref.util

import psycopg2
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection

from tests.factories import PublishedIssueFactory

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="pg_terminate_backend needs PostgreSQL",
)


def test_health_checks_are_on_in_the_settings():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def request(app, path: str) -> tuple[int, bytes]:
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "HTTP_HOST": "testserver",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
    }
    wsgiref.util.setup_testing_defaults(environ)
    environ["SERVER_NAME"] = "testserver"
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"] = int(status.split()[0])

    response = app(environ, start_response)
    try:
        body = b"".join(response)
    finally:
        response.close()  # request_finished, as the server sends it
    return captured["status"], body


def terminate(pid: int) -> None:
    """End backend ``pid`` from a second connection, as a restart would."""
    params = connection.get_connection_params()
    other = psycopg2.connect(
        **{k: v for k, v in params.items() if k not in ("cursor_factory",)}
    )
    try:
        other.autocommit = True
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            assert cursor.fetchone()[0] is True
    finally:
        other.close()


@postgres_only
@pytest.mark.parametrize("path", ["/healthz", "/issues/"])
def test_a_terminated_connection_costs_no_request(transactional_db, path):
    PublishedIssueFactory()
    connection.close()
    connection.settings_dict["CONN_MAX_AGE"] = 600  # reuse, like production
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    app = WSGIHandler()
    try:
        status, _ = request(app, path)
        assert status == 200
        assert connection.connection is not None, "the connection was kept"
        pid = connection.connection.get_backend_pid()
        terminate(pid)

        status, body = request(app, path)
        assert status == 200, body[:500]
        assert connection.connection.get_backend_pid() != pid  # a new connection
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = 0
        connection.close()
