"""The public site: pages from the snapshot, 404 for anything unpublished,
the query bound, conditional GET and the page cache."""

import datetime

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile

from bulletins.document import Cell, Column, Document, Table
from bulletins.models import Issue
from bureaus.site import site_texts
from tests.factories import (
    IssueFactory,
    PublishedIssueFactory,
    issue_url,
    sample_document,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    yield
    cache.clear()


def public_urls(number):
    return [
        issue_url(number),
        issue_url(number, "pdf/"),
        issue_url(number, "data.csv"),
        issue_url(number, "data.xlsx"),
        issue_url(number, "data.json"),
        issue_url(number, "r/1/"),
        issue_url(number, "r/1/pdf/"),
    ]


@pytest.mark.parametrize(
    "status",
    [Issue.Status.DRAFT, Issue.Status.AWAITING_SIGN_OFF, Issue.Status.SIGNED_OFF],
)
def test_unpublished_issue_is_404_on_every_public_url(client, status):
    issue = IssueFactory(number=63, status=status, snapshot=sample_document().to_dict())
    for url in public_urls(63):
        assert client.get(url).status_code == 404, url
    for url in ["/", "/issues/", "/search/?q=五级联动", "/feed/", "/sitemap.xml"]:
        response = client.get(url)
        assert response.status_code == 200
        assert "第63期" not in response.content.decode(), url
    assert issue.label == "第63期"


def test_missing_issue_is_404(client):
    assert client.get("/issues/999/").status_code == 404


def test_home_shows_latest_and_recent(client):
    PublishedIssueFactory(number=62, period_start=datetime.date(2021, 5, 1))
    PublishedIssueFactory(number=63, period_start=datetime.date(2021, 6, 1))
    response = client.get("/")
    html = response.content.decode()
    assert "最新一期" in html
    assert html.index("第63期") < html.index("第62期")
    assert f'href="{issue_url(63)}"' in html and f'href="{issue_url(62)}"' in html


def test_archive_grouped_by_year_and_paginated(client):
    for n in range(30):
        PublishedIssueFactory(
            number=40 + n,
            period_start=datetime.date(2019 + n // 12, n % 12 + 1, 1),
        )
    page1 = client.get("/issues/").content.decode()
    assert "2021年" in page1 and "第69期" in page1
    assert "第40期" not in page1
    page2 = client.get("/issues/?page=2").content.decode()
    assert "第40期" in page2 and "2019年" in page2


def test_issue_page_renders_the_snapshot_accessibly(client):
    table = Table(
        columns=[Column("序号"), Column("单位", "left"), Column("受理（件）", "right")],
        rows=[[Cell("1", 1), Cell("市公安局"), Cell("1687", 1687)]],
        totals=[Cell("合计"), Cell(""), Cell("1687", 1687)],
        caption="办件情况统计表",
    )
    from bulletins.document import Attachment

    document = sample_document()
    document = Document(
        **{
            **document.__dict__,
            "attachments": [Attachment("附件1", "办件情况统计表", table)],
            "metadata": {
                "索引号": "HD-2021-063",
                "发布机构": "海东市政务服务监督管理局",
            },
        }
    )
    PublishedIssueFactory(number=63, snapshot=document.to_dict())
    response = client.get(issue_url(63))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="bulletin-title"' in html
    assert "一、市级政务服务大厅及公共资源交易工作开展情况</h2>" in html
    assert "（一）办理情况</h3>" in html
    assert '<caption class="visually-hidden">办件情况统计表</caption>' in html
    assert '<th scope="col"' in html
    assert '<th scope="row" class="text-start">市公安局</th>' in html
    assert 'colspan="2"' in html and "合计" in html
    assert "索引号" in html and "HD-2021-063" in html
    assert 'name="viewport"' in html


def test_user_text_in_the_snapshot_is_escaped(client):
    document = sample_document(extra="<script>alert(1)</script>")
    PublishedIssueFactory(number=63, snapshot=document.to_dict())
    html = client.get(issue_url(63)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_issue_page_query_count_is_constant(client, django_assert_max_num_queries):
    many = sample_document()
    sections = list(many.sections) * 40  # a bulletin with many centres and items
    document = Document(**{**many.__dict__, "sections": sections})
    PublishedIssueFactory(number=63, snapshot=document.to_dict())
    url = issue_url(63)
    # The page itself, uncached (the site texts, cached apart, read first).
    for _ in range(2):
        cache.clear()
        site_texts()
        with django_assert_max_num_queries(3):
            assert client.get(url).status_code == 200


def test_etag_and_last_modified_give_304(client):
    PublishedIssueFactory(number=63)
    first = client.get(issue_url(63))
    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(issue_url(63), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    since = client.get(issue_url(63), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_a_correction_changes_etag_and_busts_the_cache(client):
    issue = PublishedIssueFactory(number=63)
    first = client.get(issue_url(63))
    assert "已更正的内容" not in first.content.decode()
    corrected = sample_document(extra="已更正的内容。").to_dict()
    issue.revisions.create(number=2, snapshot=corrected, note="更正受理件数")
    Issue.objects.filter(pk=issue.pk).update(
        snapshot=corrected,
        revision=2,
        revised_at=issue.published_at + datetime.timedelta(days=3),
    )
    second = client.get(issue_url(63), HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    html = second.content.decode()
    assert "已更正的内容" in html
    assert "更正受理件数" in html
    assert issue_url(63, "r/1/") in html
    old = client.get(issue_url(63, "r/1/")).content.decode()
    assert "已更正的内容" not in old and "第1版" in old
    assert client.get(issue_url(63, "r/2/")).status_code == 302
    assert client.get(issue_url(63, "r/9/")).status_code == 404


def test_pdf_is_served_as_a_file(client):
    issue = PublishedIssueFactory(number=63, pdf_sha256="ab" * 32)
    issue.pdf.save("63-r1.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    response = client.get(issue_url(63, "pdf/"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"


def test_issue_without_pdf_has_no_pdf_link(client):
    PublishedIssueFactory(number=63)
    assert client.get(issue_url(63, "pdf/")).status_code == 404
    assert issue_url(63, "pdf/") not in client.get(issue_url(63)).content.decode()


def test_public_pages_answer_head_and_refuse_post(client):
    PublishedIssueFactory(number=63)
    for url in ["/", "/issues/", issue_url(63), issue_url(63, "data.json"), "/search/"]:
        assert client.head(url).status_code == 200, url
        assert client.post(url).status_code == 405, url
