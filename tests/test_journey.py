"""The month's journey in a real browser (Chromium through Playwright), against
the app served on 127.0.0.1 by ``live_server``:

1. 平安区's clerk logs in, opens the July 2021 report, types figures as Chinese
   input methods produce them (１２３, 29,447), sees a live warning, saves and
   submits with an explanation;
2. 乐都区's clerk cannot open that report (404) and sees only their own;
3. the editor returns it with a comment, the clerk corrects and resubmits, the
   editor sees exactly what changed and approves;
4. the editor composes 第64期, rewrites one paragraph and sends it for sign-off;
   the leader sees the rewrite beside the generated text, opens the draft PDF
   and signs it off; the editor publishes (without JavaScript: the
   confirmation is a page) exactly that PDF;
5. an anonymous visitor finds 第64期 on the home page, reads it on a phone,
   downloads the PDF, finds it by a Chinese phrase and in the feed.

A second journey checks that a reader who comes back after a correction sees
the corrected text, not the copy their browser kept.

Every irreversible step (submit, return, approve, send for sign-off, sign,
publish) asks for confirmation first; one is answered by keyboard.

Every step saves a screenshot: to SCREENSHOTS_DIR when set (``make
screenshots`` refreshes docs/screenshots), else to a temporary folder.
Without Chromium the journey is skipped, except under CI_REQUIRE_BROWSER=1,
where it fails.
"""

import re
import shutil
import subprocess

import pytest
from django.core.cache import cache
from django.db import connections

from submissions.validation.defined import DEFINED_PARTS_SUM
from tests import journey_helpers as journey
from tests.journey_helpers import JULY

PASSWORD = "Haidong#2021"  # submissions.demo.DEMO_PASSWORD
NEW_ITEM_TITLE = "推行“夜间延时服务”"
NEW_ITEM_BODY = "自7月1日起，工作日延时至20时，共办理延时业务326件。"
SEARCH_PHRASE = "夜间延时服务"
RETURN_COMMENT = "行政许可事项办结数与审批系统导出的2101件不符，请核对后重新提交。"
OVERRIDE_SENTENCE = "群众办事“只进一扇门”。"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _row_inputs(page, row_name):
    """The figure inputs of the form's table row headed ``row_name``."""
    row = page.locator("tr", has=page.locator("th", has_text=row_name))
    return row.locator("input")


def _centre_on_screen(locator):
    locator.evaluate("e => e.scrollIntoView({block: 'center', behavior: 'instant'})")


def _message(page):
    return page.locator("main .messages").inner_text()


def _confirm(page, *, keyboard=False):
    message = journey.confirm(page, keyboard=keyboard)
    assert "确定" in message, message
    return message


def _pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "issue.pdf"
    path.write_bytes(data)
    if shutil.which("pdftotext"):
        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    from pypdf import PdfReader

    return "\n".join(p.extract_text() or "" for p in PdfReader(path).pages)


