"""Support for the browser journey (tests/test_journey.py): the July 2021 data
the journey starts from, the Chromium policy, logging in and screenshots."""

from __future__ import annotations

import datetime
import os
import tempfile
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.factories import default_bureau

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# .ci/run sets it: in CI a missing browser is a failure, never a skip.
REQUIRE_ENV = "CI_REQUIRE_BROWSER"
JULY = datetime.date(2021, 7, 1)
_TZ = ZoneInfo("Asia/Shanghai")
LICENSING = "行政许可事项"
SERVICE = "公共服务事项"

# July 2021 for every centre but 平安区, whose clerk enters it in the browser.
# Same shape as submissions.demo.JUNE_FIGURES; the figures are invented.
JULY_FIGURES = {
    "市级大厅": {
        "totals": {"accepted_total": 10872},
        "categories": {LICENSING: (2531, 2531), SERVICE: (8341, 8341)},
    },
    "乐都区": {
        "totals": {"accepted_total": 13902, "completed_total": 13902},
        "categories": {LICENSING: (1004, 1004), SERVICE: (10987, 10987)},
    },
    "互助县": {
        "totals": {
            "accepted_total": 34120,
            "completed_total": 34087,
            "in_progress_total": 33,
        },
        "categories": {LICENSING: (512, 512), SERVICE: (30544, 30401)},
    },
    "循化县": {
        "totals": {"accepted_total": 21860},
        "categories": {LICENSING: (4011, 4011), SERVICE: (10930, 10930)},
    },
    "民和县": {
        "totals": {
            "accepted_total": 30877,
            "completed_total": 30877,
            "working_days": 22,
        },
        "categories": {LICENSING: (1802, 1802), SERVICE: (23911, 23911)},
    },
    "化隆县": {"totals": {"accepted_total": 9630, "completed_total": 9630}},
}
JULY_WORK_ITEMS = {
    "市级大厅": [("开展“七一”主题党日活动", "组织窗口党员重温入党誓词。")],
    "乐都区": [("推进“一件事一次办”", "梳理高频事项23项，实现一次告知、一表申请。")],
    "互助县": [("优化12345热线转办流程", "热线工单当日转办率达到100%。")],
    "循化县": [("开展窗口业务培训", "组织窗口人员集中学习新版办事指南。")],
    "民和县": [("推行帮办代办服务", "为老年人、残疾人提供帮办代办服务86次。")],
    "化隆县": [("规范大厅进驻事项", "完成进驻事项清单动态调整。")],
}
# Code → (count, amount in 亿元) for attachment 2.
JULY_TRADES = {
    "housing": (6, "0.7120"),
    "municipal": (9, "0.4410"),
    "water": (4, "0.2906"),
    "engineering-other": (21, "0.5513"),
    "procurement": (148, "1.2035"),
    "land": (5, "2.1800"),
}
# The hall's attachment 1 for July: June's table with 市公安局 and 市市场监管局
# grown so that it adds up to the hall's July categories (2531, 8341).
JULY_DEPARTMENT_CHANGES = {
    "市公安局": (None, None, 2001, 2001),
    "市市场监管局": (354, 354, None, None),
}
EXPLANATION = "总数含未分类的咨询、预约等办件，已与业务系统核对。"


