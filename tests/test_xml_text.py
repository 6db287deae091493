"""Finding 4 of the hardening issue: one control character broke the feeds.

Forms refuse the characters XML 1.0 cannot hold (tests/test_hostile_input.py
runs every free-text field through them); here, the message names the field,
and a published issue stored with such a character before the check still
renders as RSS, Atom, open data and PDF (defence in depth).
"""

import doctest
import io

import openpyxl
import pytest
from django.urls import reverse

from bulletins.models import Issue
from config import periods, sheets, spreadsheets, xmltext
from tests.factories import IssueFactory, PublishedIssueFactory, sample_document

pytestmark = pytest.mark.django_db

VT = "\x0b"


def test_docstring_examples_hold():
    for module in (xmltext, spreadsheets, sheets, periods):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_illegal_characters_are_those_xml_1_0_excludes():
    allowed = "\t\n\r 平安区👍\u200b\u202e\ue000\ufffd"
    assert xmltext.illegal_characters(allowed) == []
    refused = "".join(chr(c) for c in [*range(0, 9), 0xB, 0xC, *range(0xE, 0x20)])
    assert len(xmltext.illegal_characters(refused + "\ufffe\uffff")) == 31
    assert xmltext.xml_safe(f"工{VT}作\ufffe") == "工作"


@pytest.fixture
def poisoned_issue(db):
    """A published issue whose paragraph holds U+000B, as stored before the check."""
    issue = PublishedIssueFactory()
    issue.snapshot = sample_document(issue.label, extra=f"窗口{VT}服务").to_dict()
    issue.save()
    return issue


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
def test_the_feeds_survive_a_control_character_in_a_published_paragraph(
    client, poisoned_issue, url
):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "窗口服务" in body
    assert VT not in body


def test_open_data_survives_a_control_character(client, poisoned_issue):
    url = reverse("bulletins:issue_data", args=[*poisoned_issue.address, "xlsx"])
    response = client.get(url)
    assert response.status_code == 200
    openpyxl.load_workbook(io.BytesIO(response.content))  # well-formed


def test_the_issue_page_survives_a_control_character(client, poisoned_issue):
    assert client.get(poisoned_issue.get_absolute_url()).status_code == 200


def test_the_paragraph_rewrite_refuses_a_control_character_naming_the_field(
    login, editor
):
    from bulletins import services

    issue = IssueFactory()
    document = services.draft_document(issue)
    key = next(p.key for p in document.iter_paragraphs() if p.key)
    url = reverse("bulletins:paragraph", args=[issue.pk, key])
    response = login(editor).post(url, {"text": f"改写{VT}后"})
    body = response.content.decode()
    assert "“改写后的文字”含有不可见的控制字符（U+000B），请删除后再保存。" in body
    assert Issue.objects.get(pk=issue.pk).overrides == {}


def test_a_work_item_title_names_its_field(login, clerk, centre):
    from tests.factories import MonthlyReportFactory
    from tests.submissions.test_views_clerk import form_data

    report = MonthlyReportFactory(centre=centre)
    client = login(clerk)
    data = form_data(client, report)
    index = int(data["items-TOTAL_FORMS"])
    data["items-TOTAL_FORMS"] = index + 1
    data.update(
        {
            f"items-{index}-title": f"标{VT}题",
            f"items-{index}-body": "正文",
            f"items-{index}-id": "",
            f"items-{index}-ORDER": "",
        }
    )
    response = client.post(report.get_absolute_url(), data)
    assert response.status_code == 422
    assert "“标题”含有不可见的控制字符（U+000B）" in response.content.decode()
    assert not report.work_items.exists()


def test_a_search_with_a_nul_character_is_answered(client, poisoned_issue):
    """Found by the URL sweep on PostgreSQL, which refuses a NUL in a query."""
    from bulletins import search

    response = client.get("/search/", {"q": "窗口\x00服务"})
    assert response.status_code == 200
    assert search.clean_query("五级\x00联动\x0b") == "五级联动"
    assert doctest.testmod(search).failed == 0


def test_a_preview_token_with_a_nul_character_is_a_404(client):
    """Found by the URL sweep on PostgreSQL: the token was looked up as typed."""
    assert client.get("/preview/ab%00cd/").status_code == 404
    assert client.get("/preview/forged-token/").status_code == 404
