"""The editor's screens: month overview, review page, return/approve/reopen."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from submissions import workflow
from submissions.models import MonthlyReport
from submissions.validation import rules as validation_rules
from submissions.validation.types import Rule
from tests.factories import (
    CentreFactory,
    FindingExplanationFactory,
    MonthlyReportFactory,
    WorkItemFactory,
    case_inputs,
    filled_report,
)
from tests.submissions.test_views_clerk import form_data

S = MonthlyReport.Status
JUNE = datetime.date(2021, 6, 1)


@pytest.fixture
def editor_client(login, editor):
    return login(editor)


def overview(client, month="2021-06"):
    return client.get(reverse("submissions:review_overview"), {"month": month})


def test_overview_lists_every_active_centre_with_status_and_findings(
    editor_client, centre, other_centre
):
    CentreFactory(name="停用中心", is_active=False)
    filled_report(centre, completed_total=30000)  # one error: completed > accepted
    response = overview(editor_client)
    assert response.status_code == 200
    rows = {row["centre"].name: row for row in response.context["rows"]}
    assert set(rows) == {centre.name, other_centre.name}
    assert rows[centre.name]["report"].status == S.DRAFT
    assert rows[centre.name]["errors"] >= 1
    assert rows[other_centre.name]["report"] is None
    content = response.content.decode()
    assert "未建立" in content


def test_overview_flags_late_centres(editor_client, centre, other_centre):
    on_time = MonthlyReportFactory(centre=centre, month=JUNE, status=S.SUBMITTED)
    on_time.submitted_at = timezone.make_aware(datetime.datetime(2021, 7, 5, 9))
    on_time.save()
    late = MonthlyReportFactory(centre=other_centre, month=JUNE, status=S.SUBMITTED)
    late.submitted_at = timezone.make_aware(datetime.datetime(2021, 7, 9, 9))
    late.save()
    rows = {r["centre"].pk: r for r in overview(editor_client).context["rows"]}
    assert rows[centre.pk]["late"] is False
    assert rows[other_centre.pk]["late"] is True


def test_overview_query_count_does_not_grow_with_centres(
    editor_client, django_assert_max_num_queries
):
    def add(n):
        for _ in range(n):
            report = filled_report(CentreFactory())
            WorkItemFactory(report=report)

    add(2)
    # 20 before figure definitions; they add figure values, child units' sums
    # and figure history: three queries, whatever the number of centres.
    with django_assert_max_num_queries(23) as small:
        overview(editor_client)
    add(8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = overview(editor_client)
    assert len(response.context["rows"]) == 10


def test_review_page_shows_figures_findings_explanations_history(
    editor_client, centre, clerk
):
    previous = filled_report(
        centre,
        month=datetime.date(2021, 5, 1),
        accepted_total=24236,
        completed_total=24236,
    )
    MonthlyReport.objects.filter(pk=previous.pk).update(status=S.APPROVED)
    report = filled_report(centre)
    FindingExplanationFactory(
        report=report,
        rule="defined_parts_sum",
        subject="受理",
        text="便民服务未分类统计。",
    )
    response = editor_client.get(reverse("submissions:report_review", args=[report.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "按公报口径显示" in content
    assert "较5月份的24236件增加了5211件" in content
    assert "流转记录" in content and "字段修改历史" in content
    assert "不忘来时路" in content


def test_review_page_shows_the_clerks_explanation_next_to_the_warning(
    editor_client, centre, monkeypatch
):
    monkeypatch.setattr(
        validation_rules,
        "RULES",
        [
            Rule(
                "w1", "warning", "测试", lambda r, f: [r.finding("预警甲", subject="S")]
            )
        ],
    )
    report = filled_report(centre)
    FindingExplanationFactory(report=report, rule="w1", subject="S", text="原因乙")
    content = editor_client.get(
        reverse("submissions:report_review", args=[report.pk])
    ).content.decode()
    assert "预警甲" in content and "原因乙" in content


def test_review_query_count_does_not_grow_with_items(
    editor_client, centre, django_assert_max_num_queries
):
    report = filled_report(centre)
    url = reverse("submissions:report_review", args=[report.pk])
    with django_assert_max_num_queries(60) as few:
        editor_client.get(url)
    for _ in range(10):
        WorkItemFactory(report=report)
    with django_assert_max_num_queries(len(few.captured_queries)):
        editor_client.get(url)


@pytest.fixture
def submitted(centre, clerk, monkeypatch):
    monkeypatch.setattr(validation_rules, "RULES", [])
    report = filled_report(centre)
    report.submit(clerk)
    return report


OK = {"confirmed": "1"}


def test_return_requires_a_comment_in_the_view(editor_client, submitted):
    url = reverse("submissions:report_return", args=[submitted.pk])
    response = editor_client.post(url, {"comment": "", **OK}, follow=True)
    assert workflow.COMMENT_REQUIRED in response.content.decode()
    assert MonthlyReport.objects.get(pk=submitted.pk).status == S.SUBMITTED
    editor_client.post(url, {"comment": "请核对好差评", **OK})
    submitted.refresh_from_db()
    assert submitted.status == S.RETURNED
    assert submitted.return_comment == "请核对好差评"


def test_approve_in_the_view(editor_client, submitted, editor):
    url = reverse("submissions:report_approve", args=[submitted.pk])
    # Asked first: the confirmation says what approving does; nothing changes.
    asked = editor_client.post(url)
    assert asked.status_code == 200
    assert "请确认：审核通过" in asked.content.decode()
    assert "编入当期《政务服务动态》" in asked.content.decode()
    assert MonthlyReport.objects.get(pk=submitted.pk).status == S.SUBMITTED
    editor_client.post(url, OK)
    submitted.refresh_from_db()
    assert submitted.status == S.APPROVED and submitted.approved_by == editor


def test_reopen_in_the_view_and_its_guard(
    editor_client, submitted, editor, monkeypatch
):
    submitted.approve(editor)
    monkeypatch.setattr(workflow, "reopen_guards", [lambda r: "第63期已发布"])
    url = reverse("submissions:report_reopen", args=[submitted.pk])
    page = editor_client.get(reverse("submissions:report_review", args=[submitted.pk]))
    assert "不能重新打开：第63期已发布" in page.content.decode()
    response = editor_client.post(url, {"comment": "改数", **OK}, follow=True)
    assert "第63期已发布" in response.content.decode()
    assert MonthlyReport.objects.get(pk=submitted.pk).status == S.APPROVED
    monkeypatch.setattr(workflow, "reopen_guards", [])
    asked = editor_client.post(url, {"comment": "改数"})
    assert "请确认：重新打开" in asked.content.decode()
    # the comment rides along on the confirmation page
    assert 'name="comment" value="改数"' in asked.content.decode()
    assert MonthlyReport.objects.get(pk=submitted.pk).status == S.APPROVED
    editor_client.post(url, {"comment": "改数", **OK})
    assert MonthlyReport.objects.get(pk=submitted.pk).status == S.RETURNED


def test_return_is_confirmed_first(editor_client, submitted):
    url = reverse("submissions:report_return", args=[submitted.pk])
    asked = editor_client.post(url, {"comment": "请核对"})
    assert "请确认：退回修改" in asked.content.decode()
    assert MonthlyReport.objects.get(pk=submitted.pk).status == S.SUBMITTED


def test_resubmitted_report_shows_exactly_what_changed_since_return(
    client, login, editor, clerk, submitted
):
    submitted.return_for_changes(editor, "受理总数有误")
    clerk_client = login(clerk)
    data = form_data(clerk_client, submitted)
    data.update(
        case_inputs(
            submitted,
            accepted_total=29450,
            categories={"公共服务事项": (27477, None)},
        )
    )
    data["items-0-title"] = "不忘来时路，开创新篇章"
    clerk_client.post(reverse("submissions:report_edit", args=[submitted.pk]), data)
    submitted.refresh_from_db()
    submitted.submit(clerk)
    editor_client = login(editor)
    response = editor_client.get(
        reverse("submissions:report_review", args=[submitted.pk])
    )
    changes = {
        (c.section, c.field, c.old_text, c.new_text)
        for c in response.context["since_return"]
    }
    assert changes == {
        ("指标·受理", "数值", "29447", "29450"),
        ("指标·受理·公共服务事项", "数值", "27474", "27477"),
        (
            "主要工作·不忘来时路，开创新篇章",
            "标题",
            "不忘来时路",
            "不忘来时路，开创新篇章",
        ),
    }
    assert "退回后的修改" in response.content.decode()
