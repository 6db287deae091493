import datetime

import pytest

from bulletins.search import snippets
from tests.factories import (
    IssueFactory,
    PublishedIssueFactory,
    issue_url,
    sample_document,
)

pytestmark = pytest.mark.django_db


def test_a_chinese_phrase_finds_the_issue_with_the_passage_highlighted(client):
    PublishedIssueFactory(number=63, period_start=datetime.date(2021, 6, 1))
    PublishedIssueFactory(
        number=64,
        period_start=datetime.date(2021, 7, 1),
        snapshot=sample_document("第64期").to_dict() | {"sections": []},
        search_text="7月份，窗口受理行政许可事项。",
    )
    response = client.get("/search/", {"q": "五级联动"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "找到 1 期" in html
    assert f'href="{issue_url(63)}?q=' in html and issue_url(64) not in html
    assert "<mark>五级联动</mark>" in html


def test_each_passage_links_to_its_match_in_the_issue(client):
    PublishedIssueFactory(
        number=63,
        search_text="一是五级联动。\n" + "甲" * 100 + "\n二是五级联动。",
    )
    html = client.get("/search/", {"q": "五级联动"}).content.decode()
    query = "q=%E4%BA%94%E7%BA%A7%E8%81%94%E5%8A%A8"
    assert f'href="{issue_url(63)}?{query}#hit-1"' in html
    assert f'href="{issue_url(63)}?{query}#hit-2"' in html
    # the hint speaks to citizens, not about indexes and speed
    assert "最快" not in html
    assert "直接跳到那一段" in html


def test_drafts_are_not_searched(client):
    IssueFactory(number=70, search_text="五级联动")
    html = client.get("/search/", {"q": "五级联动"}).content.decode()
    assert "找到 0 期" in html


def test_query_is_escaped_before_highlighting(client):
    PublishedIssueFactory(number=63, search_text="开展<b>五级联动</b>试点")
    html = client.get("/search/", {"q": "<b>五级"}).content.decode()
    assert "<mark>&lt;b&gt;五级</mark>" in html
    assert "<b>五级" not in html


def test_snippet_is_cut_to_the_paragraph_around_the_match():
    text = "第一段无关。\n" + "甲" * 100 + "五级联动" + "乙" * 100 + "\n第三段。"
    (snippet,) = snippets(text, "五级联动")
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "第一段" not in snippet and "<mark>五级联动</mark>" in snippet


def test_empty_query_lists_nothing(client):
    PublishedIssueFactory(number=63)
    html = client.get("/search/", {"q": "  "}).content.decode()
    assert "找到" not in html
