"""What happened to an issue: its published versions (revision 1, then each
correction) and its recorded status changes. Both are written once, never
changed."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from bulletins.models.issues import Issue


class IssueRevision(models.Model):
    """One published version of an issue: revision 1 is the original, later
    ones are corrections (更正) with a note. Never changed once written."""

    issue = models.ForeignKey(
        Issue, on_delete=models.PROTECT, related_name="revisions", verbose_name="期刊"
    )
    number = models.PositiveIntegerField("版次")
    snapshot = models.JSONField("快照")
    pdf = models.FileField("PDF", upload_to="bulletins/", blank=True)
    pdf_sha256 = models.CharField("PDF SHA-256", max_length=64, blank=True)
    note = models.TextField("更正说明", blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name="发布人",
    )
    published_at = models.DateTimeField("发布时间", default=timezone.now)

    class Meta:
        ordering = ["issue", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "number"], name="revision_unique_number"
            )
        ]
        verbose_name = "发布版次"
        verbose_name_plural = "发布版次"

    def __str__(self):
        return f"{self.issue} 第{self.number}版"

    def get_absolute_url(self):
        return reverse("bulletins:revision", args=[*self.issue.address, self.number])

    @property
    def pdf_url(self) -> str:
        return reverse(
            "bulletins:revision_pdf", args=[*self.issue.address, self.number]
        )


class IssueEvent(models.Model):
    """A recorded status change: who, when, from, to, and the comment."""

    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, related_name="events", verbose_name="期刊"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name="操作人",
    )
    at = models.DateTimeField("时间", default=timezone.now)
    from_status = models.CharField(
        "原状态", max_length=12, choices=Issue.Status.choices
    )
    to_status = models.CharField("新状态", max_length=12, choices=Issue.Status.choices)
    comment = models.TextField("意见", blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "状态记录"
        verbose_name_plural = "状态记录"

    def __str__(self):
        return f"{self.issue} {self.from_status}→{self.to_status}"
