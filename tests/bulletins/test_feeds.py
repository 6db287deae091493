import datetime
import xml.etree.ElementTree as ET

import pytest

from tests.factories import IssueFactory, PublishedIssueFactory, issue_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def issues():
    return (
        PublishedIssueFactory(number=63, period_start=datetime.date(2021, 6, 1)),
        IssueFactory(number=64, period_start=datetime.date(2021, 7, 1)),
    )


def test_rss_lists_published_issues_only(client, issues):
    response = client.get("/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    titles = [t.text for t in root.iter("title")]
    assert any("第63期" in t for t in titles)
    assert not any("第64期" in (t or "") for t in titles)
    links = [link.text for link in root.iter("link")]
    assert f"http://testserver{issue_url(63)}" in links


def test_atom_feed(client, issues):
    response = client.get("/feed/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert len(entries) == 1
    assert "第63期" in entries[0].find("a:title", ns).text


def test_sitemap_lists_pages_and_published_issues(client, issues):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert f"http://testserver{issue_url(63)}" in body
    assert f"http://testserver{issue_url(64)}" not in body
    assert "http://testserver/issues/</loc>" in body
    assert "<lastmod>2021-07-06" in body