@pytest.mark.browser
@pytest.mark.slow
# live_server needs real transactions, and the database is flushed afterwards:
# serialized_rollback puts the migrations' reference data (groups, categories,
# trade categories) back for the tests that run later.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_july_2021_from_the_clerk_to_the_public(
    live_server, tmp_path, monkeypatch, settings
):
    journey.require_browser()
    settings.MEDIA_ROOT = tmp_path / "media"  # the demo's and 第64期's PDFs
    # Playwright's sync API runs an event loop in this thread; the test's own
    # ORM calls between browser steps are plain synchronous calls all the same.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import expect, sync_playwright

    from bulletins.models import Issue
    from submissions.models import FigureDefinition, MonthlyReport
    from tests.factories import cases_of

    cache.clear()  # public pages are cached per publication state
    data = journey.load_journey_data()
    report, centres = data["report"], data["centres"]
    in_progress = FigureDefinition.objects.get(
        bureau_id=report.centre.bureau_id, code="cases_in_progress"
    ).pk
    in_progress = f"defined-d{in_progress}"
    pingan_id = centres["平安区"].pk
    base = live_server.url
    shot = journey.Screenshots(journey.screenshots_dir())

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=journey.CHROMIUM, headless=True, args=journey.CHROMIUM_ARGS
        )

        def person(username=None, viewport=DESKTOP, **options):
            # Reduced motion: Bootstrap then scrolls instantly (also to a #fragment
            # after a redirect), so no screenshot is taken half-way through.
            context = browser.new_context(
                viewport=viewport, locale="zh-CN", reduced_motion="reduce", **options
            )
            context.set_default_timeout(15_000)
            page = context.new_page()
            if username:
                journey.log_in(page, base, username, PASSWORD)
            return page

        try:
            # --- 1. 平安区's clerk fills in July and submits ----------------------
            clerk = person("pingan")
            clerk.goto(base + "/reports/")
            due = clerk.locator(".due-card")
            expect(due).to_contain_text("2021年7月")
            clerk.click("text=继续填报")
            assert clerk.url.endswith(f"/reports/{report.pk}/")
            # As a Chinese input method types them: full-width digits, separators.
            totals = _row_inputs(clerk, "总数")  # 受理 and 办结 by 办件类别
            totals.nth(0).fill("30,512")
            totals.nth(1).fill("３０５１２")
            licensing = _row_inputs(clerk, "行政许可事项")
            licensing.nth(0).fill("２,１０５")
            licensing.nth(1).fill("２１０５")
            service = _row_inputs(clerk, "公共服务事项")
            service.nth(0).fill("21,300")
            service.nth(1).fill("21，300")
            clerk.click("[data-add-item]")
            clerk.fill("#id_items-0-title", NEW_ITEM_TITLE)
            clerk.fill("#id_items-0-body", NEW_ITEM_BODY)
            # htmx validates the unsaved form: 2105 + 21300 = 23405 ≠ 30512.
            panel = clerk.locator("#live-panels")
            expect(panel.locator(".finding-warning").first).to_contain_text(
                DEFINED_PARTS_SUM.format(
                    name="受理",
                    parts="行政许可事项2105件、公共服务事项21300件",
                    sum="23405件",
                    whole="总数",
                    total="30512件",
                    difference="7107件",
                ),
                timeout=10_000,
            )
            expect(panel).to_contain_text("30512")
            assert cases_of(report)[0] == (None, None, None)
            totals.nth(0).scroll_into_view_if_needed()
            shot(clerk, "01-clerk-live-warning")

            with clerk.expect_navigation():
                clerk.click("button[name=save]")
            assert "已保存" in _message(clerk)
            # Normalised: the form now shows plain digits.
            expect(_row_inputs(clerk, "总数").nth(0)).to_have_value("30512")
            expect(_row_inputs(clerk, "总数").nth(1)).to_have_value("30512")
            assert cases_of(report)[0][:2] == (30512, 30512)
            explanations = clerk.locator("[data-submit-form] textarea")
            assert explanations.count() == 2  # accepted and completed sums
            for i in range(explanations.count()):
                explanations.nth(i).fill("总数含不动产登记等未分类办件7107件。")
            clerk.locator("#submit").scroll_into_view_if_needed()
            shot(clerk, "02-clerk-explains-warnings")
            clerk.click("[data-submit-form] button[type=submit]")
            # Asked first; nothing is sent until the clerk confirms.
            assert MonthlyReport.objects.get(pk=report.pk).status == "draft"
            assert "提交审核" in _confirm(clerk)
            assert "已提交" in _message(clerk)
            report.refresh_from_db()
            assert report.status == MonthlyReport.Status.SUBMITTED
            assert report.explanations.count() == 2

            # --- 2. 乐都区's clerk: not their report, only their own to-do --------
            ledu = person("ledu")
            response = ledu.goto(base + f"/reports/{report.pk}/")
            assert response.status == 404
            assert "30512" not in ledu.content()
            ledu.goto(base + "/reports/")
            heading = ledu.locator("h1").inner_text()
            assert "乐都区" in heading
            body = ledu.locator("main").inner_text()
            assert "平安区" not in body
            assert "2021年7月" in body and "2021年6月" in body
            shot(ledu, "03-other-clerk-own-reports")
            ledu.context.close()

            # --- 3. return, correct, resubmit, see the changes, approve ---------
            editor = person("editor")
            editor.goto(base + "/reports/review/?month=2021-07")
            row = editor.locator("tr", has=editor.locator("text=平安区"))
            expect(row).to_contain_text("已提交")
            shot(editor, "04-editor-month-overview")
            editor.goto(base + f"/reports/{report.pk}/review/")
            expect(editor.locator("main")).to_contain_text(
                "总数含不动产登记等未分类办件"
            )
            editor.fill("textarea[name=comment]", RETURN_COMMENT)
            editor.click("button:has-text('退回修改')")
            assert "退回" in _confirm(editor)
            assert "已退回" in _message(editor)

            clerk.goto(base + "/reports/")
            expect(clerk.locator("main")).to_contain_text(RETURN_COMMENT)
            clerk.click(f"a[href='/reports/{report.pk}/'] >> nth=0")
            expect(clerk.locator(".alert-warning")).to_contain_text(RETURN_COMMENT)
            shot(clerk, "05-clerk-sees-why")
            _row_inputs(clerk, "行政许可事项").nth(1).fill("2,101")
            _row_inputs(clerk, "总数").nth(1).fill("３０,５０８")
            clerk.fill(f"[name='{in_progress}']", "４")
            with clerk.expect_navigation():
                clerk.click("button[name=save]")
            assert "已保存" in _message(clerk)
            # The explanations written before the return are still there.
            expect(clerk.locator("[data-submit-form] textarea").first).to_have_value(
                "总数含不动产登记等未分类办件7107件。"
            )
            clerk.click("[data-submit-form] button[type=submit]")
            _confirm(clerk)
            assert "已提交" in _message(clerk)

            editor.goto(base + f"/reports/{report.pk}/review/")
            since = editor.locator("section[aria-labelledby=since-title]")
            expect(since).to_contain_text(RETURN_COMMENT)
            changes = {
                tuple(cell.strip() for cell in line.split("\t")[:4])
                for line in since.locator("tbody tr").all_inner_texts()
            }
            assert changes == {
                ("指标·办结", "数值", "30512", "30508"),
                ("指标·正在办理", "数值", "（空）", "4"),
                ("指标·办结·行政许可事项", "数值", "2105", "2101"),
            }, changes
            _centre_on_screen(since)
            shot(editor, "06-editor-sees-what-changed")
            editor.click("button:has-text('审核通过')")
            # By keyboard this time: Tab from 取消 to 确认, Enter.
            assert "编入当期" in _confirm(editor, keyboard=True)
            assert "已审核通过" in _message(editor)
            report.refresh_from_db()
            assert report.status == MonthlyReport.Status.APPROVED

            # --- 4. compose 第64期, rewrite a paragraph, sign off, publish -------
            editor.goto(base + "/editor/issues/")
            expect(editor.locator("input[name=period]")).to_have_value("2021-07")
            with editor.expect_navigation():
                editor.click("button:has-text('创建草稿')")
            issue = Issue.objects.get(period_start=JULY)
            assert issue.number == 64
            expect(editor.locator("main")).to_contain_text("各单位月报均已审核通过")
            key = f"centre.{pingan_id}.summary"
            paragraph = editor.locator(f"[id='p-{key}']")
            generated = paragraph.inner_text().strip()
            assert "30512" in generated or "30,512" in generated, generated
            with editor.expect_navigation():
                paragraph.locator("a.edit-link").click()
            text = editor.locator("textarea[name=text]")
            rewritten = text.input_value().rstrip("。") + "，" + OVERRIDE_SENTENCE
            text.fill(rewritten)
            with editor.expect_navigation():
                editor.click("button[name=save]")
            paragraph = editor.locator(f"[id='p-{key}']")
            expect(paragraph).to_contain_text(OVERRIDE_SENTENCE)
            expect(paragraph.locator(".badge")).to_contain_text("已改写")
            _centre_on_screen(paragraph)
            shot(editor, "07-editor-rewrites-a-paragraph")
            editor.click("button:has-text('提交签发')")
            _confirm(editor)
            assert "已提交签发" in _message(editor)

            leader = person("leader")
            leader.goto(base + "/editor/issues/")
            with leader.expect_navigation():
                leader.click(".alert-info a:has-text('第64期')")
            expect(leader.locator(".bulletin-paper")).to_contain_text(OVERRIDE_SENTENCE)
            # The rewritten paragraph, generated and rewritten side by side,
            # titled as a person calls it.
            rewritten = leader.locator("section[aria-labelledby=rewritten-title]")
            expect(rewritten).to_contain_text("平安区政务服务中心 · 办件情况")
            expect(rewritten).to_contain_text(OVERRIDE_SENTENCE)
            # The leader opens the draft PDF: the official form, as it will be
            # published (compared with the published file below).
            link = leader.locator("a:has-text('草稿PDF')").first
            draft = leader.request.get(base + link.get_attribute("href"))
            assert draft.ok and draft.headers["content-type"] == "application/pdf"
            draft_pdf = draft.body()
            draft_text = re.sub(r"\s+", "", _pdf_text(draft_pdf, tmp_path))
            assert OVERRIDE_SENTENCE in draft_text and "第64期" in draft_text
            _centre_on_screen(rewritten)
            shot(leader, "08-leader-signs-off")
            leader.click("button:has-text('签发')")
            assert "原样发布" in _confirm(leader)
            assert "已签发" in _message(leader)
            leader.context.close()

            # Publishing without JavaScript: the confirmation is a page.
            editor.context.close()
            editor = person("editor", java_script_enabled=False)
            editor.goto(base + f"/editor/issues/{issue.pk}/")
            editor.click("button.btn-danger:has-text('发布')")
            expect(editor.locator("h1")).to_contain_text("请确认：发布第64期")
            shot(editor, "12-editor-confirms-publication")
            issue.refresh_from_db()
            assert issue.status == Issue.Status.SIGNED_OFF
            editor.click("button:has-text('确认发布')")
            assert "第64期已发布" in _message(editor)
            issue.refresh_from_db()
            assert issue.is_published and issue.pdf
            # What the leader opened before signing is what was published.
            assert issue.pdf.read() == draft_pdf
            clerk.context.close()
            editor.context.close()

            # --- 5. the public: home, phone, PDF, search, feed -------------------
            visitor = person()
            visitor.goto(base + "/")
            # The demo has two bureaus: the home page lists each with its latest.
            expect(visitor.locator(".bureau-list")).to_contain_text(
                "海东政务服务动态 第64期"
            )
            expect(visitor.locator(".bureau-list")).to_contain_text("海西州")
            shot(visitor, "09-public-home")

            phone = person(viewport=PHONE, is_mobile=True, has_touch=True)
            phone.goto(base + "/")
            with phone.expect_navigation():
                phone.click("text=海东政务服务动态 第64期")
            assert re.search(r"/haidong/dongtai/2021/64/$", phone.url)
            expect(phone.locator("h1")).to_have_text("7月份政务服务和公共资源工作情况")
            expect(phone.locator("main")).to_contain_text("第64期")
            expect(phone.locator("main")).to_contain_text(OVERRIDE_SENTENCE)
            expect(phone.locator("main")).to_contain_text(NEW_ITEM_TITLE)
            # Readable on a phone: nothing wider than the screen but the tables,
            # which scroll inside their own box.
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], width
            shot(phone, "10-public-issue-on-a-phone")
            with phone.expect_download() as download:
                phone.click("a[href='/haidong/dongtai/2021/64/pdf/']")
            pdf = download.value.path().read_bytes()
            assert pdf.startswith(b"%PDF")
            text = re.sub(r"\s+", "", _pdf_text(pdf, tmp_path))
            assert "第64期" in text
            assert SEARCH_PHRASE in text
            phone.context.close()

            visitor.fill("#home-q", SEARCH_PHRASE)
            with visitor.expect_navigation():
                visitor.press("#home-q", "Enter")
            hits = visitor.locator(".search-hit")
            expect(hits).to_have_count(1)
            expect(hits.first).to_contain_text("第64期")
            expect(hits.first.locator("mark").first).to_have_text(SEARCH_PHRASE)
            shot(visitor, "11-public-search")
            feed = visitor.goto(base + "/feed/")
            assert feed.ok
            rss = feed.text()
            assert "第64期" in rss
            assert rss.index("第64期") < rss.index("第63期")  # newest first
        finally:
            # Inside sync_playwright the ORM runs in another context (greenlet),
            # with a database connection of its own: close it, or it outlives
            # the test (PostgreSQL then refuses to drop the test database).
            connections.close_all()
            browser.close()
    for path in shot.taken:
        assert path.stat().st_size > 5_000, path


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_returning_reader_sees_the_correction(
    live_server, tmp_path, monkeypatch, settings
):
    """第63期 was published in 2021: a browser must not keep serving the
    uncorrected page from its cache (heuristic freshness from Last-Modified)."""
    journey.require_browser()
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from django.contrib.auth import get_user_model
    from playwright.sync_api import expect, sync_playwright

    from bulletins import services, signoff
    from bulletins.document import Document
    from bulletins.models import Issue

    cache.clear()
    journey.load_journey_data()
    url = live_server.url + "/haidong/dongtai/2021/63/"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=journey.CHROMIUM, headless=True, args=journey.CHROMIUM_ARGS
        )
        try:
            reader = browser.new_context(locale="zh-CN").new_page()
            reader.goto(url)
            expect(reader.locator("main")).not_to_contain_text("更正说明")
            issue = Issue.objects.get(number=63)
            generated = services.find_paragraph(
                Document.from_dict(issue.snapshot), "hall.cases"
            ).text
            services.issue_set_override(
                issue=issue,
                key="hall.cases",
                text=generated + OVERRIDE_SENTENCE,
                generated=generated,
            )
            users = get_user_model().objects
            editor = users.get(username="editor")
            issue = signoff.issue_submit_correction(
                issue=issue, user=editor, note="补充大厅办件情况。"
            )
            issue = signoff.issue_sign_off(
                issue=issue, user=users.get(username="leader")
            )
            signoff.issue_publish(issue=issue, user=editor)
            reader.goto(url)
            expect(reader.locator("main")).to_contain_text(OVERRIDE_SENTENCE)
            expect(reader.locator("main")).to_contain_text("补充大厅办件情况")
        finally:
            connections.close_all()
            browser.close()


def test_missing_browser_is_skipped_with_the_reason(monkeypatch):
    monkeypatch.delenv(journey.REQUIRE_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium is not installed"):
        journey.require_browser("/nonexistent/chromium")


def test_missing_browser_fails_when_ci_requires_it(monkeypatch):
    monkeypatch.setenv(journey.REQUIRE_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match="CI_REQUIRE_BROWSER=1"):
        journey.require_browser("/nonexistent/chromium")
