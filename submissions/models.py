"""Reporting centres, their people, and their reports (DESIGN 3.1, 3.2, 5.3).

A report is a centre's figures for one period: a month or, where the centre only
has quarterly figures, a quarter (``period_type``). ``month`` is the period's
first month; a quarter's report covers its three months, and a centre never has
both a quarter's report and a report of one of its months (``services``).

A blank figure (NULL) and a 0 are different facts: NULL means "not applicable /
not handled here", 0 means "handled, none this month". Every figure field is
therefore nullable, and nothing derived (rates, averages, totals of parts) is stored.
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from . import periods, workflow
from .centres import Centre, Membership


def within_months(months, prefix: str = "") -> models.Q:
    """Reports whose whole period lies in ``months``: their monthly reports and
    the quarterly reports of the quarters fully inside (``prefix``: the lookup
    path to the report, e.g. ``"report__"``)."""
    months = list(months)
    return models.Q(
        **{f"{prefix}period_type": periods.MONTH, f"{prefix}month__in": months}
    ) | models.Q(
        **{
            f"{prefix}period_type": periods.QUARTER,
            f"{prefix}month__in": periods.quarter_starts_within(months),
        }
    )


class MonthlyReportQuerySet(models.QuerySet):
    def for_month(self, month):
        """The month's monthly reports (a quarter's report is not one)."""
        return self.filter(month=month, period_type=periods.MONTH)

    def for_period(self, start, period_type):
        """Reports of exactly this period (same type, same first month)."""
        return self.filter(month=start, period_type=period_type)

    def covering(self, month):
        """Reports that cover ``month``: its monthly report, or its quarter's."""
        return self.filter(
            models.Q(period_type=periods.MONTH, month=month)
            | models.Q(period_type=periods.QUARTER, month=periods.quarter_start(month))
        )

    def within(self, months):
        """Reports whose whole period lies in ``months`` (``within_months``)."""
        return self.filter(within_months(months))

    def for_centre(self, centre):
        return self.filter(centre=centre)

    def approved(self):
        return self.filter(status=MonthlyReport.Status.APPROVED)

    def editable(self):
        return self.filter(status__in=MonthlyReport.EDITABLE)

    def pending_review(self):
        return self.filter(status=MonthlyReport.Status.SUBMITTED)

    def for_bureau(self, bureau):
        return self.filter(centre__bureau=bureau)

    def visible_to(self, user, bureau):
        """Reports a user may reach in ``bureau``: reviewers see all of the
        bureau's, a clerk their centre's only."""
        if bureau is None:
            return self.none()
        scoped = self.for_bureau(bureau)
        if user.has_perm("submissions.review_monthlyreport"):
            return scoped
        membership = getattr(user, "membership", None)
        if membership is None:
            return self.none()
        return scoped.filter(centre_id=membership.centre_id)


