"""Two bureaus' issues with the same number in the same year, side by side."""

from __future__ import annotations

import datetime
import json
from dataclasses import replace

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from bulletins.models import Series
from bulletins.periods import Period
from bulletins.selectors import period_figures
from bureaus.commands import bureau_from_option
from tests.factories import (
    BureauFactory,
    CentreFactory,
    MonthlyTradeTotalFactory,
    PublishedIssueFactory,
    SeriesFactory,
    default_bureau,
    filled_report,
    sample_document,
    second_bureau,
)

pytestmark = pytest.mark.django_db
JUNE = datetime.date(2022, 6, 1)


def _issue(bureau, title, slug, marker):
    series = SeriesFactory(bureau=bureau, title=title, slug=slug)
    document = sample_document("第5期", extra=marker)
    document = replace(
        document,
        masthead=replace(document.masthead, title=title, publisher=bureau.name),
    )
    issue = PublishedIssueFactory(
        series=series,
        number=5,
        period_start=JUNE,
        snapshot=document.to_dict(),
        search_text=marker,
    )
    issue.pdf.save(f"{slug}.pdf", ContentFile(f"%PDF-1.4 {slug}".encode()))
    return issue


@pytest.fixture
def pair():
    cache.clear()
    a = _issue(default_bureau(), "海东政务服务动态", "dongtai", "海东独有段落")
    b = _issue(second_bureau(), "海西州通报", "tongbao", "海西独有段落")
    return a, b


def test_same_number_same_year_each_at_its_own_address(pair, client):
    a, b = pair
    assert a.get_absolute_url() == "/haidong/dongtai/2022/5/"
    assert b.get_absolute_url() == "/haixi/tongbao/2022/5/"
    for mine, other in ((a, b), (b, a)):
        page = client.get(mine.get_absolute_url()).content.decode()
        assert mine.series.title in page and other.series.title not in page
        mine_mark = mine.search_text
        assert mine_mark in page and other.search_text not in page
        assert (
            f'rel="canonical" href="http://testserver{mine.get_absolute_url()}"' in page
        )
        pdf = client.get(mine.pdf_url)
        assert (
            b"".join(pdf.streaming_content) == f"%PDF-1.4 {mine.series.slug}".encode()
        )
        data = json.loads(client.get(mine.json_url).content)
        assert mine.series.title in json.dumps(data, ensure_ascii=False)
        assert other.series.title not in json.dumps(data, ensure_ascii=False)
        for feed in (
            f"/{mine.series.bureau.slug}/feed/",
            f"/{mine.series.bureau.slug}/{mine.series.slug}/feed/",
            f"/{mine.series.bureau.slug}/{mine.series.slug}/feed/atom/",
        ):
            body = client.get(feed).content.decode()
            assert mine.get_absolute_url() in body, feed
            assert other.get_absolute_url() not in body, feed
    site = client.get("/feed/").content.decode()
    assert a.get_absolute_url() in site and b.get_absolute_url() in site
    sitemap = client.get("/sitemap.xml").content.decode()
    assert a.get_absolute_url() in sitemap and b.get_absolute_url() in sitemap


def test_old_addresses_answer_301_for_every_child(pair, client):
    a, _ = pair  # the first series with 第5期
    base = a.get_absolute_url()
    for child in ("", "pdf/", "data.csv", "data.xlsx", "data.json", "r/1/", "r/1/pdf/"):
        response = client.get(f"/issues/5/{child}")
        assert response.status_code == 301, child
        assert response["Location"] == base + child
    assert client.get("/issues/5/nothing/").status_code == 404
    assert client.get("/issues/6/").status_code == 404


def test_home_lists_the_bureaus_with_their_latest_issues(pair, client):
    a, b = pair
    body = client.get("/").content.decode()
    for issue in (a, b):
        assert issue.series.bureau.name in body
        assert issue.get_absolute_url() in body
    bureau_page = client.get("/haixi/").content.decode()
    assert (
        b.get_absolute_url() in bureau_page and a.get_absolute_url() not in bureau_page
    )


def test_search_narrows_by_bureau_and_series(pair, client):
    a, b = pair
    everything = client.get("/search/", {"q": "独有段落"}).content.decode()
    assert a.get_absolute_url() in everything and b.get_absolute_url() in everything
    haixi = client.get(
        "/search/", {"q": "独有段落", "bureau": "haixi"}
    ).content.decode()
    assert b.get_absolute_url() in haixi and a.get_absolute_url() not in haixi
    series = client.get(
        "/search/", {"q": "独有段落", "series": "dongtai"}
    ).content.decode()
    assert a.get_absolute_url() in series and b.get_absolute_url() not in series


def test_composition_reads_only_its_own_bureau():
    a, b = default_bureau(), second_bureau()
    filled_report(CentreFactory(bureau=a, name="甲中心"), JUNE, accepted_total=100)
    filled_report(CentreFactory(bureau=b, name="乙中心"), JUNE, accepted_total=900)
    from submissions.models import MonthlyReport

    MonthlyReport.objects.update(status=MonthlyReport.Status.APPROVED)
    MonthlyTradeTotalFactory(bureau=a, month=JUNE, count=3)
    MonthlyTradeTotalFactory(bureau=b, month=JUNE, count=40)
    figures = period_figures(Period.month(2022, 6), bureau=a)
    assert [c.name for c in figures.centres] == ["甲中心"]
    assert figures.trades.total.count == 3


def test_reserved_and_duplicate_slugs_are_refused():
    bureau = BureauFactory.build(slug="search", name="x", short_name="x")
    with pytest.raises(ValidationError, match="固定地址"):
        bureau.full_clean()
    series = Series(bureau=default_bureau(), title="t", slug="feed", publisher="p")
    with pytest.raises(ValidationError, match="固定地址"):
        series.full_clean()
    # Titles are unique per bureau, not across bureaus.
    SeriesFactory(bureau=default_bureau(), title="同名刊物", slug="same")
    SeriesFactory(bureau=second_bureau(), title="同名刊物", slug="same")
    assert Series.objects.filter(title="同名刊物").count() == 2


@pytest.mark.no_bureau
def test_commands_need_the_bureau_when_there_are_several():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="还没有任何编发单位"):
        bureau_from_option("")
    default_bureau()
    assert bureau_from_option("").slug == "haidong"
    second_bureau()
    with pytest.raises(CommandError, match="--bureau"):
        bureau_from_option("")
    with pytest.raises(CommandError, match="nosuch"):
        bureau_from_option("nosuch")
    assert bureau_from_option("haixi").slug == "haixi"
