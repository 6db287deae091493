"""The everyday work of issue 16 in a real browser (Chromium through Playwright),
against the app served on 127.0.0.1 by ``live_server``, "today" being
2021-10-20 (September 2021 has just ended):

1. 平安区's clerk logs in and lands on their reports, sees August and September
   2021 overdue with their years, catches up on both; a submit refused for a
   missing explanation leads them to the empty box, highlighted;
2. the editor lands on the month overview, imports a trades sheet with one bad
   row inside the app and sees that row's number, column and reason; imports it
   corrected and reads the list at 1280 px and on a 390 px phone;
3. the editor chases the centres late for September (催报): the reminders reach
   a real SMTP server on loopback, and the overview shows when they were sent;
4. a citizen on a 390 px phone reaches 第63期's PDF in one tap from the top of
   the issue, and a search result opens the issue at the matching paragraph.

Screenshots go to SCREENSHOTS_DIR when set (``make screenshots``), else to a
temporary folder. Without Chromium the journey is skipped, except under
CI_REQUIRE_BROWSER=1, where it fails.
"""

import datetime
import email
import io
import re
import socket
from email.policy import default as default_policy

import openpyxl
import pytest
from django.core.cache import cache
from django.db import connections
from django.utils import timezone

from tests import journey_helpers as journey

PASSWORD = "Haidong#2021"  # submissions.demo.DEMO_PASSWORD
TODAY = datetime.date(2021, 10, 20)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
EXPLANATION = "本月窗口人员调整，部分办件顺延至下月办结，已与业务系统核对。"
HEADER = ["项目编号", "项目名称", "交易类型", "成交日期", "成交金额（元）", "备注"]
TRADES = [
    [
        "HD-2021-0801",
        "平安区小峡镇农村饮水安全巩固提升工程施工",
        "水利",
        "2021-08-03",
        12345678.00,
        "",
    ],
    [
        "HD-2021-0802",
        "乐都区第三中学教学楼及附属设施建设项目",
        "房屋建筑",
        "2021-08-10",
        58270000.00,
        "一标段",
    ],
    [
        "HD-2021-0803",
        "海东市政务服务中心办公设备采购",
        "政府采购",
        "2021-08-16",
        896000.50,
        "",
    ],
]
BAD_TRADE = [
    "HD-2021-0804",
    "互助县国有土地使用权",
    "土地使用权出让",
    "2021-08-20",
    "三千万",
    "",
]


