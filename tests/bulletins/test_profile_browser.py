"""The bureau admin edits 海东's profile in the browser: a block removed, a
heading and a sentence template changed, amounts switched to 万元. The preview
follows at once (HTML, and the PDF); an invalid template is refused with a
message pointing at it; the saved version changes the next issue."""

import datetime
import io

import pytest
from django.core.cache import cache
from django.db import connections

from tests import journey_helpers as journey

WORK_BLOCK = """  - kind: section
    heading: 主要工作
    numbering: section
    key: hall.work
    blocks:
    - kind: hall_work
      heading: ''
      numbering: item
"""


def _edited(text: str) -> str:
    assert WORK_BLOCK in text
    return (
        text.replace(WORK_BLOCK, "")
        .replace(
            "heading: 市级政务服务大厅及公共资源交易工作开展情况",
            "heading: 市级大厅工作情况",
        )
        .replace(
            "公共资源交易总量为{{ total_count }}件", "全市共成交{{ total_count }}件"
        )
        .replace("amount: 亿元", "amount: 万元")
    )


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_bureau_admin_edits_the_profile_with_a_live_preview(
    live_server, tmp_path, monkeypatch, settings
):
    journey.require_browser()
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import expect, sync_playwright
    from pypdf import PdfReader

    from bulletins import services
    from bulletins.composition import document_text
    from bulletins.models import Profile
    from submissions import demo as submissions_demo
    from tests.factories import (
        PASSWORD,
        BureauAdminFactory,
        IssueFactory,
        SeriesFactory,
    )
    from transactions import demo as trades_demo

    cache.clear()
    submissions_demo.load(io.StringIO())
    trades_demo.load(io.StringIO())
    series = SeriesFactory()
    BureauAdminFactory(username="hd-admin")
    shot = journey.Screenshots(journey.screenshots_dir())

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=journey.CHROMIUM, headless=True, args=journey.CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            journey.log_in(page, live_server.url, "hd-admin", PASSWORD)
            page.goto(live_server.url + "/editor/profiles/")
            page.get_by_role("link", name="编辑并预览").click()
            page.fill("#profile-month", "2021-06")
            preview = page.locator("#profile-preview")
            expect(preview).to_contain_text(
                "2.公共资源交易情况。6月份，公共资源交易总量为224件"
            )
            expect(preview).to_contain_text("（二）主要工作")
            original = page.input_value("#profile-text")

            # The edits show in the preview at once, before anything is saved.
            page.fill("#profile-text", _edited(original))
            expect(preview).to_contain_text("一、市级大厅工作情况")
            expect(preview).to_contain_text(
                "6月份，全市共成交224件，交易金额为77266.00万元"
            )
            expect(preview).to_contain_text("交易金额（万元）")
            expect(preview).not_to_contain_text("（二）主要工作")
            shot(page, "profile-edited-preview")

            # The PDF preview of the same edits.
            token = page.locator(
                "#profile-form input[name=csrfmiddlewaretoken]"
            ).input_value()
            pdf = context.request.post(
                f"{live_server.url}/editor/profiles/{series.pk}/preview/",
                form={
                    "csrfmiddlewaretoken": token,
                    "text": _edited(original),
                    "month": "2021-06",
                    "format": "pdf",
                },
                headers={"Referer": page.url},
            )
            assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
            text = (
                "".join(
                    (p.extract_text() or "")
                    for p in PdfReader(io.BytesIO(pdf.body())).pages
                )
                .replace(" ", "")
                .replace("\n", "")
            )
            assert "市级大厅工作情况" in text and "77266.00万元" in text

            # An invalid template: the preview and the save both point at it.
            broken = _edited(original).replace(
                "全市共成交{{ total_count }}件", "全市共成交{{ total_cont }}件"
            )
            line = next(
                n for n, t in enumerate(broken.splitlines(), 1) if "total_cont }}" in t
            )
            page.fill("#profile-text", broken)
            problems = page.locator("#profile-preview-problems")
            expect(problems).to_contain_text(f"第{line}行")
            expect(problems).to_contain_text("未知的数值“total_cont”")
            page.get_by_role("button", name="保存为新版本").click()
            expect(page.locator("#profile-problems")).to_contain_text(
                f"第{line}行（块“公共资源交易情况”的模板“template”第"
            )
            shot(page, "profile-refused")
            assert Profile.objects.filter(series=series).count() == 1

            # Saved: a new version, and the next issue is composed with it.
            page.fill("#profile-text", _edited(original))
            page.fill("#profile-note", "去掉主要工作，金额改为万元")
            page.get_by_role("button", name="保存为新版本").click()
            expect(page.locator("body")).to_contain_text("版式已保存为第2版")
        finally:
            connections.close_all()
            browser.close()

    assert series.current_profile().version == 2
    issue = IssueFactory(
        series=series, number=63, period_start=datetime.date(2021, 6, 1)
    )
    text = document_text(services.compose(issue))
    assert "一、市级大厅工作情况" in text
    assert "6月份，全市共成交224件，交易金额为77266.00万元。" in text
    assert "（二）主要工作" not in text
