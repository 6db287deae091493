"""Figure definitions as data (DESIGN 5.3): what a unit reports, per bureau.

Modelled on DHIS2's data elements and category combinations, kept small:

* a ``Breakdown`` (DHIS2: category) is an ordered list of ``BreakdownOption``\\ s
  (受理渠道: 窗口受理, 统一平台受理; 进驻单位: 州公安局, …);
* a ``FigureDefinition`` (DHIS2: data element) is one figure a unit reports: a
  count or an amount in 元, optionally broken down, with the rule its parts obey
  (sum to the stated total: a warning to explain; not exceed it: an error);
* a ``FigureValue`` (DHIS2: data value) is one stated figure of one report: the
  total (no option) or one option's part. A blank figure has no row; 0 is a row
  holding 0. Amounts are exact ``Decimal`` 元, counts whole numbers.

Adding a figure, an option or a ranking is a row in the admin: no code, no
migration. Time aggregation is always a sum over the period's reports; rates and
shares are recomputed from the sums, never averaged.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q

from bureaus.models import Bureau

OPTION_OTHER_BUREAU = "分类“{breakdown}”属于其他编发单位。"
RANK_WITHOUT_BREAKDOWN = "排名需要按分类填报：请先选择分类。"
RULE_WITHOUT_BREAKDOWN = "分项规则需要按分类填报：请先选择分类。"
DEFINITION_OTHER_BUREAU = "指标“{name}”属于其他编发单位。"
PARTS_OF_WITH_TOTAL = "分项对照其他指标的总数时，本指标不另填总数：请取消“填报总数”。"
NOT_ITSELF = "不能选择本指标自身。"
NOT_ABOVE_OTHER_BREAKDOWN = "对照指标“{name}”按其他分类填报，无法逐项对照。"
SUMS_TO_WITHOUT_BREAKDOWN = "“合计应等于”需要本指标按分类填报：请先选择分类。"
SUMS_TO_OPTION_OTHER = "选项“{option}”不属于指标“{name}”的分类。"
SUMS_TO_OPTION_ALONE = "请先选择“合计应等于”的指标。"


def unit_kinds():
    """The kinds of reporting unit (``Centre.Kind``), read when asked: the
    centre model imports this module."""
    from .models import Centre

    return Centre.Kind.choices


class Breakdown(models.Model):
    """A list of options a figure is broken down by (受理渠道, 进驻单位, 县区)."""

    bureau = models.ForeignKey(
        Bureau,
        on_delete=models.PROTECT,
        related_name="breakdowns",
        verbose_name="编发单位",
    )
    name = models.CharField("名称", max_length=50)
    has_note = models.BooleanField(
        "各选项可填备注",
        default=False,
        help_text="勾选后，报表按本分类的每个选项另有一栏备注（如附件1的备注）。",
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", "name"], name="breakdown_unique_name_per_bureau"
            )
        ]
        verbose_name = "指标分类"
        verbose_name_plural = "指标分类"

    def __str__(self):
        return self.name


class BreakdownOption(models.Model):
    """One option of a breakdown (窗口受理, 州公安局, 平安区)."""

    breakdown = models.ForeignKey(
        Breakdown,
        on_delete=models.CASCADE,
        related_name="options",
        verbose_name="所属分类",
    )
    name = models.CharField("名称", max_length=100)
    short_label = models.CharField(
        "简称",
        max_length=20,
        blank=True,
        help_text="可选；版式中需要简短说法时使用（如“行政许可”）。",
    )
    order = models.PositiveIntegerField("显示顺序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ["breakdown", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["breakdown", "name"], name="option_unique_name_per_breakdown"
            )
        ]
        verbose_name = "分类选项"
        verbose_name_plural = "分类选项"

    def __str__(self):
        return self.name


class FigureDefinitionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_bureau(self, bureau):
        return self.filter(bureau=bureau)

    def with_options(self, report=None):
        """Definitions with their breakdown's active options (two queries),
        and the inactive ones ``report`` has figures for, so that nothing
        stored becomes invisible."""
        shown = Q(is_active=True)
        if report is not None:
            shown |= Q(
                pk__in=BreakdownOption.objects.filter(values__report=report).values(
                    "pk"
                )
            )
        return self.select_related("breakdown").prefetch_related(
            Prefetch(
                "breakdown__options",
                queryset=BreakdownOption.objects.filter(shown),
                to_attr="active_option_list",
            )
        )

    def sum_links(self) -> dict[int, tuple[int, ...]]:
        """Definition id → the ids of the definitions whose totals its total
        should equal the sum of (``equals_sum_of``), in their order (one query)."""
        rows = (
            FigureDefinition.equals_sum_of.through.objects.filter(
                from_figuredefinition__in=self
            )
            .order_by("to_figuredefinition__order", "to_figuredefinition_id")
            .values_list("from_figuredefinition_id", "to_figuredefinition_id")
        )
        links: dict[int, list[int]] = {}
        for source, term in rows:
            links.setdefault(source, []).append(term)
        return {source: tuple(terms) for source, terms in links.items()}


class FigureDefinition(models.Model):
    """One figure every unit of a bureau may report (跨省通办, 咨询, 统一平台办件)."""

    class ValueType(models.TextChoices):
        COUNT = "count", "数量"
        AMOUNT = "amount", "金额（元）"

    class Aggregation(models.TextChoices):
        SUM = "sum", "各期相加"
        LAST = "last", "取最近一期（存量，如正在办理）"

    class PartsRule(models.TextChoices):
        NONE = "none", "不校验"
        SUM = "sum", "分项之和应等于总数（预警）"
        SUM_WARNING = "sum_warning", "分项之和应等于总数（多或少均为预警）"
        NOT_EXCEED = "not_exceed", "分项之和不得超过总数（错误）"

    bureau = models.ForeignKey(
        Bureau,
        on_delete=models.PROTECT,
        related_name="figure_definitions",
        verbose_name="编发单位",
    )
    code = models.SlugField("代码", max_length=40)
    name = models.CharField("名称", max_length=50)
    value_type = models.CharField(
        "数值类型", max_length=10, choices=ValueType.choices, default=ValueType.COUNT
    )
    unit = models.CharField(
        "计量单位",
        max_length=10,
        default="件",
        help_text="数量的量词（件、项、宗）；金额以元保存。",
    )
    breakdown = models.ForeignKey(
        Breakdown,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="definitions",
        verbose_name="按分类填报",
    )
    has_total = models.BooleanField(
        "填报总数", default=True, help_text="按分类填报时，是否另填一个总数。"
    )
    parts_rule = models.CharField(
        "分项规则",
        max_length=12,
        choices=PartsRule.choices,
        default=PartsRule.NONE,
    )
    parts_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="broken_down_by",
        verbose_name="分项对照指标",
        help_text="填写后，本指标的分项按分项规则与所选指标的总数对照"
        "（如“承办单、重新办理单”对照“受理”）；本指标不另填总数。",
    )
    not_above = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bounding",
        verbose_name="不得超过指标",
        help_text="填写后，本指标的总数不得超过所选指标的总数（如办结不得超过受理）；"
        "两者按同一分类填报时，各分项也逐项对照（错误）。",
    )
    equals_sum_of = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="summed_into",
        verbose_name="应等于以下指标之和",
        help_text="填写后，本指标的总数应等于所选指标总数之和"
        "（如受理＝办结＋正在办理；不一致为预警）。",
    )
    change_limit = models.DecimalField(
        "环比变化上限（%）",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="填写后，总数较上一期已审核报表的变化超过此百分比时预警。",
    )
    aggregation = models.CharField(
        "跨期汇总",
        max_length=8,
        choices=Aggregation.choices,
        default=Aggregation.SUM,
        help_text="季度、1至N月等多期合计时：流量各期相加；存量（正在办理）取最近一期。",
    )
    rank_top = models.PositiveSmallIntegerField(
        "排名前N位",
        null=True,
        blank=True,
        help_text="填写后，简报按数值从大到小列出前N个分类选项。",
    )
    sums_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="summed_from",
        verbose_name="合计应等于指标",
        help_text="填写后，本指标各分项之和应等于所选指标（在下面所选选项上的数值，"
        "未选选项则为其总数）；不一致为预警。",
    )
    sums_to_option = models.ForeignKey(
        BreakdownOption,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="summed_from",
        verbose_name="合计应等于指标的选项",
    )
    unit_kind = models.CharField(
        "仅由此类单位填报",
        max_length=10,
        blank=True,
        choices=unit_kinds,
        help_text="选择后，只有该类型的报送单位（如市级大厅）填报本指标。",
    )
    required = models.BooleanField(
        "必填",
        default=False,
        help_text="勾选后，填报本指标的单位不填即为错误。",
    )
    order = models.PositiveIntegerField("显示顺序", default=0)
    is_active = models.BooleanField("启用", default=True)

    objects = FigureDefinitionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", "code"], name="definition_unique_code_per_bureau"
            ),
            models.UniqueConstraint(
                fields=["bureau", "name"], name="definition_unique_name_per_bureau"
            ),
        ]
        verbose_name = "指标定义"
        verbose_name_plural = "指标定义"

    def __str__(self):
        return self.name

    @property
    def active_options(self) -> list[BreakdownOption]:
        """The breakdown's active options (loaded by ``with_options``)."""
        if self.breakdown is None:
            return []
        if hasattr(self.breakdown, "active_option_list"):
            return self.breakdown.active_option_list
        return list(self.breakdown.options.filter(is_active=True))

    def clean(self):
        errors = {}
        if self.breakdown_id is None:
            if self.rank_top:
                errors["rank_top"] = RANK_WITHOUT_BREAKDOWN
            if self.parts_rule != self.PartsRule.NONE:
                errors["parts_rule"] = RULE_WITHOUT_BREAKDOWN
        elif self.bureau_id and self.breakdown.bureau_id != self.bureau_id:
            errors["breakdown"] = OPTION_OTHER_BUREAU.format(
                breakdown=self.breakdown.name
            )
        if self.parts_of_id is not None and self.has_total:
            errors["has_total"] = PARTS_OF_WITH_TOTAL
        for name in ("parts_of", "not_above"):
            other = getattr(self, name)
            if other is None:
                continue
            if self.pk is not None and other.pk == self.pk:
                errors[name] = NOT_ITSELF
            elif self.bureau_id and other.bureau_id != self.bureau_id:
                errors[name] = DEFINITION_OTHER_BUREAU.format(name=other.name)
        above = self.not_above
        if (
            above is not None
            and "not_above" not in errors
            and self.breakdown_id is not None
            and above.breakdown_id not in (None, self.breakdown_id)
        ):
            errors["not_above"] = NOT_ABOVE_OTHER_BREAKDOWN.format(name=above.name)
        errors.update(self._sums_to_errors())
        if errors:
            raise ValidationError(errors)

    def _sums_to_errors(self) -> dict:
        target, option = self.sums_to, self.sums_to_option
        if target is None:
            return {"sums_to_option": SUMS_TO_OPTION_ALONE} if option else {}
        if self.breakdown_id is None:
            return {"sums_to": SUMS_TO_WITHOUT_BREAKDOWN}
        if self.pk is not None and target.pk == self.pk:
            return {"sums_to": NOT_ITSELF}
        if self.bureau_id and target.bureau_id != self.bureau_id:
            return {"sums_to": DEFINITION_OTHER_BUREAU.format(name=target.name)}
        if option is not None and option.breakdown_id != target.breakdown_id:
            return {
                "sums_to_option": SUMS_TO_OPTION_OTHER.format(
                    option=option.name, name=target.name
                )
            }
        return {}

    def is_reported_by(self, kind: str) -> bool:
        """Whether a unit of ``kind`` reports this figure."""
        return not self.unit_kind or self.unit_kind == kind