def _sheet(rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _in_view(locator) -> bool:
    return locator.evaluate(
        "e => { const r = e.getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }"
    )


def _message(page):
    return page.locator("main .messages").inner_text()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_catching_up_importing_chasing_and_reading(
    live_server, tmp_path, monkeypatch, settings
):
    journey.require_browser()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REPORT_FIRST_MONTH = "2021-05"
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    real_localdate = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else real_localdate(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    from aiosmtpd.controller import Controller
    from playwright.sync_api import expect, sync_playwright

    from submissions.models import FigureDefinition, MonthlyReport, Reminder
    from transactions.models import Trade

    cache.clear()
    data = journey.load_journey_data()
    pingan = data["centres"]["平安区"]
    base = live_server.url
    shot = journey.Screenshots(journey.screenshots_dir())

    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    smtp.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=journey.CHROMIUM, headless=True, args=journey.CHROMIUM_ARGS
        )

        def person(username=None, viewport=DESKTOP, **options):
            context = browser.new_context(
                viewport=viewport,
                locale="zh-CN",
                reduced_motion="reduce",
                accept_downloads=True,
                **options,
            )
            context.set_default_timeout(15_000)
            page = context.new_page()
            if username:
                journey.log_in(page, base, username, PASSWORD)
            return page

        # The case figures' inputs (受理, 办结, 正在办理: the case definitions).
        box = {
            code: f"#id_defined-d{pk}"
            for code, pk in FigureDefinition.objects.filter(
                bureau_id=pingan.bureau_id,
                code__startswith="cases_",
            ).values_list("code", "pk")
        }
        try:
            # --- 1. the clerk catches up on August and September ---------------
            clerk = person("pingan")
            assert clerk.url == base + "/reports/", clerk.url  # their work
            overdue = clerk.locator("section[aria-labelledby=overdue-title]")
            expect(overdue).to_contain_text("2021年8月")
            expect(overdue).to_contain_text("2021年9月")
            expect(overdue).to_contain_text("2021年7月")
            shot(clerk, "everyday-01-clerk-overdue-months", full_page=True)
            for month, accepted, in_progress in (
                ("8", "12,000", "2000"),
                ("9", "11,800", "1800"),
            ):
                with clerk.expect_navigation():
                    clerk.click(f"button:has-text('补报2021年{month}月')")
                expect(clerk.locator("h1")).to_contain_text(f"2021年{month}月报送")
                if month == "8":
                    # A figure that cannot be read: the save is refused, and the
                    # page leads to that box and counts it with the others.
                    clerk.fill(box["cases_accepted"], "一万二")
                    clerk.fill(box["cases_in_progress"], "-5")
                    with clerk.expect_navigation():
                        clerk.click("button[name=save]")
                    assert "未保存" in _message(clerk)
                    wrong = clerk.locator(box["cases_accepted"])
                    expect(wrong).to_be_focused()
                    expect(wrong).to_have_class(re.compile("needs-attention"))
                    assert _in_view(wrong)
                    listed = clerk.locator("main .alert-danger li").count()
                    badge = clerk.locator("#live-panels .badge[title=错误]")
                    assert int(badge.inner_text().split()[-1]) >= listed == 2
                    shot(clerk, "everyday-02a-refused-save-leads-to-the-figure")
                clerk.fill(box["cases_accepted"], accepted)
                clerk.fill(box["cases_completed"], "10,000")
                clerk.fill(box["cases_in_progress"], in_progress)
                with clerk.expect_navigation():
                    clerk.click("button[name=save]")
                assert "已保存" in _message(clerk)
                boxes = clerk.locator("[data-submit-form] textarea")
                assert boxes.count() >= 1  # the completion rate is below 90%
                if month == "8":
                    # Submitting without the explanation: the page leads to it.
                    clerk.click("[data-submit-form] button[type=submit]")
                    journey.confirm(clerk)
                    assert "未填写说明" in _message(clerk)
                    first = boxes.first
                    expect(first).to_have_class(
                        "form-control is-invalid needs-attention"
                    )
                    expect(first).to_be_focused()
                    assert _in_view(first)
                    shot(clerk, "everyday-02-refused-submit-leads-to-the-box")
                for index in range(boxes.count()):
                    boxes.nth(index).fill(EXPLANATION)
                clerk.click("[data-submit-form] button[type=submit]")
                journey.confirm(clerk)
                assert "已提交" in _message(clerk)
            submitted = MonthlyReport.objects.filter(
                centre=pingan, status=MonthlyReport.Status.SUBMITTED
            ).values_list("month", flat=True)
            assert set(submitted) == {
                datetime.date(2021, 8, 1),
                datetime.date(2021, 9, 1),
            }
            expect(overdue).to_contain_text("逾期未报（1项）")
            clerk.context.close()

            # --- 2. the editor imports trades inside the app --------------------
            editor = person("editor")
            assert editor.url.startswith(base + "/reports/review/"), editor.url
            editor.goto(base + "/trades/?month=2021-08")
            with editor.expect_navigation():
                editor.click("a:has-text('从表格导入')")
            editor.set_input_files(
                "input[name=file]",
                files=[
                    {
                        "name": "8月交易.xlsx",
                        "mimeType": "application/vnd.openxmlformats-officedocument."
                        "spreadsheetml.sheet",
                        "buffer": _sheet([*TRADES, BAD_TRADE]),
                    }
                ],
            )
            with editor.expect_navigation():
                editor.click("button:has-text('上传并预览')")
            rejected = editor.locator("#rejected-rows tbody tr")
            expect(rejected).to_have_count(1)
            cells = [c.strip() for c in rejected.first.inner_text().split("\t")]
            assert cells[:2] == ["第5行", "成交金额（元）"], cells
            assert "三千万" in cells[2] and "不是数字" in cells[2], cells
            expect(editor.locator("main")).to_contain_text("未保存任何数据")
            assert not Trade.objects.exists()
            shot(editor, "everyday-03-import-shows-the-bad-row")
            fixed = [*TRADES, [*BAD_TRADE[:4], 30000000, ""]]
            editor.set_input_files(
                "input[name=file]",
                files=[
                    {
                        "name": "8月交易.xlsx",
                        "mimeType": "application/octet-stream",
                        "buffer": _sheet(fixed),
                    }
                ],
            )
            with editor.expect_navigation():
                editor.click("button:has-text('上传并预览')")
            expect(editor.locator("#import-preview")).to_contain_text("将新增4项")
            with editor.expect_navigation():
                editor.click("button:has-text('确认导入')")
            assert "新增4项" in _message(editor)
            assert Trade.objects.count() == 4
            editor.goto(base + "/trades/?month=2021-08")
            table = editor.locator(".trade-table")
            expect(table).to_contain_text("58,270,000.00元")
            expect(editor.locator("#unit-note")).to_contain_text(
                "1亿元 = 100,000,000元"
            )
            # 1280 px: nothing cut off, names on at most two lines
            for link in editor.locator(".trade-table a:has-text('删除')").all():
                box = link.bounding_box()
                assert box and box["x"] + box["width"] <= DESKTOP["width"], box
            for cell in editor.locator(".trade-table td.trade-name").all():
                assert cell.bounding_box()["height"] < 3 * 24, cell.inner_text()
            overflow = editor.evaluate(
                "document.documentElement.scrollWidth > window.innerWidth"
            )
            assert not overflow
            shot(editor, "everyday-04-trades-list-1280", full_page=True)
            with editor.expect_navigation():
                editor.click("a:has-text('新增交易项目')")
            expect(editor.locator("#id_date")).to_have_value("2021-08-01")

            phone_editor = person(
                "editor", viewport=PHONE, is_mobile=True, has_touch=True
            )
            phone_editor.goto(base + "/trades/?month=2021-08")
            width = phone_editor.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], width
            delete = phone_editor.locator(".trade-table a:has-text('删除')").first
            box = delete.bounding_box()
            assert box["x"] + box["width"] <= PHONE["width"], box
            shot(phone_editor, "everyday-05-trades-list-390", full_page=True)
            phone_editor.context.close()

            # --- 3. 催报: the reminders reach the SMTP server ------------------
            editor.goto(base + "/reports/review/?month=2021-09")
            with editor.expect_navigation():
                editor.click("button:has-text('催报未报单位')")
            assert "已向6个单位发送催报邮件" in _message(editor), _message(editor)
            assert len(inbox.messages) == 6
            recipients = {to[0] for to, _message_ in inbox.messages}
            assert "ledu@example.org" in recipients
            assert "pingan@example.org" not in recipients  # submitted
            subject = inbox.messages[0][1]["Subject"].strip()
            assert subject == "【催报】请尽快报送2021年9月政务服务数据"
            assert Reminder.objects.count() == 6
            row = editor.locator("tr", has=editor.locator("th:has-text('乐都区')"))
            expect(row).to_contain_text("已催报")
            shot(editor, "everyday-06-reminders-sent")
            # once per centre and month: nothing left to chase
            expect(
                editor.locator("button:has-text('催报未报单位（0）')")
            ).to_be_disabled()
            editor.context.close()

            # --- 4. a citizen on a phone: the PDF in one tap, search to the place
            phone = person(viewport=PHONE, is_mobile=True, has_touch=True)
            phone.goto(base + "/issues/63/")
            pdf_link = phone.locator(".issue-top a:has-text('PDF')")
            assert _in_view(pdf_link)
            expect(phone.locator(".issue-top summary")).to_have_text("目录")
            shot(phone, "everyday-07-phone-issue-top")
            with phone.expect_download() as download:
                pdf_link.tap()
            assert download.value.path().read_bytes().startswith(b"%PDF")
            phone.goto(base + "/search/?q=五级联动")
            expect(phone.locator(".form-text")).to_contain_text("直接跳到那一段")
            with phone.expect_navigation():
                phone.locator(".search-snippet-link").first.tap()
            assert "#hit-" in phone.url
            target = phone.locator(".search-hit-block")
            expect(target).to_have_count(1)
            expect(target).to_contain_text("五级联动")
            hit = phone.locator("#" + phone.url.split("#")[1])
            expect(hit).to_have_text("五级联动")
            assert _in_view(hit)
            shot(phone, "everyday-08-search-hit-paragraph")
            phone.context.close()
        finally:
            # The ORM inside sync_playwright has a connection of its own: close
            # it, or PostgreSQL refuses to drop the test database afterwards.
            connections.close_all()
            browser.close()
            smtp.stop()
