"""What a report carries besides its figures: its work items (主要工作), its
state changes, the clerk's explanations of warnings, and the reminders sent to
its centre. Part of ``submissions.models`` (imported at its end)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .models import Centre, MonthlyReport


class WorkItem(models.Model):
    """A 主要工作 item: a short title and a body of plain paragraphs."""

    report = models.ForeignKey(
        MonthlyReport, on_delete=models.CASCADE, related_name="work_items"
    )
    order = models.PositiveIntegerField("顺序", default=0)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文", blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "主要工作"
        verbose_name_plural = "主要工作"

    def __str__(self):
        return self.title

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.splitlines() if p.strip()]


class ReportTransition(models.Model):
    """One recorded step of the review workflow (who, when, from, to, comment)."""

    report = models.ForeignKey(
        MonthlyReport, on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(
        "原状态", max_length=10, choices=MonthlyReport.Status.choices, blank=True
    )
    to_status = models.CharField(
        "新状态", max_length=10, choices=MonthlyReport.Status.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name="操作人",
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    comment = models.TextField("意见", blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "流转记录"
        verbose_name_plural = "流转记录"

    def __str__(self):
        start = self.get_from_status_display() if self.from_status else "新建"
        return f"{self.report} {start}→{self.get_to_status_display()}"


class FindingExplanation(models.Model):
    """A clerk's written explanation of a validation warning, shown to the editor."""

    report = models.ForeignKey(
        MonthlyReport, on_delete=models.CASCADE, related_name="explanations"
    )
    rule = models.CharField("规则", max_length=60)
    subject = models.CharField("对象", max_length=100, blank=True)
    text = models.TextField("说明")

    history = HistoricalRecords()

    class Meta:
        ordering = ["rule", "subject"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "rule", "subject"], name="explanation_unique_finding"
            )
        ]
        verbose_name = "预警说明"
        verbose_name_plural = "预警说明"

    def __str__(self):
        from .validation import RULES_BY_CODE

        rule = RULES_BY_CODE.get(self.rule)
        return f"{self.report} {rule.title if rule else self.rule}"


class Reminder(models.Model):
    """A 催报 e-mail sent to a centre about one month's report."""

    centre = models.ForeignKey(
        Centre,
        on_delete=models.PROTECT,
        related_name="reminders",
        verbose_name="报送单位",
    )
    month = models.DateField("月份")
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)
    # None: sent by ``manage.py send_reminders`` (cron), not by a person.
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="发送人",
    )
    recipients = models.TextField("收件人")

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["month", "centre"])]
        verbose_name = "催报记录"
        verbose_name_plural = "催报记录"

    def __str__(self):
        return f"{self.centre.short_name} {self.month.year}年{self.month.month}月催报"
