"""A bureau's bulletin series (DESIGN 3.6): its title, address, frequency and
numbering; a new series starts with version 1 of the default profile."""

import datetime

from django.db import models
from django.urls import reverse

from bulletins.models.profiles import Profile
from bulletins.profiles import default_profile
from bureaus.models import Bureau
from bureaus.slugs import validate_series_slug

FIRST_PROFILE = "初始版式：{name}"


class Series(models.Model):
    """A bulletin series of a bureau: 海东政务服务动态, 海东政务服务专报 …

    Its slug names it in public addresses under the bureau's:
    ``/haidong/dongtai/2021/63/``.
    """

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "月刊"
        QUARTERLY = "quarterly", "季刊"

    class Numbering(models.TextChoices):
        CONTINUOUS = "continuous", "连续编号"
        YEARLY = "yearly", "每年重新编号"

    bureau = models.ForeignKey(
        Bureau, on_delete=models.PROTECT, related_name="series", verbose_name="编发单位"
    )
    title = models.CharField("刊名", max_length=100)
    slug = models.SlugField(
        "网址名",
        max_length=40,
        validators=[validate_series_slug],
        help_text="公开网址中的名称（小写字母、数字、连字符），如 dongtai。",
    )
    publisher = models.CharField("编发单位", max_length=100)
    prints_number = models.BooleanField(
        "印期号",
        default=True,
        editable=False,
        help_text="由版式的刊头样式决定：通报不印期号。",
    )
    subtitle = models.CharField("副标题", max_length=100, blank=True)
    frequency = models.CharField(
        "刊期", max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    numbering = models.CharField(
        "期号编排",
        max_length=10,
        choices=Numbering.choices,
        default=Numbering.CONTINUOUS,
    )
    index_prefix = models.CharField(
        "索引号前缀",
        max_length=60,
        blank=True,
        help_text="政府信息公开索引号的前缀，如 11632100MB1234567X/；留空则不生成。",
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", "title"], name="series_unique_title_per_bureau"
            ),
            models.UniqueConstraint(
                fields=["bureau", "slug"], name="series_unique_slug_per_bureau"
            ),
        ]
        verbose_name = "刊物"
        verbose_name_plural = "刊物"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """A new series starts with version 1 of the default (海东 monthly)
        profile, which its bureau admin then edits or replaces by import."""
        created = self._state.adding
        super().save(*args, **kwargs)
        if created:
            spec = default_profile()
            Profile.objects.create(
                series=self,
                version=1,
                spec=spec,
                note=FIRST_PROFILE.format(name=spec["name"]),
            )

    def get_absolute_url(self):
        return reverse("bulletins:series", args=[self.bureau.slug, self.slug])

    def current_profile(self) -> Profile:
        """The latest version of the series' profile."""
        return Profile.objects.latest_for(self)

    def numbering_year(self, publication_date: datetime.date) -> int:
        """The year numbers restart in; 0 for continuous numbering."""
        if self.numbering == self.Numbering.YEARLY:
            return publication_date.year
        return 0
