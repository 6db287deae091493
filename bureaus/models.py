"""Bureaus (编发单位) and the staff who work for one (DESIGN 5.1).

A bureau owns its reporting units, reference data, trades, series and staff; the
other apps point at it, never the other way round. Staff — clerks, editors,
leaders and bureau admins — belong to exactly one bureau and see nothing of
another. The site administrator (a superuser) manages bureaus in the admin.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from .slugs import validate_bureau_slug


class BureauQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("order", "id")


class Bureau(models.Model):
    """A bureau that publishes bulletins: 海东市政务服务监督管理局."""

    name = models.CharField("名称", max_length=100, unique=True)
    short_name = models.CharField(
        "简称", max_length=20, help_text="网站和列表中使用的简称，如“海东”。"
    )
    slug = models.SlugField(
        "网址名",
        max_length=40,
        unique=True,
        validators=[validate_bureau_slug],
        help_text="公开网址中的名称（小写字母、数字、连字符），如 haidong。",
    )
    description = models.TextField(
        "简介", blank=True, help_text="编发单位页面和首页上的一段介绍。"
    )
    footer = models.CharField(
        "页脚",
        max_length=200,
        blank=True,
        help_text="如“主办：海东市政务服务监督管理局”。",
    )
    order = models.PositiveIntegerField("显示顺序", default=0)

    objects = BureauQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "编发单位"
        verbose_name_plural = "编发单位"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("bulletins:bureau", args=[self.slug])

    @property
    def footer_text(self) -> str:
        return self.footer or f"主办：{self.name}"


class StaffMembership(models.Model):
    """Ties a member of staff to the one bureau they work for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_membership",
        verbose_name="用户",
    )
    bureau = models.ForeignKey(
        Bureau, on_delete=models.PROTECT, related_name="staff", verbose_name="编发单位"
    )

    class Meta:
        verbose_name = "工作人员所属单位"
        verbose_name_plural = "工作人员所属单位"

    def __str__(self):
        return f"{self.user} · {self.bureau.short_name}"


class SiteSettings(models.Model):
    """The deployment's own texts: the site name above every bureau's."""

    name = models.CharField("站点名称", max_length=60, default="政务服务动态")
    footer = models.CharField(
        "站点页脚",
        max_length=200,
        blank=True,
        help_text="多个编发单位时首页等公共页面的页脚。",
    )

    class Meta:
        verbose_name = "站点设置"
        verbose_name_plural = "站点设置"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> "SiteSettings":
        return cls.objects.filter(pk=1).first() or cls(pk=1)
