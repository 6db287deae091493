"""The review workflow as model methods (DESIGN 3.3): legal steps, refusals, records."""

import datetime

import pytest

from submissions import workflow
from submissions.models import MonthlyReport, ReportTransition
from submissions.services import explanations_save, report_create
from submissions.validation import rules as validation_rules
from submissions.validation.types import Rule
from tests.factories import (
    FindingExplanationFactory,
    MonthlyReportFactory,
    filled_report,
)

S = MonthlyReport.Status


def _rule(level, code="test_rule", subject=""):
    return Rule(
        code,
        level,
        "测试规则",
        lambda rule, figures: [rule.finding("测试发现", subject=subject)],
    )


@pytest.fixture
def no_rules(monkeypatch):
    monkeypatch.setattr(validation_rules, "RULES", [])


@pytest.fixture
def report(centre):
    return filled_report(centre)


def test_create_sets_calendar_working_days_and_records_creation(centre, clerk):
    report = report_create(centre=centre, month=datetime.date(2021, 6, 1), user=clerk)
    assert report.status == S.DRAFT
    assert report.working_days == 21
    transition = report.transitions.get()
    assert (transition.from_status, transition.to_status, transition.actor) == (
        "",
        S.DRAFT,
        clerk,
    )


@pytest.mark.django_db
def test_a_consistent_report_passes_the_real_rules(report):
    from submissions.validation import validate_report

    assert [f for f in validate_report(report) if f.is_error] == []


def test_submit_records_actor_time_and_transition(report, clerk, no_rules):
    version = report.version
    report.submit(clerk)
    report.refresh_from_db()
    assert report.status == S.SUBMITTED
    assert report.submitted_by == clerk
    assert report.submitted_at is not None
    assert report.version == version + 1
    last = report.transitions.last()
    assert (last.from_status, last.to_status, last.actor) == (
        S.DRAFT,
        S.SUBMITTED,
        clerk,
    )
    assert report.history.first().history_user == clerk


def test_submit_refused_while_an_error_remains(report, clerk, monkeypatch):
    monkeypatch.setattr(validation_rules, "RULES", [_rule("error")])
    with pytest.raises(workflow.WorkflowError) as excinfo:
        report.submit(clerk)
    assert str(excinfo.value) == workflow.SUBMIT_HAS_ERRORS.format(count=1)
    report.refresh_from_db()
    assert report.status == S.DRAFT
    assert not ReportTransition.objects.filter(report=report).exists()


def test_real_rule_error_blocks_submission(centre, clerk):
    report = filled_report(centre, completed_total=30000)  # completed > accepted
    with pytest.raises(workflow.WorkflowError, match="不能提交"):
        report.submit(clerk)
    assert MonthlyReport.objects.get(pk=report.pk).status == S.DRAFT


def test_submit_refused_while_a_warning_is_unexplained(report, clerk, monkeypatch):
    monkeypatch.setattr(
        validation_rules, "RULES", [_rule("warning", "w1", subject="行政许可事项")]
    )
    with pytest.raises(workflow.WorkflowError) as excinfo:
        report.submit(clerk)
    assert "1项预警未填写说明" in str(excinfo.value)
    # a blank explanation is no explanation
    FindingExplanationFactory(
        report=report, rule="w1", subject="行政许可事项", text=" "
    )
    with pytest.raises(workflow.WorkflowError):
        report.submit(clerk)
    assert MonthlyReport.objects.get(pk=report.pk).status == S.DRAFT


def test_submit_accepted_once_every_warning_is_explained(report, clerk, monkeypatch):
    monkeypatch.setattr(
        validation_rules, "RULES", [_rule("warning", "w1", subject="行政许可事项")]
    )
    explanations_save(
        report=report, user=clerk, texts={("w1", "行政许可事项"): "系统统计口径调整。"}
    )
    report.submit(clerk)
    assert MonthlyReport.objects.get(pk=report.pk).status == S.SUBMITTED


