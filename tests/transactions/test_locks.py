"""A month whose trades a signed bulletin used is locked like an approved
report: every way of changing it refuses, until a recorded reopen."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from bulletins.models import Issue
from tests.factories import (
    BureauAdminFactory,
    IssueFactory,
    SeriesFactory,
    TradeFactory,
    default_bureau,
    second_bureau,
)
from transactions.locks import month_lock, month_reopen
from transactions.models import Trade, TradeMonthReopening
from transactions.services import trades_import

pytestmark = pytest.mark.django_db

JUNE = datetime.date(2021, 6, 1)
LIST = reverse("transactions:trade_list") + "?month=2021-06"
REOPEN = reverse("transactions:month_reopen", args=[2021, 6])


@pytest.fixture
def signed_june(db):
    return IssueFactory(
        number=63,
        period_start=JUNE,
        status=Issue.Status.SIGNED_OFF,
        signed_off_at=timezone.now(),
    )


def test_only_signed_and_published_issues_lock_their_months(db):
    issue = IssueFactory(number=63, period_start=JUNE)
    assert month_lock(default_bureau().pk, JUNE) is None
    issue.status = Issue.Status.AWAITING_SIGN_OFF
    issue.save()
    assert month_lock(default_bureau().pk, JUNE) is None
    Issue.objects.filter(pk=issue.pk).update(
        status=Issue.Status.SIGNED_OFF, signed_off_at=timezone.now()
    )
    assert month_lock(default_bureau().pk, JUNE).reopenable
    assert month_lock(default_bureau().pk, datetime.date(2021, 7, 1)) is None


def test_the_list_says_so_and_the_editor_reopens_with_a_reason(
    login, editor, signed_june
):
    client = login(editor)
    page = client.get(LIST).content.decode()
    assert "2021年6月的交易数据已被第63期签发稿使用，已锁定" in page
    assert "重新打开本月交易数据" in page
    # Confirmation first: nothing recorded yet.
    asked = client.post(REOPEN, {"reason": "金额有误"})
    assert "请确认：重新打开2021年6月的交易数据" in asked.content.decode()
    assert not TradeMonthReopening.objects.exists()
    client.post(REOPEN, {"reason": " ", "confirmed": "1"})
    assert not TradeMonthReopening.objects.exists()
    client.post(REOPEN, {"reason": "金额有误", "confirmed": "1"})
    reopening = TradeMonthReopening.objects.get()
    assert (reopening.month, reopening.user, reopening.reason) == (
        JUNE,
        editor,
        "金额有误",
    )
    assert month_lock(default_bureau().pk, JUNE) is None
    page = client.get(LIST).content.decode()
    assert "已锁定" not in page and "重新打开记录" in page and "金额有误" in page


def test_delete_and_import_are_refused_while_locked(login, editor, signed_june):
    trade = TradeFactory(code="HD-1")
    client = login(editor)
    response = client.post(
        reverse("transactions:trade_delete", args=[trade.pk]), follow=True
    )
    assert "已锁定" in response.content.decode()
    assert Trade.objects.filter(pk=trade.pk).exists()
    data = (
        "项目编号,项目名称,交易类型,成交日期,成交金额（元）,备注\r\n"
        "HD-9,新项目,市政,2021-06-03,100.00,\r\n"
    ).encode()
    summary = trades_import(
        bureau=default_bureau(), source=io.BytesIO(data), name="t.csv", size=len(data)
    )
    assert not summary.saved
    assert any("已锁定" in m for p in summary.problems for m in p.messages)
    assert not Trade.objects.filter(code="HD-9").exists()
    # Another month imports as usual.
    july = data.replace(b"2021-06-03", b"2021-07-03")
    assert trades_import(
        bureau=default_bureau(), source=io.BytesIO(july), name="t.csv", size=len(july)
    ).saved


def test_a_published_month_cannot_be_reopened(login, editor, db):
    IssueFactory(
        number=63,
        period_start=JUNE,
        status=Issue.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    client = login(editor)
    page = client.get(LIST).content.decode()
    assert "已被已发布的第63期使用" in page and "重新打开本月交易数据" not in page
    response = client.post(REOPEN, {"reason": "改", "confirmed": "1"}, follow=True)
    assert "不能重新打开" in response.content.decode()
    assert not TradeMonthReopening.objects.exists()


# --- locks are a bureau's own ------------------------------------------------------


def test_one_bureaus_signed_issue_leaves_another_bureaus_month_open(signed_june):
    haixi = second_bureau()
    assert month_lock(default_bureau().pk, JUNE).reopenable
    assert month_lock(haixi.pk, JUNE) is None
    # 海西's trades of June are changed as usual, while 海东's are refused.
    trade = TradeFactory(bureau=haixi, code="HX-1")
    trade.amount = 2
    trade.full_clean()
    trade.save()
    with pytest.raises(ValidationError):
        TradeFactory(code="HD-1").full_clean()


def test_a_reopening_opens_its_own_bureaus_month_only(editor, signed_june):
    haixi = second_bureau()
    IssueFactory(
        series=SeriesFactory(bureau=haixi, title="海西州通报", slug="tongbao"),
        number=6,
        period_start=JUNE,
        status=Issue.Status.SIGNED_OFF,
        signed_off_at=timezone.now(),
    )
    month_reopen(bureau_id=haixi.pk, month=JUNE, user=editor, reason="海西更正")
    assert month_lock(haixi.pk, JUNE) is None
    assert month_lock(default_bureau().pk, JUNE).reopenable
    assert TradeMonthReopening.objects.get().bureau == haixi


def test_the_list_shows_only_the_bureaus_own_reopenings(login, editor, signed_june):
    haixi = second_bureau()
    TradeMonthReopening.objects.create(
        bureau=haixi, month=JUNE, user=editor, reason="海西的原因"
    )
    page = login(editor).get(LIST).content.decode()
    assert "海西的原因" not in page and "已锁定" in page


def test_the_admin_lists_only_the_bureaus_own_reopenings(login, editor, db):
    haixi = second_bureau()
    for bureau, reason in ((default_bureau(), "海东的原因"), (haixi, "海西的原因")):
        TradeMonthReopening.objects.create(
            bureau=bureau, month=JUNE, user=editor, reason=reason
        )
    client = login(BureauAdminFactory(bureau=haixi))
    page = client.get(reverse("admin:transactions_trademonthreopening_changelist"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "海西的原因" in body and "海东的原因" not in body


def test_a_bureau_admin_reads_a_reopening_and_cannot_open_anothers(login, editor):
    haixi = second_bureau()
    own = TradeMonthReopening.objects.create(
        bureau=haixi, month=JUNE, user=editor, reason="海西的原因"
    )
    other = TradeMonthReopening.objects.create(
        bureau=default_bureau(), month=JUNE, user=editor, reason="海东的原因"
    )
    client = login(BureauAdminFactory(bureau=haixi))
    page = client.get(
        reverse("admin:transactions_trademonthreopening_change", args=[own.pk])
    )
    assert page.status_code == 200 and "海西的原因" in page.content.decode()
    elsewhere = client.get(
        reverse("admin:transactions_trademonthreopening_change", args=[other.pk])
    )
    assert elsewhere.status_code == 302  # "does not exist" → the admin index
