"""Trends across issues: the arithmetic, the page and its JSON, from published
snapshots only."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from bulletins import trends
from bulletins.models import Issue
from tests.factories import (
    IssueFactory,
    PublishedIssueFactory,
    issue_url,
    sample_document,
)

PAGE = "/haidong/trends/"
HOTLINE = "hotline_received"
# What ``series_charts`` reads for 海东's series: its profile charts the 12345
# hotline's 受理, named by the bureau's definition.
CHARTS = {1: (trends.FigureChart(HOTLINE, "12345热线受理", "件"),)}
DATA = "/haidong/trends/data.json"


def unit(cid, name, accepted, completed):
    return {"id": cid, "name": name, "accepted": accepted, "completed": completed}


def figures(
    hall=(1000, 990),
    centres=((2, "平安区政务服务中心", 500, 500),),
    trades=(12, "772660000.00"),
    hotline=268,
):
    data = {
        "hall": None
        if hall is None
        else {
            **unit(1, "市级政务服务大厅", *hall),
            "hotline": None if hotline is None else {"received": hotline},
        },
        "centres": [unit(*c) for c in centres],
        "trades": {"total": {"count": trades[0], "amount_yuan": trades[1]}},
    }
    return data


def snapshot(number, data):
    return sample_document(f"第{number}期", figures=data).to_dict()


def row(period_start, data, number=1, series=(1, "海东政务服务动态"), revision=1):
    return (
        *series,
        "monthly",
        period_start,
        number,
        revision,
        data.get("hall"),
        data.get("centres"),
        (data.get("trades") or {}).get("total"),
        data.get("missing"),
        "haidong",
        "dongtai",
        period_start.year,
    )


# --- the arithmetic (plain tests) -------------------------------------------------


def test_totals_sum_the_hall_and_the_centres():
    units = [unit(1, "厅", 1000, 990), unit(2, "区", 500, 500)]
    assert trends.case_totals(units) == (1500, 1490)
    assert trends.completion_rate(units) == ("99.33%", Decimal("99.33"))


def test_rate_is_recomputed_from_the_sums_not_averaged():
    # Averaging the two rates (50% and 100%) would give 75%.
    units = [unit(1, "厅", 2, 1), unit(2, "区", 98, 98)]
    assert trends.completion_rate(units) == ("99%", Decimal("99.00"))


def test_zero_of_zero_is_no_rate():
    units = [unit(1, "厅", 0, 0)]
    assert trends.case_totals(units) == (0, 0)
    assert trends.completion_rate(units) == ("—", None)


def test_a_near_miss_is_never_100_percent():
    assert trends.completion_rate([unit(1, "厅", 100000, 99999)])[0] == "99.99%"


def test_blank_figures_are_skipped_and_all_blank_stays_blank():
    blank = unit(3, "化隆县", None, None)
    assert trends.case_totals([blank]) == (None, None)
    assert trends.completion_rate([blank]) == ("", None)
    assert trends.case_totals([unit(1, "厅", 10, 9), blank]) == (10, 9)


def test_a_centre_without_completed_does_not_pull_the_rate_down():
    units = [unit(1, "厅", 100, 100), unit(2, "循化县", 50, None)]
    assert trends.case_totals(units) == (150, 100)
    assert trends.rate_base(units) == (100, 100)
    assert trends.completion_rate(units)[0] == "100%"


def test_completed_falls_back_to_the_categories_only_when_they_add_up():
    hall = {
        "accepted": 10503,
        "completed": None,
        "categories": [
            {"accepted": 2476, "completed": 2476},
            {"accepted": 8027, "completed": 8027},
        ],
    }
    assert trends.unit_completed(hall) == 10503
    short = {**hall, "accepted": 10600}
    assert trends.unit_completed(short) is None
    partial = {**hall, "categories": [{"accepted": 10503, "completed": None}]}
    assert trends.unit_completed(partial) is None


def test_trade_amount_is_exact_and_shown_in_yi():
    count, yuan = trends.trade_total({"count": 224, "amount_yuan": "772660000.00"})
    assert (count, yuan) == (224, Decimal("772660000.00"))
    assert trends.amount_yi(yuan) == Decimal("7.7266")
    assert trends.trade_total({"count": 0, "amount_yuan": "0"})[1] == 0
    assert trends.trade_total(None) == (None, None)
    assert trends.trade_total({"count": 1, "amount_yuan": "-5"}) == (1, None)


def test_a_figure_sums_the_units_that_state_it():
    units = [{"hotline": {"received": 200}}, {"hotline": None}, {"hotline": {}}]
    assert trends.figure_total(units, HOTLINE) == 200
    assert trends.figure_total([{"hotline": None}], HOTLINE) is None
    # Since the hotline is figure definitions, snapshots state it as a figure.
    defined = [
        {"figures": [{"code": "hotline_received", "total": 268}]},
        {"figures": [{"code": "cross_province", "total": 5}]},
        {"hotline": {"received": 2}},
    ]
    assert trends.figure_total(defined, HOTLINE) == 270
    assert trends.figure_total(defined, "cross_province") == 5
    assert trends.figure_total(defined, "consult") is None
    # An amount (exact 元 text) or anything but a count is not charted.
    amounts = [{"figures": [{"code": "budget", "total": "12.50"}]}]
    assert trends.figure_total(amounts, "budget") is None


def test_a_point_from_an_issue_without_hall_or_trades():
    point = trends.point(
        period_start=datetime.date(2021, 6, 1),
        frequency="monthly",
        number=63,
        revision=1,
        hall=None,
        centres=[unit(2, "平安区", 5, 5), unit(3, "化隆县", None, None)],
        trades=None,
    )
    assert (point.key, point.label) == ("2021-06", "2021年6月")
    assert (point.accepted, point.completed, point.completion_rate) == (5, 5, "100%")
    assert point.trades_count is None and point.trades_amount_yuan is None
    assert point.figures == {}
    assert point.centres == {2: 5, 3: None}


def test_quarters_are_keyed_and_labelled_as_quarters():
    point = trends.point(
        period_start=datetime.date(2021, 7, 1),
        frequency="quarterly",
        number=3,
        revision=1,
        hall=unit(1, "厅", 3, 3),
        centres=[],
        trades=None,
    )
    assert (point.key, point.label) == ("2021-Q3", "2021年第三季度")


def test_series_put_the_hall_first_name_centres_as_latest_and_drop_blank_ones():
    june = figures(centres=((3, "乐都区", 7, 7), (2, "平安区旧名", 5, 5)))
    june["centres"].append(unit(9, "化隆县", None, None))
    july = figures(centres=((2, "平安区政务服务中心", 6, 6),))
    [series] = trends.build_series(
        [row(datetime.date(2021, 6, 1), june), row(datetime.date(2021, 7, 1), july)]
    )
    assert [c.name for c in series.centres] == [
        "市级政务服务大厅",
        "平安区政务服务中心",
        "乐都区",
    ]
    # 乐都区 is missing in July: a gap, not a zero.
    assert series.centre_values(3) == [7, None]
    assert [p.accepted for p in series.points] == [1012, 1006]


def test_series_are_kept_apart():
    data = figures()
    result = trends.build_series(
        [
            row(datetime.date(2021, 6, 1), data),
            row(datetime.date(2021, 6, 1), data, series=(2, "合成测试数据")),
        ]
    )
    assert [(s.key, len(s.points)) for s in result] == [
        ("1-monthly", 1),
        ("2-monthly", 1),
    ]


def test_charts_have_a_table_each_and_skip_what_no_issue_states():
    no_extras = figures(trades=(None, None), hotline=None)
    no_extras["trades"] = {}
    [series] = trends.build_series([row(datetime.date(2021, 6, 1), no_extras)], CHARTS)
    charts = trends.chart_tables(series, "亿元", 4)
    assert [c.key for c in charts] == ["cases", "rate", "centres"]
    [series] = trends.build_series([row(datetime.date(2021, 6, 1), figures())], CHARTS)
    charts = {c.key: c for c in trends.chart_tables(series, "亿元", 4)}
    assert list(charts) == ["cases", "rate", "centres", "trades", f"figure-{HOTLINE}"]
    hotline = charts[f"figure-{HOTLINE}"]
    assert (hotline.title, hotline.columns, hotline.code) == (
        "12345热线受理",
        ("12345热线受理（件）",),
        HOTLINE,
    )
    assert hotline.rows[0][2] == ("268",)
    # Without the profile naming it, the figure has no chart.
    [series] = trends.build_series([row(datetime.date(2021, 6, 1), figures())])
    assert f"figure-{HOTLINE}" not in [
        c.key for c in trends.chart_tables(series, "亿元", 4)
    ]
    address = ("haidong", "dongtai", 2021, 1)
    assert charts["trades"].rows == (("2021年6月", address, ("12", "7.7266")),)
    assert charts["rate"].rows[0][2] == ("99.33%", "1500", "1490")


# --- the page and the JSON -----------------------------------------------------------


@pytest.fixture
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def publish(number, month, data=None, **kwargs):
    return PublishedIssueFactory(
        number=number,
        period_start=datetime.date(2021, month, 1),
        snapshot=snapshot(number, data or figures()),
        **kwargs,
    )


@pytest.mark.django_db
def test_json_has_one_series_with_aligned_periods_and_centres(client, empty_cache):
    publish(63, 6, figures(hall=(1000, 990)))
    publish(64, 7, figures(hall=(1100, 1100), trades=(3, "4000")))
    response = client.get(DATA)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    [series] = response.json()["series"]
    assert series["title"] == "海东政务服务动态"
    assert series["frequency"] == "monthly"
    june, july = series["periods"]
    assert june == {
        "key": "2021-06",
        "label": "2021年6月",
        "issue": 63,
        "revision": 1,
        "url": issue_url(63),
        "accepted": 1500,
        "completed": 1490,
        "completion_rate": "99.33%",
        "completion_rate_value": "99.33",
        "rate_accepted": 1500,
        "rate_completed": 1490,
        "trades_count": 12,
        "trades_amount_yuan": "772660000.00",
        "trades_amount_yi": "7.7266",
        "figures": {"hotline_received": 268},
        "incomplete": False,
        "missing_centres": [],
    }
    assert july["completion_rate"] == "100%"
    assert july["trades_amount_yi"] == "0.0000"
    assert series["centres"] == [
        {"id": 1, "name": "市级政务服务大厅", "accepted": [1000, 1100]},
        {"id": 2, "name": "平安区政务服务中心", "accepted": [500, 500]},
    ]


@pytest.mark.django_db
def test_only_published_issues_appear(client, empty_cache):
    publish(63, 6)
    for month, status in enumerate(
        (Issue.Status.DRAFT, Issue.Status.AWAITING_SIGN_OFF, Issue.Status.SIGNED_OFF),
        start=7,
    ):
        IssueFactory(
            number=90 + month,
            status=status,
            period_start=datetime.date(2021, month, 1),
            snapshot=snapshot(90 + month, figures(hall=(777777, 777777))),
        )
    data = client.get(DATA).json()
    assert [p["issue"] for s in data["series"] for p in s["periods"]] == [63]
    page = client.get(PAGE).content.decode()
    assert "777777" not in page
    assert "778277" not in page  # the unpublished total with the centre


@pytest.mark.django_db
def test_no_published_issue_gives_an_empty_page(client, empty_cache):
    IssueFactory(snapshot=snapshot(63, figures()))
    assert client.get(DATA).json()["series"] == []
    page = client.get(PAGE).content.decode()
    assert "暂无数据" in page
    assert "chart.umd.min.js" not in page


@pytest.mark.django_db
def test_a_correction_changes_the_series_at_once(client, empty_cache):
    issue = publish(63, 6, figures(hall=(1000, 990)))
    assert client.get(DATA).json()["series"][0]["periods"][0]["accepted"] == 1500
    assert "1500" in client.get(PAGE).content.decode()
    # What publishing a correction does: a new current snapshot and revision;
    # revision 1 keeps the old one.
    issue.snapshot = snapshot(63, figures(hall=(1030, 1020)))
    issue.revision = 2
    issue.save()
    issue.revisions.create(number=2, snapshot=issue.snapshot, note="更正受理件数。")
    point = client.get(DATA).json()["series"][0]["periods"][0]
    assert (point["accepted"], point["revision"]) == (1530, 2)
    page = client.get(PAGE).content.decode()
    assert "1530" in page
    assert ">1500<" not in page
    assert issue.revisions.get(number=1).snapshot["figures"]["hall"]["accepted"] == 1000


@pytest.mark.django_db
def test_the_page_has_a_captioned_table_for_every_chart(client, empty_cache):
    publish(63, 6)
    response = client.get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    canvases = re.findall(r"<canvas [^>]*data-chart=\"(\w+)\"", page)
    assert canvases == ["cases", "rate", "centres", "trades", "figure"]
    assert f'data-chart="figure" data-code="{HOTLINE}"' in page
    assert "12345热线受理（件）" in page
    assert page.count("<table") == len(canvases)
    assert page.count("<caption>") == len(canvases)
    assert '<th scope="col">期间</th>' in page
    assert f'<th scope="row"><a href="{issue_url(63)}">2021年6月</a></th>' in page
    assert 'role="img"' in page
    assert f'data-trends-src="{DATA}"' in page
    assert "/static/vendor/chartjs/chart.umd.min.js" in page
    assert "/static/js/trends.js" in page
    # CSP: no inline script or style.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert "<style" not in page
    assert " style=" not in page


@pytest.mark.django_db
def test_the_nav_and_the_home_page_link_to_the_trends(client, empty_cache):
    publish(63, 6)
    home = client.get(reverse("home")).content.decode()
    assert '<a class="nav-link" href="/trends/">数据趋势</a>' in home
    assert re.search(r'<a href="/trends/">[^<]*<i [^>]*></i> 各期办件量', home)
    # With one bureau, /trends/ is that bureau's trends.
    assert f'data-trends-src="{DATA}"' in client.get("/trends/").content.decode()


@pytest.mark.django_db
def test_the_page_comes_from_the_cache_until_the_next_publication(
    client, empty_cache, django_assert_num_queries
):
    publish(63, 6)
    client.get(PAGE)
    client.get(DATA)
    for url in (PAGE, DATA):
        with django_assert_num_queries(1):  # the publication state
            assert client.get(url).status_code == 200
    publish(64, 7)
    assert "2021年7月" in client.get(PAGE).content.decode()
    assert len(client.get(DATA).json()["series"][0]["periods"]) == 2


@pytest.mark.django_db
@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize("url", [PAGE, DATA])
def test_queries_do_not_grow_with_the_issues(
    client, empty_cache, django_assert_max_num_queries, count, url
):
    for n in range(count):
        PublishedIssueFactory(
            number=100 + n,
            period_start=datetime.date(2019 + n // 12, n % 12 + 1, 1),
            snapshot=snapshot(100 + n, figures(hall=(1000 + n, 990))),
        )
    cache.clear()
    # The publication state, the bureau, the figures, the series' profiles'
    # charts and their definitions' names; the page also reads the site texts
    # (bureaus.site) from the emptied cache.
    with django_assert_max_num_queries({PAGE: 7, DATA: 5}[url]):
        response = client.get(url)
    assert response.status_code == 200
    if url == DATA:
        assert len(response.json()["series"][0]["periods"]) == count


@pytest.mark.django_db
def test_the_page_names_no_bureaus_units(client, empty_cache):
    """The intro and chart titles speak of the reporting units, whatever a
    bureau calls them (a prefecture has no 市级大厅 and no 区（县）)."""
    publish(63, 6)
    content = client.get(PAGE).content.decode()
    assert "办件量与办结率为该期各报送单位合计" in content
    assert "各报送单位受理件数" in content
    for vocabulary in ("市级政务服务大厅与", "各区（县）", "大厅（中心）"):
        assert vocabulary not in content


@pytest.mark.django_db
def test_the_profile_names_the_figures_charted_and_the_bureau_names_them(
    client, empty_cache
):
    """A bureau charts 咨询 instead of the hotline by its profile's ``charts``:
    no code change; the chart and its table take the definition's name, and a
    code the bureau has no definition of is no chart."""
    from bulletins.profiles.services import save_profile
    from submissions.models import FigureDefinition

    data = figures()
    data["hall"]["figures"] = [{"code": "consult", "total": 40}]
    data["centres"][0]["figures"] = [{"code": "consult", "total": None}]
    issue = publish(63, 6, data)
    FigureDefinition.objects.create(
        bureau=issue.series.bureau, code="consult", name="咨询", unit="次"
    )
    spec = {**issue.series.current_profile().spec, "charts": ["consult", "gone"]}
    save_profile(issue.series, spec, note="趋势图改为咨询")

    page = client.get(PAGE).content.decode()
    assert re.findall(r"<canvas [^>]*data-chart=\"(\w+)\"", page)[-1] == "figure"
    assert 'data-code="consult"' in page and HOTLINE not in page
    assert '<th scope="col">咨询（次）</th>' in page
    [series] = client.get(DATA).json()["series"]
    assert series["charts"] == [{"code": "consult", "name": "咨询", "unit": "次"}]
    assert series["periods"][0]["figures"] == {"consult": 40}
