"""Bureaus (编发单位) and the staff who work for one (DESIGN 5.1).

A bureau owns its reporting units, reference data, trades, series and staff; the
other apps point at it, never the other way round. Staff — clerks, editors,
leaders and bureau admins — belong to exactly one bureau and see nothing of
another. The site administrator (a superuser) manages bureaus in the admin.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse

from .slugs import validate_bureau_slug
from .units import (
    AMOUNT_UNITS,
    DEFAULT_AMOUNT_PLACES,
    DEFAULT_AMOUNT_UNIT,
    UNIT_CHOICES,
    YUAN,
    max_places,
)

AMOUNT_UNIT_HELP = (
    "工作人员录入和查看交易金额（交易项目、手工汇总、本月汇总、数据趋势）所用的"
    "单位；金额一律按元精确保存，刊物印出的单位由版式决定。"
)
AMOUNT_PLACES_HELP = "以上述单位显示金额时保留的小数位数（四舍五入）。"
TOO_MANY_PLACES = "金额以{unit}计时最多保留{limit}位小数（到分），填写的是{places}位。"


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
    amount_unit = models.CharField(
        "金额单位",
        max_length=4,
        choices=UNIT_CHOICES,
        default=DEFAULT_AMOUNT_UNIT,
        # In the database too: a migration test (or an older process) that
        # writes a bureau without the column still gets the old behaviour.
        db_default=DEFAULT_AMOUNT_UNIT,
        help_text=AMOUNT_UNIT_HELP,
    )
    amount_places = models.PositiveSmallIntegerField(
        "金额小数位",
        default=DEFAULT_AMOUNT_PLACES,
        db_default=DEFAULT_AMOUNT_PLACES,
        validators=[MaxValueValidator(max(map(max_places, AMOUNT_UNITS)))],
        help_text=AMOUNT_PLACES_HELP,
    )

    objects = BureauQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "编发单位"
        verbose_name_plural = "编发单位"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("bulletins:bureau", args=[self.slug])

    def clean(self):
        if self.amount_unit not in AMOUNT_UNITS or self.amount_places is None:
            return  # the field's own error is shown
        limit = max_places(self.amount_unit)
        if self.amount_places > limit:
            message = TOO_MANY_PLACES.format(
                unit=self.amount_unit, limit=limit, places=self.amount_places
            )
            raise ValidationError({"amount_places": message}, code="too_many_places")

    @property
    def works_in_yuan(self) -> bool:
        """Whether the working unit is the 元 amounts are kept in."""
        return self.amount_unit == YUAN

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
