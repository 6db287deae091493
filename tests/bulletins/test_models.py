import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from bulletins import services
from bulletins.locks import refuse_reopen_if_published
from bulletins.models import (
    ILLEGAL_STEP,
    RETURN_NEEDS_COMMENT,
    Issue,
    IssueEvent,
    Series,
)
from tests.factories import (
    IssueFactory,
    MonthlyReportFactory,
    PublishedIssueFactory,
    SeriesFactory,
    default_bureau,
)

pytestmark = pytest.mark.django_db

# What bulletins.signoff freezes at sign-off; the state change does not care.
FROZEN = {"snapshot": {}, "snapshot_sha256": "", "pdf_name": "", "pdf_sha256": ""}


def test_series_defaults_to_monthly_continuous_numbering():
    series = Series.objects.create(
        bureau=default_bureau(),
        title="海东政务服务动态",
        publisher="海东市政务服务监督管理局",
    )
    assert series.frequency == Series.Frequency.MONTHLY
    assert series.numbering == Series.Numbering.CONTINUOUS
    assert series.numbering_year(datetime.date(2021, 7, 6)) == 0
    # Its first profile is the default one, noted by the profile's own name.
    first = series.current_profile()
    assert first.version == 1
    assert first.note == f"初始版式：{first.spec['name']}"


def test_number_is_unique_in_a_continuous_series():
    first = IssueFactory(number=63)
    with pytest.raises(IntegrityError), transaction.atomic():
        IssueFactory(
            series=first.series, number=63, period_start=datetime.date(2021, 7, 1)
        )


def test_month_is_unique_in_a_series():
    first = IssueFactory(period_start=datetime.date(2021, 6, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        IssueFactory(series=first.series, period_start=datetime.date(2021, 6, 1))


def test_numbers_restart_each_year_when_the_series_says_so():
    series = SeriesFactory(title="季刊", numbering=Series.Numbering.YEARLY)
    IssueFactory(
        series=series,
        number=1,
        period_start=datetime.date(2021, 1, 1),
        publication_date=datetime.date(2021, 2, 6),
    )
    again = IssueFactory(
        series=series,
        number=1,
        period_start=datetime.date(2022, 1, 1),
        publication_date=datetime.date(2022, 2, 6),
    )
    assert again.numbering_year == 2022
    with pytest.raises(IntegrityError), transaction.atomic():
        IssueFactory(
            series=series,
            number=1,
            period_start=datetime.date(2022, 2, 1),
            publication_date=datetime.date(2022, 3, 6),
        )


def test_next_number_is_proposed():
    series = SeriesFactory()
    IssueFactory(series=series, number=63, period_start=datetime.date(2021, 6, 1))
    assert services.proposed_number(series, datetime.date(2021, 8, 6)) == 64


def test_issue_create_proposes_number_and_date(editor):
    series = SeriesFactory()
    IssueFactory(series=series, number=62, period_start=datetime.date(2021, 5, 1))
    issue = services.issue_create(
        series=series, period_start=datetime.date(2021, 6, 1), user=editor
    )
    assert issue.number == 63
    assert issue.publication_date == datetime.date(2021, 7, 6)
    assert issue.status == Issue.Status.DRAFT
    assert issue.issuing_org == "海东市政务服务监督管理局"


def test_issue_create_refuses_a_taken_month(editor):
    issue = IssueFactory(period_start=datetime.date(2021, 6, 1))
    with pytest.raises(ValidationError) as exc:
        services.issue_create(
            series=issue.series, period_start=datetime.date(2021, 6, 1), user=editor
        )
    assert "2021年6月" in exc.value.messages[0]
    assert Issue.objects.count() == 1


def test_number_editable_until_published(editor):
    issue = IssueFactory(number=63)
    services.issue_update(issue=issue, number=70)
    issue.refresh_from_db()
    assert issue.number == 70
    published = PublishedIssueFactory(number=80, series=issue.series)
    services.issue_update(issue=published, number=99)
    published.refresh_from_db()
    assert published.number == 80


def test_states_and_events(editor, leader):
    issue = IssueFactory()
    issue.submit_for_sign_off(editor)
    issue.sign_off(leader, **FROZEN)
    assert issue.status == Issue.Status.SIGNED_OFF
    assert issue.signed_off_by == leader
    steps = list(IssueEvent.objects.values_list("from_status", "to_status", "actor"))
    assert steps == [
        ("draft", "awaiting", editor.pk),
        ("awaiting", "signed_off", leader.pk),
    ]


def test_illegal_step_raises_and_saves_nothing(leader):
    issue = IssueFactory()
    with pytest.raises(ValidationError) as exc:
        issue.sign_off(leader, **FROZEN)
    assert exc.value.messages == [ILLEGAL_STEP.format(status="草稿", action="签发")]
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT
    assert not IssueEvent.objects.exists()


def test_return_needs_a_comment(editor, leader):
    issue = IssueFactory()
    issue.submit_for_sign_off(editor)
    with pytest.raises(ValidationError) as exc:
        issue.return_to_draft(leader, "  ")
    assert exc.value.messages == [RETURN_NEEDS_COMMENT]
    issue.return_to_draft(leader, "第二部分数字请核对")
    assert issue.status == Issue.Status.DRAFT
    assert issue.last_return_comment() == "第二部分数字请核对"


def test_editor_cannot_sign_off_by_default(editor):
    issue = IssueFactory()
    issue.submit_for_sign_off(editor)
    with pytest.raises(PermissionDenied):
        issue.sign_off(editor, **FROZEN)


def test_reopen_guard_refuses_a_report_a_published_issue_used(centre):
    report = MonthlyReportFactory(centre=centre, month=datetime.date(2021, 6, 1))
    other = MonthlyReportFactory(centre=centre, month=datetime.date(2021, 7, 1))
    PublishedIssueFactory(
        period_start=datetime.date(2021, 6, 1), report_ids=[report.pk]
    )
    assert "第" in refuse_reopen_if_published(report)
    assert refuse_reopen_if_published(other) is None


def test_reopen_guard_is_registered():
    from submissions.workflow import reopen_guards

    assert refuse_reopen_if_published in reopen_guards


def test_roles_have_bulletin_permissions(editor, leader):
    assert editor.has_perm("bulletins.compose_issue")
    assert editor.has_perm("bulletins.publish_issue")
    assert not editor.has_perm("bulletins.signoff_issue")
    assert leader.has_perm("bulletins.signoff_issue")
    assert not leader.has_perm("bulletins.publish_issue")


def test_quarterly_series_issue_covers_a_quarter(editor):
    series = SeriesFactory(
        title="海东政务服务季报", frequency=Series.Frequency.QUARTERLY
    )
    issue = services.issue_create(
        series=series, period_start=datetime.date(2021, 8, 1), user=editor
    )
    assert issue.period_start == datetime.date(2021, 7, 1)
    assert issue.frequency == Series.Frequency.QUARTERLY
    assert issue.period().key == "2021-Q3"
    assert issue.period_label == "2021年第三季度"
    assert issue.publication_date == datetime.date(2021, 10, 6)
    assert issue.number == 1