class MonthlyReport(models.Model):
    """One centre's report for one period: a month, or a quarter
    (``period_type``); ``month`` is the first day of the period."""

    class PeriodType(models.TextChoices):
        MONTH = periods.MONTH, "月报"
        QUARTER = periods.QUARTER, "季报"

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "已提交"
        RETURNED = "returned", "已退回"
        APPROVED = "approved", "已审核通过"

    centre = models.ForeignKey(
        Centre,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name="报送单位",
    )
    month = models.DateField("月份", help_text="报告期的第一个月。")
    period_type = models.CharField(
        "报告期类型",
        max_length=10,
        choices=PeriodType.choices,
        default=PeriodType.MONTH,
    )
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    working_days = models.PositiveSmallIntegerField("工作日天数", null=True, blank=True)
    # Optimistic locking: a save from a stale copy is refused.
    version = models.PositiveIntegerField("版本", default=1)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("最后修改", auto_now=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    # Punctuality is judged by the first submission: a report returned by the
    # editor and submitted again after the deadline was still delivered on time.
    first_submitted_at = models.DateTimeField("首次提交时间", null=True, blank=True)
    approved_at = models.DateTimeField("审核时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="提交人",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审核人",
    )
    returned_at = models.DateTimeField("退回时间", null=True, blank=True)
    return_comment = models.TextField("退回意见", blank=True)
    # Set when the editor opened the report on the centre's behalf (补报/代填):
    # the editor may then fill and submit it, and every screen says so.
    backfilled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="代为建立的编辑",
    )

    objects = MonthlyReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-month", "centre__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "month"], name="report_unique_centre_month"
            )
        ]
        permissions = [
            ("fill_monthlyreport", "可填报本单位月报"),
            ("review_monthlyreport", "可审核月报"),
        ]
        verbose_name = "月度报送"
        verbose_name_plural = "月度报送"

    def __str__(self):
        return f"{self.centre.short_name} {self.period_label}"

    def get_absolute_url(self):
        return reverse("submissions:report_edit", args=[self.pk])

    # -- period --------------------------------------------------------------
    @property
    def is_quarterly(self) -> bool:
        return self.period_type == self.PeriodType.QUARTER

    @property
    def months(self) -> tuple:
        """The months the report covers (one, or a quarter's three)."""
        return periods.period_months(self.month, self.period_type)

    @property
    def calendar_days(self) -> int:
        return sum(periods.days_in_month(m) for m in self.months)

    @property
    def period_label(self) -> str:
        """``2021年6月`` or ``2021年第二季度``."""
        return periods.period_label(self.month, self.period_type)

    # -- state ---------------------------------------------------------------
    EDITABLE = (Status.DRAFT, Status.RETURNED)

    @property
    def is_editable(self) -> bool:
        """A clerk may change the figures only in draft or returned."""
        return self.status in self.EDITABLE

    @property
    def deadline(self):
        """Due after the period's last month, like that month's report."""
        return periods.deadline(self.months[-1])

    @property
    def delivered_at(self):
        """When the centre first delivered the report (None: not yet)."""
        return self.first_submitted_at or self.submitted_at

    @property
    def is_late(self) -> bool:
        """First delivered after the deadline day, or still undelivered after it."""
        delivered = self.delivered_at
        day = timezone.localdate(delivered) if delivered else timezone.localdate()
        return day > self.deadline

    def check_editable(self) -> None:
        if not self.is_editable:
            raise workflow.WorkflowError(
                workflow.NOT_EDITABLE.format(status=self.get_status_display())
            )

    def claim_version(self, expected: int) -> None:
        """Compare-and-increment ``version`` in one UPDATE; refuse a stale copy.

        Run inside the transaction that then writes the figures: on PostgreSQL the
        UPDATE holds the row lock until commit, so a concurrent save with the same
        ``expected`` finds the new version and is refused rather than applied.
        """
        claimed = MonthlyReport.objects.filter(pk=self.pk, version=expected).update(
            version=F("version") + 1
        )
        if not claimed:
            current = (
                MonthlyReport.objects.filter(pk=self.pk)
                .values_list("version", flat=True)
                .first()
            )
            raise workflow.StaleReportError(
                workflow.STALE.format(expected=expected, current=current)
            )
        self.version = expected + 1

    def _transition(self, user, to_status, *, allowed_from, action, comment=""):
        if self.status not in allowed_from:
            raise workflow.WorkflowError(
                workflow.ILLEGAL_STEP.format(
                    status=self.get_status_display(), action=action
                )
            )
        from_status = self.status
        with transaction.atomic():
            # A transition also moves the version on, so a form opened before it
            # cannot be saved over the new state.
            self.claim_version(self.version)
            self.status = to_status
            self._history_user = user
            self.save()
            ReportTransition.objects.create(
                report=self,
                from_status=from_status,
                to_status=to_status,
                actor=user,
                comment=comment,
            )

    def submit(self, user) -> None:
        """Draft/returned → submitted, refused while errors or unexplained warnings."""
        from .validation import validate_report

        if self.status not in self.EDITABLE:
            raise workflow.WorkflowError(
                workflow.ILLEGAL_STEP.format(
                    status=self.get_status_display(), action="提交"
                )
            )
        findings = validate_report(self)
        errors = [f for f in findings if f.level == "error"]
        if errors:
            raise workflow.WorkflowError(
                workflow.SUBMIT_HAS_ERRORS.format(count=len(errors))
            )
        explained = {
            (e.rule, e.subject)
            for e in self.explanations.all()
            if e.text and e.text.strip()
        }
        unexplained = [
            f
            for f in findings
            if f.level == "warning" and (f.rule, f.subject or "") not in explained
        ]
        if unexplained:
            raise workflow.WorkflowError(
                workflow.SUBMIT_UNEXPLAINED.format(count=len(unexplained))
            )
        self.submitted_at = timezone.now()
        self.first_submitted_at = self.first_submitted_at or self.submitted_at
        self.submitted_by = user
        self._transition(
            user,
            self.Status.SUBMITTED,
            allowed_from=self.EDITABLE,
            action="提交",
        )

    def return_for_changes(self, user, comment: str) -> None:
        """Submitted → returned, with the editor's comment (required)."""
        comment = (comment or "").strip()
        if not comment:
            raise workflow.WorkflowError(workflow.COMMENT_REQUIRED)
        self.returned_at = timezone.now()
        self.return_comment = comment
        self._transition(
            user,
            self.Status.RETURNED,
            allowed_from=(self.Status.SUBMITTED,),
            action="退回",
            comment=comment,
        )

    def approve(self, user, comment: str = "") -> None:
        """Submitted → approved."""
        self.approved_at = timezone.now()
        self.approved_by = user
        self._transition(
            user,
            self.Status.APPROVED,
            allowed_from=(self.Status.SUBMITTED,),
            action="审核通过",
            comment=(comment or "").strip(),
        )

    def reopen(self, user, comment: str = "") -> None:
        """Approved → returned, so the centre can correct it and submit again.

        Returned rather than draft: the clerk sees why it came back, and the editor
        later sees exactly what changed since. Refused while any registered guard
        (a published issue using the report) objects.
        """
        if self.status == self.Status.APPROVED:
            refusals = workflow.reopen_refusals(self)
            if refusals:
                raise workflow.WorkflowError("；".join(refusals))
        comment = (comment or "").strip() or "编辑重新打开了已审核通过的报送。"
        self.returned_at = timezone.now()
        self.return_comment = comment
        self.approved_at = None
        self.approved_by = None
        self._transition(
            user,
            self.Status.RETURNED,
            allowed_from=(self.Status.APPROVED,),
            action="重新打开",
            comment=comment,
        )

    def previous(self):
        """The same centre's report for the period before (of the same type), if
        any."""
        return (
            MonthlyReport.objects.filter(centre_id=self.centre_id)
            .for_period(
                periods.previous_start(self.month, self.period_type), self.period_type
            )
            .select_related("centre")
            .first()
        )


# Figure definitions as data (DESIGN 5.3) live in their own module.
from .definitions import Breakdown, BreakdownOption, FigureDefinition  # noqa: E402
from .figure_values import FigureValue, OptionNote  # noqa: E402
from .rate_definitions import RateDefinition  # noqa: E402
from .report_records import (  # noqa: E402
    FindingExplanation,
    Reminder,
    ReportTransition,
    WorkItem,
)

__all__ = [
    "Breakdown",
    "BreakdownOption",
    "Centre",
    "FigureDefinition",
    "FigureValue",
    "FindingExplanation",
    "Membership",
    "MonthlyReport",
    "OptionNote",
    "RateDefinition",
    "Reminder",
    "ReportTransition",
    "WorkItem",
]
