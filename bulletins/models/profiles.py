"""Profiles (版式) of a series, versioned (DESIGN 5.5).

Saving a profile adds a version; issues in draft compose with the series'
latest version, and publishing records the version an issue was built with
(``Issue.profile``), which it keeps: a correction recomposed later uses it too.
The profile itself is a validated dict (``bulletins.profiles.spec``).
"""

from django.conf import settings
from django.db import models


class ProfileQuerySet(models.QuerySet):
    def latest_for(self, series):
        return self.filter(series=series).order_by("-version").first()


class Profile(models.Model):
    series = models.ForeignKey(
        "bulletins.Series",
        on_delete=models.CASCADE,
        related_name="profiles",
        verbose_name="刊物",
    )
    version = models.PositiveIntegerField("版本")
    spec = models.JSONField("版式")
    note = models.CharField("修改说明", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="保存人",
    )
    created_at = models.DateTimeField("保存时间", auto_now_add=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        ordering = ["series", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "version"], name="profile_unique_version"
            )
        ]
        verbose_name = "版式"
        verbose_name_plural = "版式"

    def __str__(self):
        return f"{self.series} 版式第{self.version}版"
