"""The trends page in Chromium: a period some units were left out of is marked
in the drawn chart itself (a hollow triangle, a legend entry and a tooltip
note), not only in the table under it."""

import pytest
from django.core.cache import cache

from tests import journey_helpers as journey
from tests.bulletins.test_trends import PAGE, figures, publish

LEFT_OUT = "乐都区政务服务中心"


def _chart(page, name: str) -> dict:
    """What Chart.js drew on the chart ``name``: per dataset its label and the
    point style of each period, and the tooltip footer of each period."""
    return page.evaluate(
        """(name) => {
          const canvas = document.querySelector(`canvas[data-chart="${name}"]`);
          const chart = Chart.getChart(canvas);
          const footer = chart.options.plugins.tooltip.callbacks.footer;
          return {
            datasets: chart.data.datasets.map((d) => ({
              label: d.label,
              styles: Array.isArray(d.pointStyle) ? d.pointStyle : [d.pointStyle],
            })),
            footers: chart.data.labels.map((_, i) =>
              footer.call(chart.tooltip, [{dataIndex: i}])),
            legend: chart.legend.legendItems.map((i) => [i.text, i.pointStyle]),
          };
        }""",
        name,
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_incomplete_period_is_marked_in_the_drawn_chart(live_server, monkeypatch):
    journey.require_browser()
    cache.clear()
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    publish(63, 6, figures(hall=(1000, 990)))
    july = figures(hall=(1100, 1090))
    july["missing"] = [{"name": LEFT_OUT}]
    publish(64, 7, july)
    publish(65, 8, figures(hall=(1200, 1200)))
    shot = journey.Screenshots(journey.screenshots_dir())

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=journey.CHROMIUM, headless=True, args=journey.CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(live_server.url + PAGE)
            page.wait_for_selector("#trends.trends-drawn")
            cases = _chart(page, "cases")
            rate = _chart(page, "rate")
            trades = _chart(page, "trades")
            shot(page, "trends-incomplete", full_page=True)
        finally:
            browser.close()

    # 受理 and 办结: July drawn as a triangle, June and August as circles.
    for dataset in cases["datasets"][:2]:
        assert dataset["styles"] == ["circle", "triangle", "circle"], dataset
    assert cases["datasets"][-1]["label"] == "数据不完整的期次"
    assert ["数据不完整的期次", "triangle"] in cases["legend"]
    assert all(style == "circle" for text, style in cases["legend"][:2])
    assert cases["footers"] == ["", f"数据不完整：{LEFT_OUT}未编入", ""]
    assert rate["datasets"][0]["styles"] == ["circle", "triangle", "circle"]
    # Trades are the bureau's own: a left-out unit does not make them incomplete.
    assert "数据不完整的期次" not in [d["label"] for d in trades["datasets"]]
