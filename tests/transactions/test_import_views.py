"""The editor's trade import inside the app (issue 16, finding 3): a dry run
first, every rejected row with its row number, column and Chinese reason in
plain sight, then the confirmation; progress while the server works."""

import re
import uuid

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.transactions.test_import import GOOD, csv_bytes, xlsx_bytes
from transactions import importing
from transactions.models import Trade
from transactions.trade_columns import AMOUNT, NOT_A_NUMBER

BAD_AMOUNT = ["HD-009", "化隆县学校", "房屋建筑", "2021-06-09", "一百万", ""]


@pytest.fixture
def editor_client(login, editor):
    assert not editor.is_staff  # the demo editor is not staff either
    return login(editor)


def upload(client, data: bytes, name="trades.csv", token=""):
    return client.post(
        reverse("transactions:trade_import"),
        {"file": SimpleUploadedFile(name, data), "token": token},
    )


def stored_imports() -> list[str]:
    if not default_storage.exists("imports"):
        return []
    return default_storage.listdir("imports")[1]


def test_the_trades_list_offers_the_import_to_the_editor(editor_client):
    content = editor_client.get(reverse("transactions:trade_list")).content.decode()
    assert reverse("transactions:trade_import") in content
    assert editor_client.get(reverse("transactions:trade_import")).status_code == 200


def test_a_bad_row_is_listed_with_row_column_and_reason_and_nothing_saved(
    editor_client,
):
    response = upload(editor_client, xlsx_bytes([*GOOD, BAD_AMOUNT]), "t.xlsx")
    assert response.status_code == 422
    html = response.content.decode()
    table = html[html.index('id="rejected-rows"') :]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", table[: table.index("</table>")])
    # the header is row 1: the fifth data row is spreadsheet row 6
    assert cells == ["第6行", AMOUNT, NOT_A_NUMBER.format(value="一百万")]
    assert "共5行，其中1行有误，未保存任何数据。" in html
    assert "None" not in table
    assert not Trade.objects.exists()
    assert stored_imports() == []
    assert importing.SESSION_KEY not in editor_client.session


def test_preview_then_confirm_saves_every_row_as_the_editor(editor_client, editor):
    response = upload(editor_client, csv_bytes(GOOD))
    assert response.status_code == 200
    html = response.content.decode()
    assert "尚未保存" in html
    assert "共4行，将新增4项、更新0项" in html
    assert not Trade.objects.exists()
    assert len(stored_imports()) == 1
    response = editor_client.post(
        reverse("transactions:trade_import_confirm"), follow=True
    )
    assert importing.IMPORTED.format(created=4, updated=0, unchanged=0) in (
        response.content.decode()
    )
    assert Trade.objects.count() == 4
    assert Trade.history.filter(history_user=editor).count() == 4
    assert stored_imports() == []


def test_confirm_without_a_preview_saves_nothing(editor_client):
    response = editor_client.post(
        reverse("transactions:trade_import_confirm"), follow=True
    )
    assert importing.EXPIRED in response.content.decode()
    assert not Trade.objects.exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused_in_chinese(editor_client):
    response = upload(editor_client, b"hello", "trades.pdf")
    assert response.status_code == 422
    assert "不支持的文件格式“.pdf”" in response.content.decode()
    assert stored_imports() == []


def test_progress_reports_the_rows_worked_through(editor_client):
    cache.clear()
    token = uuid.uuid4().hex
    url = reverse("transactions:trade_import_progress", args=[token])
    assert editor_client.get(url).json() == {"done": 0, "total": None}
    upload(editor_client, xlsx_bytes(GOOD), "t.xlsx", token=token)
    assert editor_client.get(url).json() == {"done": 4, "total": 4}
    bad = reverse("transactions:trade_import_progress", args=["not-a-token"])
    assert editor_client.get(bad).status_code == 404


def test_the_clerk_may_not_import(login, clerk):
    client = login(clerk)
    assert client.get(reverse("transactions:trade_import")).status_code == 403
    response = client.post(
        reverse("transactions:trade_import"),
        {"file": SimpleUploadedFile("t.csv", csv_bytes(GOOD))},
    )
    assert response.status_code == 403
    assert not Trade.objects.exists()


def test_an_upload_over_the_limit_is_refused_before_it_is_stored_or_read(
    editor_client, settings, monkeypatch
):
    settings.UPLOAD_MAX_BYTES = 1000
    opened = []
    monkeypatch.setattr("transactions.services.open_sheet", lambda *a: opened.append(a))
    response = upload(editor_client, csv_bytes(GOOD * 20))
    assert response.status_code == 422
    assert "文件过大" in response.content.decode()
    assert opened == [] and stored_imports() == []
    assert not Trade.objects.exists()
