"""A draft-preview link: a secret address showing one draft, read-only.

The link stores the document it was made for, so it shows exactly that draft.
It dies when the issue is published (or a correction is) after it was made,
when the draft changes (the live draft's hash differs from the stored one), when
the editor revokes it, and after ``BULLETIN_PREVIEW_LINK_HOURS``.
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from bulletins.models.issues import Issue


def new_token() -> str:
    return secrets.token_urlsafe(24)


class PreviewLink(models.Model):
    issue = models.ForeignKey(
        Issue,
        on_delete=models.CASCADE,
        related_name="preview_links",
        verbose_name="期刊",
    )
    token = models.CharField("链接密钥", max_length=64, unique=True, default=new_token)
    snapshot = models.JSONField("草稿快照")
    snapshot_sha256 = models.CharField("草稿快照 SHA-256", max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="生成人",
    )
    created_at = models.DateTimeField("生成时间", default=timezone.now)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "预览链接"
        verbose_name_plural = "预览链接"

    def __str__(self):
        return f"{self.issue} 预览链接 {self.created_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("bulletins:preview", args=[self.token])

    @property
    def expires_at(self) -> datetime.datetime:
        hours = settings.BULLETIN_PREVIEW_LINK_HOURS
        return self.created_at + datetime.timedelta(hours=hours)

    def dead_reason(self, now=None) -> str:
        """Why the link no longer works, "" while it does (the draft-changed
        check needs the live draft: ``previews.preview_document``)."""
        now = now or timezone.now()
        if self.revoked_at is not None:
            return "该预览链接已被撤销。"
        issue = self.issue
        if issue.revised_at is not None and issue.revised_at >= self.created_at:
            return "该期已发布，预览链接已失效；请查看公开页面。"
        if now >= self.expires_at:
            return "该预览链接已过期。"
        return ""
