"""The reporting units (报送单位: a hall, a district's or county's centre, a
region's whole) and their clerks' memberships, per bureau. Part of
``submissions.models``."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from bureaus.models import Bureau

CLERK_OTHER_BUREAU = "填报员只能属于其编发单位（{bureau}）的报送单位。"
PARENT_OTHER_BUREAU = "上级单位须属于同一编发单位。"
PARENT_CYCLE = "上级单位不能是本单位或其下级单位。"


class Centre(models.Model):
    """A reporting centre (报送单位): the municipal hall or a district/county centre."""

    class Kind(models.TextChoices):
        HALL = "hall", "市级政务服务大厅"
        DISTRICT = "district", "区政务服务中心"
        COUNTY = "county", "县政务服务中心"
        # The whole region (全市 / 全州): figures stated by the bureau for all
        # its units, printed as stated beside the sum of its children.
        REGION = "region", "全域（全市/全州）"

    bureau = models.ForeignKey(
        Bureau,
        on_delete=models.PROTECT,
        related_name="centres",
        verbose_name="编发单位",
    )
    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=20)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="上级单位",
        help_text="上级单位的数字可直接填报（以填报数为准），否则为下级单位之和。",
    )
    order = models.PositiveIntegerField("显示顺序", default=0)
    is_active = models.BooleanField("启用", default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", "name"], name="centre_unique_name_per_bureau"
            )
        ]
        verbose_name = "报送单位"
        verbose_name_plural = "报送单位"

    def __str__(self):
        return self.name

    @property
    def is_hall(self) -> bool:
        return self.kind == self.Kind.HALL

    @property
    def is_region(self) -> bool:
        return self.kind == self.Kind.REGION

    def clean(self):
        if self.parent_id is None:
            return
        if self.parent.bureau_id != self.bureau_id:
            raise ValidationError({"parent": PARENT_OTHER_BUREAU})
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"parent": PARENT_CYCLE})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class Membership(models.Model):
    """Ties a clerk (填报员) to exactly one centre."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership",
        verbose_name="用户",
    )
    centre = models.ForeignKey(
        Centre,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name="报送单位",
    )

    class Meta:
        verbose_name = "填报员所属单位"
        verbose_name_plural = "填报员所属单位"

    def __str__(self):
        return f"{self.user} · {self.centre}"

    def clean(self):
        staff = getattr(self.user, "staff_membership", None) if self.user_id else None
        if (
            self.centre_id
            and staff is not None
            and staff.bureau_id != self.centre.bureau_id
        ):
            raise ValidationError(
                {"centre": CLERK_OTHER_BUREAU.format(bureau=staff.bureau.name)}
            )
