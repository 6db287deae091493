"""Rate definitions (DESIGN 5.3, DHIS2's indicators): a named ratio of two
defined figures, recomputed from the (summed) figures wherever they are."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from bureaus.models import Bureau

from .definitions import DEFINITION_OTHER_BUREAU, BreakdownOption, FigureDefinition
from .rates import RateSpec


class RateDefinitionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_bureau(self, bureau):
        return self.filter(bureau=bureau)

    def specs(self) -> tuple:
        """The rates as plain ``RateSpec``\\ s, in one query: each rate's row
        joined with the options chosen for either side (a handful each)."""
        rows = self.order_by("order", "id").values_list(
            "pk",
            "code",
            "name",
            "numerator_id",
            "denominator_id",
            "places",
            "minimum",
            "numerator_options",
            "denominator_options",
        )
        found: dict[int, tuple] = {}
        for pk, *fields, top, bottom in rows:
            _, tops, bottoms = found.setdefault(pk, (fields, set(), set()))
            tops.add(top)
            bottoms.add(bottom)
        return tuple(
            RateSpec(
                code,
                name,
                numerator,
                frozenset(tops - {None}),
                denominator,
                frozenset(bottoms - {None}),
                places,
                minimum,
            )
            for (
                code,
                name,
                numerator,
                denominator,
                places,
                minimum,
            ), tops, bottoms in found.values()
        )


class RateDefinition(models.Model):
    """A named ratio of two defined figures (DHIS2: indicator): 差评整改率 =
    整改 / 差评, 满意率 = (非常满意 + 满意 + 基本满意) / 评价总数. Each side is a
    definition's printed total, or the sum of the options chosen for it. It is
    always recomputed from the (summed) figures, never averaged."""

    bureau = models.ForeignKey(
        Bureau,
        on_delete=models.PROTECT,
        related_name="rate_definitions",
        verbose_name="编发单位",
    )
    code = models.SlugField("代码", max_length=40)
    name = models.CharField("名称", max_length=50)
    numerator = models.ForeignKey(
        FigureDefinition,
        on_delete=models.PROTECT,
        related_name="rates_as_numerator",
        verbose_name="分子指标",
    )
    numerator_options = models.ManyToManyField(
        BreakdownOption,
        blank=True,
        related_name="+",
        verbose_name="分子取分类选项",
        help_text="留空则取该指标的总数；选择后取所选选项之和。",
    )
    denominator = models.ForeignKey(
        FigureDefinition,
        on_delete=models.PROTECT,
        related_name="rates_as_denominator",
        verbose_name="分母指标",
    )
    denominator_options = models.ManyToManyField(
        BreakdownOption,
        blank=True,
        related_name="+",
        verbose_name="分母取分类选项",
        help_text="留空则取该指标的总数；选择后取所选选项之和。",
    )
    places = models.PositiveSmallIntegerField(
        "小数位数", default=2, validators=[MaxValueValidator(4)]
    )
    minimum = models.DecimalField(
        "下限（%）",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="填写后，比率低于此百分比时预警（两个指标按同一分类填报且"
        "未选分类选项时，各分项也逐项对照）。",
    )
    order = models.PositiveIntegerField("显示顺序", default=0)
    is_active = models.BooleanField("启用", default=True)

    objects = RateDefinitionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", "code"], name="rate_unique_code_per_bureau"
            ),
            models.UniqueConstraint(
                fields=["bureau", "name"], name="rate_unique_name_per_bureau"
            ),
        ]
        verbose_name = "比率定义"
        verbose_name_plural = "比率定义"

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        for side in ("numerator", "denominator"):
            definition = getattr(self, side, None) if self.bureau_id else None
            if definition is not None and definition.bureau_id != self.bureau_id:
                errors[side] = DEFINITION_OTHER_BUREAU.format(name=definition.name)
        if errors:
            raise ValidationError(errors)
