"""签发 means what it says (issue 11), on the seed's June 2021 data with the
real composition and PDF: what is published is exactly what the leader signed,
or nothing, with the changes listed and the issue back with the leader."""

import datetime
import hashlib
import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from bulletins import services, signoff
from bulletins.changes import snapshot_hash
from bulletins.document import Document
from bulletins.models import Issue, IssueEvent
from submissions.models import MonthlyReport, WorkItem
from tests.factories import SeriesFactory, default_bureau, issue_url
from transactions.forms import MonthlyTotalsForm, TradeForm
from transactions.locks import month_reopen
from transactions.models import MonthlyTradeTotal, Trade, TradeCategory

pytestmark = pytest.mark.django_db

JUNE = datetime.date(2021, 6, 1)
CONFIRMED = {"confirmed": "1"}


@pytest.fixture
def people(db):
    """The seed's organisation, people and approved June 2021 figures."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache

    from submissions import demo as submissions_demo
    from transactions import demo as transactions_demo

    cache.clear()  # public pages are cached by issue id and revision
    submissions_demo.load(io.StringIO())
    transactions_demo.load(io.StringIO())
    users = get_user_model().objects
    return users.get(username="editor"), users.get(username="leader")


@pytest.fixture
def issue(people):
    editor, _leader = people
    return services.issue_create(
        series=SeriesFactory(),
        period_start=JUNE,
        number=63,
        publication_date=datetime.date(2021, 7, 6),
        user=editor,
    )


@pytest.fixture
def fast_pdf(monkeypatch):
    """A stand-in PDF that still differs whenever the document does."""
    monkeypatch.setattr(
        services,
        "render_pdf_bytes",
        lambda document: b"%PDF-1.4 " + snapshot_hash(document.to_dict()).encode(),
    )


def signed(issue, people, **submit):
    editor, leader = people
    issue = signoff.issue_submit(issue=issue, user=editor, **submit)
    return signoff.issue_sign_off(issue=issue, user=leader)


def reopen_and_change_work_item(centre_name, editor, new_body):
    """What happens to a report after sign-off: reopened (recorded), corrected
    by the centre, submitted and approved again."""
    report = MonthlyReport.objects.get(centre__name=centre_name, month=JUNE)
    report.reopen(editor, "数字有误")
    item = WorkItem.objects.filter(report=report).first()
    item.body = new_body
    item.save()
    report.refresh_from_db()
    report.submit(report.submitted_by or editor)
    report.approve(editor)
    return item


# --- compose → sign → change → publish refused → re-sign → publish ------------------


def test_a_report_changed_after_sign_off_is_refused_listed_and_re_signed(
    client, people, issue, fast_pdf
):
    editor, leader = people
    issue = signed(issue, people)
    signed_text = Document.from_dict(issue.signed_snapshot)
    reopen_and_change_work_item("平安区政务服务中心", editor, "改动后的工作内容。")

    with pytest.raises(signoff.SignedContentChanged) as refused:
        signoff.issue_publish(issue=issue, user=editor)
    changes = refused.value.changes
    assert any(
        c["where"].startswith("平安区政务服务中心 · 主要工作")
        and c["after"].endswith("改动后的工作内容。")
        and c["before"] in {f"{p.lead}{p.text}" for p in signed_text.iter_paragraphs()}
        for c in changes
    ), changes
    issue.refresh_from_db()
    # Nothing published; back with the leader, the list kept for the screens.
    assert issue.status == Issue.Status.AWAITING_SIGN_OFF
    assert issue.snapshot is None and issue.revision == 0
    assert issue.signed_snapshot is None and issue.signed_off_by is None
    assert issue.changes_since_sign_off == changes
    assert "已退回签发人重新签发" in IssueEvent.objects.latest("id").comment
    assert client.get("/issues/63/").status_code == 404
    client.force_login(leader)
    page = client.get(reverse("bulletins:compose", args=[issue.pk])).content.decode()
    assert "签发后数据或文字有变化" in page and "改动后的工作内容。" in page

    issue = signoff.issue_sign_off(issue=issue, user=leader)
    issue = signoff.issue_publish(issue=issue, user=editor)
    assert "改动后的工作内容。" in issue.search_text
    assert issue.changes_since_sign_off == []


def test_a_trade_edited_after_sign_off_needs_a_reopen_and_a_new_sign_off(
    people, issue, fast_pdf
):
    editor, leader = people
    mining = TradeCategory.objects.get(code="mining")
    MonthlyTradeTotal.objects.filter(month=JUNE, category=mining).delete()
    trade = Trade.objects.create(
        bureau=default_bureau(),
        code="HD-2021-KQ-01",
        name="某采矿权出让",
        category=mining,
        date=datetime.date(2021, 6, 18),
        amount=Decimal("100000000.00"),
    )
    issue = signed(issue, people)

    def edit(amount):
        data = {
            "code": trade.code,
            "name": trade.name,
            "category": mining.pk,
            "date": "2021-06-18",
            "amount": amount,
            "notes": "",
        }
        return TradeForm(
            data, instance=Trade.objects.get(pk=trade.pk), bureau=default_bureau()
        )

    # Locked like an approved report: the trade form and the totals refuse.
    form = edit("200000000.00")
    assert not form.is_valid()
    assert "2021年6月的交易数据已被第63期签发稿使用，已锁定" in str(form.errors)
    totals = MonthlyTotalsForm({}, month=JUNE, bureau=default_bureau())
    assert not totals.is_valid() and "已锁定" in str(totals.non_field_errors())
    with pytest.raises(ValidationError):
        month_reopen(bureau_id=default_bureau().pk, month=JUNE, user=editor, reason=" ")

    reopening = month_reopen(
        bureau_id=default_bureau().pk,
        month=JUNE,
        user=editor,
        reason="采矿权金额录入有误",
    )
    assert (reopening.user, reopening.reason) == (editor, "采矿权金额录入有误")
    form = edit("200000000.00")
    assert form.is_valid(), form.errors
    form.save()

    with pytest.raises(signoff.SignedContentChanged) as refused:
        signoff.issue_publish(issue=issue, user=editor)
    wheres = {c["where"]: c for c in refused.value.changes}
    cell = wheres["公共资源交易进场交易情况统计表 · 采矿权 · 交易金额（亿元）"]
    assert (cell["before"], cell["after"]) == ("1.0000", "2.0000")
    assert "市级大厅 · 公共资源交易情况" in wheres
    issue.refresh_from_db()
    assert issue.status == Issue.Status.AWAITING_SIGN_OFF

    issue = signoff.issue_sign_off(issue=issue, user=leader)
    # Signed again: locked again, until another recorded reopen.
    assert not edit("300000000.00").is_valid()
    issue = signoff.issue_publish(issue=issue, user=editor)
    table = Document.from_dict(issue.snapshot).attachments[-1].table
    mining_row = next(r for r in table.rows if r[1].text == "采矿权")
    assert mining_row[3].text == "2.0000"
    # Published: no reopen any more; a correction is the way.
    with pytest.raises(ValidationError) as exc:
        month_reopen(
            bureau_id=default_bureau().pk, month=JUNE, user=editor, reason="再改"
        )
    assert "不能重新打开" in exc.value.messages[0]


# --- what the public gets is what the leader signed -----------------------------


def test_public_page_pdf_and_open_data_are_exactly_what_the_leader_signed(
    client, people, issue
):
    editor, leader = people
    services.issue_set_override(
        issue=issue,
        key="hall.cases",
        text="6月份，市级大厅办件情况（编辑改写）。",
        generated="x",
    )
    issue = signoff.issue_submit(issue=issue, user=editor)
    # The leader opens the draft PDF before signing: the very bytes published.
    client.force_login(leader)
    draft_pdf = client.get(reverse("bulletins:draft_pdf", args=[issue.pk]))
    assert draft_pdf["Content-Type"] == "application/pdf"
    seen_pdf = (
        b"".join(draft_pdf.streaming_content)
        if draft_pdf.streaming
        else (draft_pdf.content)
    )
    compose = client.get(reverse("bulletins:compose", args=[issue.pk]))
    seen = compose.context["seen"]
    client.post(
        reverse("bulletins:action", args=[issue.pk, "sign-off"]),
        {"seen": seen, **CONFIRMED},
    )
    issue.refresh_from_db()
    signed_hash, signed_pdf_hash = issue.signed_sha256, issue.signed_pdf_sha256
    assert signed_hash == seen
    assert hashlib.sha256(seen_pdf).hexdigest() == signed_pdf_hash
    signed_snapshot = issue.signed_snapshot

    issue = signoff.issue_publish(issue=issue, user=editor)
    assert snapshot_hash(issue.snapshot) == signed_hash
    assert issue.snapshot == signed_snapshot
    client.logout()
    pdf = client.get(issue_url(63, "pdf/"))
    body = b"".join(pdf.streaming_content)
    assert hashlib.sha256(body).hexdigest() == signed_pdf_hash == issue.pdf_sha256
    assert body == seen_pdf
    data = json.loads(client.get(issue_url(63, "data.json")).content)
    assert data["figures"] == signed_snapshot["figures"]
    assert data["metadata"] == signed_snapshot["metadata"]
    html = client.get(issue_url(63)).content.decode()
    assert "（编辑改写）" in html
    assert default_storage.open(issue.revisions.get().pdf.name).read() == seen_pdf


def test_signing_what_was_not_seen_is_refused(people, issue, fast_pdf):
    editor, leader = people
    issue = signoff.issue_submit(issue=issue, user=editor)
    seen = snapshot_hash(services.pending_document(issue).to_dict())
    reopen_and_change_work_item("乐都区政务服务中心", editor, "查看之后才改的。")
    with pytest.raises(ValidationError) as exc:
        signoff.issue_sign_off(issue=issue, user=leader, seen_sha256=seen)
    assert exc.value.messages == [signoff.DRAFT_CHANGED_SINCE_VIEWED]
    issue.refresh_from_db()
    assert issue.status == Issue.Status.AWAITING_SIGN_OFF


# --- centres that had not reported ---------------------------------------------------


def test_missing_centres_need_a_tick_and_are_named_in_public(
    client, people, issue, fast_pdf
):
    editor, leader = people
    MonthlyReport.objects.filter(centre__name="乐都区政务服务中心").update(
        status=MonthlyReport.Status.SUBMITTED
    )
    client.force_login(editor)
    url = reverse("bulletins:action", args=[issue.pk, "submit"])
    compose = client.get(reverse("bulletins:compose", args=[issue.pk])).content
    assert "已知悉上述单位未编入本期" in compose.decode()
    response = client.post(url, CONFIRMED, follow=True)
    assert "以下单位的数据未编入本期：乐都区政务服务中心" in response.content.decode()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT
    client.post(url, {"acknowledge_missing": "1", **CONFIRMED})
    issue.refresh_from_db()
    assert issue.status == Issue.Status.AWAITING_SIGN_OFF
    assert "乐都区政务服务中心" in issue.events.latest("id").comment

    issue = signoff.issue_sign_off(issue=issue, user=leader)
    publish = reverse("bulletins:action", args=[issue.pk, "publish"])
    # The confirmation page lists them with the tick, unticked.
    page = client.post(publish).content.decode()
    assert "乐都区政务服务中心" in page and 'name="acknowledge_missing"' in page
    client.post(publish, CONFIRMED)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SIGNED_OFF
    client.post(publish, {"acknowledge_missing": "1", **CONFIRMED})
    issue.refresh_from_db()
    assert issue.is_published

    client.logout()
    html = client.get(issue_url(63)).content.decode()
    assert "注：乐都区政务服务中心6月份数据未报送或未审核通过" in html
    trends = client.get("/trends/").content.decode()
    assert "数据不完整" in trends and "乐都区政务服务中心" in trends
    data = json.loads(client.get("/haidong/trends/data.json").content)
    period = data["series"][0]["periods"][0]
    assert period["incomplete"] is True
    assert period["missing_centres"] == ["乐都区政务服务中心"]


# --- numbering comes from the items present ----------------------------------------


def test_numbering_has_no_gap_when_the_hall_has_not_reported(client, people, issue):
    from pypdf import PdfReader

    editor, leader = people
    MonthlyReport.objects.filter(centre__kind="hall", month=JUNE).update(
        status=MonthlyReport.Status.SUBMITTED
    )
    issue = signed(issue, people, acknowledge_missing=True)
    issue = signoff.issue_publish(issue=issue, user=editor, acknowledge_missing=True)
    html = client.get(issue_url(63)).content.decode()
    pdf = default_storage.open(issue.pdf.name)
    pdf_text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    feed = client.get("/feed/").content.decode()
    for where, text in (("HTML", html), ("PDF", pdf_text), ("feed", feed)):
        flat = "".join(text.split())
        assert "1.公共资源交易情况" in flat, where
        assert "2.公共资源交易情况" not in flat, where


# --- the compose screen ---------------------------------------------------------------


def test_no_false_pending_banner_after_publishing_rewrites(
    client, people, issue, fast_pdf
):
    editor, _leader = people
    services.issue_set_override(
        issue=issue, key="hall.cases", text="改写后的办件情况。", generated="x"
    )
    issue = signoff.issue_publish(issue=signed(issue, people), user=editor)
    client.force_login(editor)
    url = reverse("bulletins:compose", args=[issue.pk])
    assert "有尚未发布的改写" not in client.get(url).content.decode()
    services.issue_set_override(
        issue=issue, key="hall.trades", text="待更正的交易情况。", generated="x"
    )
    assert "有尚未发布的改写（1处）" in client.get(url).content.decode()


def test_leader_screen_shows_rewrites_side_by_side_and_labels(
    client, people, issue, fast_pdf
):
    editor, leader = people
    key = next(
        p.key
        for p in services.draft_document(issue).iter_paragraphs()
        if p.key.endswith(".summary")
    )
    generated = services.find_paragraph(services.draft_document(issue), key).text
    services.issue_set_override(
        issue=issue, key=key, text="领导要看的改写。", generated=generated
    )
    client.force_login(editor)
    paragraph = client.get(reverse("bulletins:paragraph", args=[issue.pk, key]))
    assert "平安区政务服务中心 · 办件情况" in paragraph.content.decode()
    assert key not in paragraph.content.decode().split("<h1")[1].split("</h1>")[0]
    issue = signoff.issue_submit(issue=issue, user=editor)
    client.force_login(leader)
    page = client.get(reverse("bulletins:compose", args=[issue.pk])).content.decode()
    rewritten = page.split('id="rewritten-title"')[1].split("</section>")[0]
    assert "平安区政务服务中心 · 办件情况" in rewritten
    assert generated in rewritten and "领导要看的改写。" in rewritten
    assert reverse("bulletins:draft_pdf", args=[issue.pk]) in page
