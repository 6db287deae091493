"""The public pages' caches: served from the cache, never stale after a change."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from bulletins import services, signoff
from tests.factories import (
    EditorFactory,
    LeaderFactory,
    PublishedIssueFactory,
    sample_document,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    yield
    cache.clear()


def test_an_anonymous_reader_gets_the_issue_page_from_the_cache(
    client, django_assert_num_queries
):
    issue = PublishedIssueFactory()
    url = issue.get_absolute_url()
    first = client.get(url)
    with django_assert_num_queries(1) as captured:
        second = client.get(url)
    # The issue's identity and revision, not its snapshot.
    assert "snapshot" not in captured.captured_queries[0]["sql"]
    assert second.status_code == 200
    assert second.content == first.content
    assert "窗口受理行政许可事项" in second.content.decode()


def test_a_correction_is_served_at_once(client, editor_with_publish):
    issue = PublishedIssueFactory()
    url = issue.get_absolute_url()
    assert "10503件" in client.get(url).content.decode()
    paragraph = services.find_paragraph(sample_document(), "hall.cases")
    services.issue_set_override(
        issue=issue,
        key="hall.cases",
        text="6月份，窗口受理各类事项共计10530件。",
        generated=paragraph.text,
    )
    issue = signoff.issue_submit_correction(
        issue=issue, user=editor_with_publish, note="更正受理件数。"
    )
    issue = signoff.issue_sign_off(issue=issue, user=LeaderFactory())
    signoff.issue_publish(issue=issue, user=editor_with_publish)
    page = client.get(url).content.decode()
    assert "10530件" in page
    assert "10503件" not in page


def test_a_logged_in_reader_does_not_get_the_anonymous_page(client, login, editor):
    issue = PublishedIssueFactory()
    url = issue.get_absolute_url()
    assert "工作人员登录" in client.get(url).content.decode()
    page = login(editor).get(url).content.decode()
    assert "工作人员登录" not in page
    assert "退出" in page


@pytest.mark.parametrize("name", ["home", "bulletins:archive"])
def test_lists_come_from_the_cache_until_the_next_publication(
    client, django_assert_num_queries, name
):
    PublishedIssueFactory(number=63)
    url = reverse(name)
    client.get(url)
    with django_assert_num_queries(1):  # the publication state
        assert "第63期" in client.get(url).content.decode()
    PublishedIssueFactory(number=64)
    assert "第64期" in client.get(url).content.decode()


def test_search_finds_an_issue_published_after_the_same_search(client):
    PublishedIssueFactory(number=63)
    url = reverse("bulletins:search") + "?q=五级联动"
    assert "找到 1 期" in client.get(url).content.decode()
    PublishedIssueFactory(number=64)
    assert "找到 2 期" in client.get(url).content.decode()


@pytest.fixture
def editor_with_publish(db):
    return EditorFactory(username="publisher")