def test_return_requires_a_comment(report, clerk, editor, no_rules):
    report.submit(clerk)
    with pytest.raises(workflow.WorkflowError) as excinfo:
        report.return_for_changes(editor, "   ")
    assert str(excinfo.value) == workflow.COMMENT_REQUIRED
    assert MonthlyReport.objects.get(pk=report.pk).status == S.SUBMITTED


def test_return_then_resubmit_then_approve(report, clerk, editor, no_rules):
    report.submit(clerk)
    report.return_for_changes(editor, "分类合计与总数不符，请核对。")
    report.refresh_from_db()
    assert report.status == S.RETURNED
    assert report.return_comment == "分类合计与总数不符，请核对。"
    assert report.is_editable
    report.submit(clerk)
    report.approve(editor)
    report.refresh_from_db()
    assert report.status == S.APPROVED
    assert report.approved_by == editor and report.approved_at is not None
    steps = list(report.transitions.values_list("from_status", "to_status", "comment"))
    assert steps == [
        (S.DRAFT, S.SUBMITTED, ""),
        (S.SUBMITTED, S.RETURNED, "分类合计与总数不符，请核对。"),
        (S.RETURNED, S.SUBMITTED, ""),
        (S.SUBMITTED, S.APPROVED, ""),
    ]


@pytest.mark.parametrize(
    "status, step",
    [
        (S.DRAFT, "approve"),
        (S.DRAFT, "return"),
        (S.DRAFT, "reopen"),
        (S.SUBMITTED, "submit"),
        (S.SUBMITTED, "reopen"),
        (S.APPROVED, "submit"),
        (S.APPROVED, "approve"),
        (S.APPROVED, "return"),
        (S.RETURNED, "approve"),
    ],
)
def test_illegal_steps_raise_and_change_nothing(
    status, step, centre, clerk, editor, no_rules
):
    report = MonthlyReportFactory(centre=centre, status=status)
    actions = {
        "submit": lambda: report.submit(clerk),
        "approve": lambda: report.approve(editor),
        "return": lambda: report.return_for_changes(editor, "意见"),
        "reopen": lambda: report.reopen(editor),
    }
    with pytest.raises(workflow.WorkflowError, match="不能"):
        actions[step]()
    fresh = MonthlyReport.objects.get(pk=report.pk)
    assert fresh.status == status
    assert fresh.version == 1
    assert not fresh.transitions.exists()


def test_reopen_goes_back_to_returned_with_the_reason(report, clerk, editor, no_rules):
    report.submit(clerk)
    report.approve(editor)
    report.reopen(editor, "发现平安区数字有误。")
    report.refresh_from_db()
    assert report.status == S.RETURNED
    assert report.approved_at is None and report.approved_by is None
    assert report.return_comment == "发现平安区数字有误。"
    last = report.transitions.last()
    assert (last.from_status, last.to_status) == (S.APPROVED, S.RETURNED)


def test_reopen_refused_while_a_guard_objects(
    report, clerk, editor, no_rules, monkeypatch
):
    monkeypatch.setattr(
        workflow,
        "reopen_guards",
        [lambda r: None, lambda r: "第63期已发布，使用了该报送"],
    )
    report.submit(clerk)
    report.approve(editor)
    with pytest.raises(workflow.WorkflowError) as excinfo:
        report.reopen(editor)
    assert str(excinfo.value) == "第63期已发布，使用了该报送"
    assert MonthlyReport.objects.get(pk=report.pk).status == S.APPROVED


def test_editing_is_allowed_only_in_draft_or_returned(centre):
    for status in S.values:
        report = MonthlyReportFactory(
            centre=centre,
            status=status,
            month=f"2021-{S.values.index(status) + 1:02d}-01",
        )
        assert report.is_editable == (status in (S.DRAFT, S.RETURNED))


def test_a_transition_makes_an_open_copy_stale(report, clerk, no_rules):
    """A form loaded before submission cannot be saved afterwards."""
    loaded_version = report.version
    report.submit(clerk)
    with pytest.raises(workflow.StaleReportError):
        MonthlyReport.objects.get(pk=report.pk).claim_version(loaded_version)