def load_journey_data() -> dict:
    """The demo (June 2021, 第63期 published), then July 2021: every centre's
    report approved except 平安区's, which is an empty draft. Returns the
    July draft and the centres by short name."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from submissions import demo, services
    from submissions.models import (
        Centre,
        FindingExplanation,
        MonthlyReport,
        ReportTransition,
    )
    from transactions.amounts import yuan_per
    from transactions.models import MonthlyTradeTotal, TradeCategory

    call_command("load_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    User = get_user_model()
    editor = User.objects.get(username="editor")
    centres = {c.short_name: c for c in Centre.objects.all()}
    clerks = {
        short_name: User.objects.get(username=username)
        for _, short_name, _, _, username in demo.CENTRES
    }
    submitted_at = datetime.datetime(2021, 8, 3, 9, 0, tzinfo=_TZ)
    approved_at = datetime.datetime(2021, 8, 4, 10, 0, tzinfo=_TZ)
    S = MonthlyReport.Status
    for short_name, figures in JULY_FIGURES.items():
        centre = centres[short_name]
        if centre.is_hall:
            figures = {**figures, "defined": _department_table()}
        report = demo._report(centre, JULY, figures)
        demo._work_items(
            report,
            [(n, t, b) for n, (t, b) in enumerate(JULY_WORK_ITEMS[short_name], 1)],
        )
        demo._explain_warnings(report)
        FindingExplanation.objects.filter(report=report).update(text=EXPLANATION)
        # Historical and already reviewed: the state is written directly, with
        # the two steps recorded, as the demo does for June.
        MonthlyReport.objects.filter(pk=report.pk).update(
            status=S.APPROVED,
            submitted_at=submitted_at,
            first_submitted_at=submitted_at,
            submitted_by=clerks[short_name],
            approved_at=approved_at,
            approved_by=editor,
        )
        for from_status, to_status, actor, at in (
            (S.DRAFT, S.SUBMITTED, clerks[short_name], submitted_at),
            (S.SUBMITTED, S.APPROVED, editor, approved_at),
        ):
            step = ReportTransition.objects.create(
                report=report, from_status=from_status, to_status=to_status, actor=actor
            )
            ReportTransition.objects.filter(pk=step.pk).update(at=at)
    categories = {
        c.code: c
        for c in TradeCategory.objects.filter(
            bureau=default_bureau(), code__in=JULY_TRADES
        )
    }
    for code, (count, yi) in JULY_TRADES.items():
        MonthlyTradeTotal.objects.create(
            bureau=default_bureau(),
            month=JULY,
            category=categories[code],
            count=count,
            amount=Decimal(yi) * yuan_per("亿元"),
        )
    draft = services.report_create(
        centre=centres["平安区"], month=JULY, user=clerks["平安区"]
    )
    return {"report": draft, "centres": centres}


def _department_table() -> dict:
    """July's 附件1 as the hall's defined figures: June's rows with
    ``JULY_DEPARTMENT_CHANGES``, (code, window unit) → value."""
    from submissions import demo

    return {
        (code, name): value
        for name, *values in demo.DEPARTMENT_FIGURES
        for code, value in zip(
            demo.DEPARTMENT_CODES,
            JULY_DEPARTMENT_CHANGES.get(name, values),
            strict=True,
        )
        if value is not None
    }


def browser_unavailable(path: str = CHROMIUM) -> str:
    """Why the browser journey cannot run here, or "" when it can."""
    if not os.path.exists(path):
        return f"Chromium is not installed at {path}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright for Python is not installed"
    return ""


def require_browser(path: str = CHROMIUM) -> None:
    """Skip without a browser, with the reason; fail instead when the
    environment demands the browser (CI_REQUIRE_BROWSER=1)."""
    reason = browser_unavailable(path)
    if not reason:
        return
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(
            f"{reason}, and {REQUIRE_ENV}=1 requires the browser journey to run "
            "(install Debian's chromium package).",
            pytrace=False,
        )
    pytest.skip(
        f"{reason}: browser journey skipped (apt-get install chromium to run it)."
    )


def screenshots_dir() -> Path:
    """SCREENSHOTS_DIR when set (make screenshots: docs/screenshots), else a
    fresh temporary folder."""
    configured = os.environ.get("SCREENSHOTS_DIR")
    if configured:
        path = Path(configured)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return Path(tempfile.mkdtemp(prefix="journey-screenshots-"))


class Screenshots:
    def __init__(self, directory: Path):
        self.directory = directory
        self.taken: list[Path] = []

    def __call__(self, page, name: str, *, full_page: bool = False) -> Path:
        path = self.directory / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        self.taken.append(path)
        return path


def log_in(page, base_url: str, username: str, password: str) -> None:
    """Through the real login form, as a person would."""
    page.goto(base_url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main form [type=submit]")
    assert "/accounts/login/" not in page.url, f"login failed for {username}"


def confirm(page, *, keyboard: bool = False) -> str:
    """Answer the confirmation dialog that a step opens (static/js/confirm.js):
    it says what will happen (returned); 确认 sends the form. ``keyboard``: Tab
    from 取消 to 确认, then Enter."""
    dialog = page.locator("#confirm-dialog")
    assert dialog.evaluate("d => d.open"), "no confirmation was asked"
    message = dialog.locator("[data-confirm-message]").inner_text()
    with page.expect_navigation():
        if keyboard:
            page.keyboard.press("Tab")
            page.keyboard.press("Enter")
        else:
            dialog.locator("[data-confirm-ok]").click()
    return message
