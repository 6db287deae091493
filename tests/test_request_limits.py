"""Bodies too large for any view: refused by Django before they are read.

The front server refuses them first in production (nginx
``client_max_body_size``, docs/security.md); these are Django's own refusals.
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_body_declared_beyond_the_limit_is_refused_before_it_is_read(client):
    declared = 100 * 2**20
    response = client.generic(
        "POST",
        reverse("login"),
        b"username=x",  # far shorter than declared: reading it would fail
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(declared),
    )
    assert response.status_code == 413
    assert response.content.decode() == (
        f"请求内容过大：{declared}字节，上限为{64 * 2**20}字节。"
    )


def test_the_limit_is_a_setting(client, settings):
    settings.REQUEST_MAX_BYTES = 1000
    response = client.post(reverse("login"), {"username": "x" * 2000})
    assert response.status_code == 413


def test_form_fields_beyond_djangos_limit_get_400(client, settings):
    """DATA_UPLOAD_MAX_MEMORY_SIZE: a non-file body over 5 MiB is refused."""
    body = b"username=" + b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.generic(
        "POST",
        reverse("login"),
        body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400


def test_an_upload_under_the_request_limit_still_gets_the_forms_message(
    login, settings
):
    """Between UPLOAD_MAX_BYTES and REQUEST_MAX_BYTES the user reads why."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import ClerkFactory, HallFactory, MonthlyReportFactory

    settings.UPLOAD_MAX_BYTES = 1000
    report = MonthlyReportFactory(centre=HallFactory())
    client = login(ClerkFactory(centre=report.centre))
    response = client.post(
        reverse("submissions:figures_import", args=[report.pk]),
        {"file": SimpleUploadedFile("其他指标.csv", b"0" * 5000)},
    )
    assert "文件过大" in response.content.decode()
