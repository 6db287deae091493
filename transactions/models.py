"""Public-resource trades (DESIGN 3.5): categories, trade records, manual totals.

Amounts are exact yuan (``Decimal``, two places: 元 and 分); they are turned into
亿元 only when shown (``transactions.amounts``). A trade's category is always a
*leaf* of the two-level category tree: one of 工程建设's nine children, or a
top-level category that has no children (政府采购, 土地出让, 采矿权, 产权交易),
which is then its own leaf.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from bureaus.models import Bureau
from config.periods import month_end

# Up to 10^16 yuan with 分: far beyond any trade, and exact on every database.
AMOUNT_DIGITS = 18
AMOUNT_PLACES = 2

NOT_A_LEAF = "“{category}”下设子类别，请选择具体的子类别（如“{child}”）。"
NOT_FIRST_OF_MONTH = "月份须为当月1日（收到 {value}）。"
OTHER_BUREAU = "所选交易类别属于其他编发单位。"


class TradeCategoryQuerySet(models.QuerySet):
    def for_bureau(self, bureau):
        return self.filter(bureau=bureau)

    def leaves(self):
        """Categories a trade can belong to: those without children."""
        return self.filter(children__isnull=True)

    def top_level(self):
        return self.filter(parent__isnull=True)

    def in_tree_order(self) -> list["TradeCategory"]:
        """房屋建筑 … 其他 (工程建设's children), 政府采购 … 产权交易."""
        return sorted(self.select_related("parent"), key=TradeCategory.tree_key)


class TradeCategory(models.Model):
    """A node of the two-level trade category tree (data, not code)."""

    bureau = models.ForeignKey(
        Bureau,
        on_delete=models.PROTECT,
        related_name="trade_categories",
        verbose_name="编发单位",
    )
    code = models.SlugField("代码", max_length=40)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="上级类别",
    )
    label = models.CharField(
        "表格名称",
        max_length=40,
        help_text="附件表格中的名称，如“土地出让”。",
    )
    name = models.CharField(
        "文中名称",
        max_length=40,
        help_text="正文句子中的名称，如“土地使用权出让”。",
    )
    measure_word = models.CharField(
        "量词", max_length=2, help_text="正文中计数的量词：件、项、宗、个。"
    )
    order = models.PositiveIntegerField("显示顺序", default=0)
    # DESIGN 5.4: some categories are reported beside the total, not inside it
    # (政府集中采购), and some by count only (矿业权: no amount printed).
    in_total = models.BooleanField(
        "计入总数", default=True, help_text="不计入时，该类别在总数之外单独报告。"
    )
    amount_printed = models.BooleanField(
        "打印金额", default=True, help_text="不打印时，只报告项目数（如矿业权）。"
    )

    objects = TradeCategoryQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", field], name=f"tradecategory_unique_{field}"
            )
            for field in ("code", "label", "name")
        ]
        verbose_name = "交易类别"
        verbose_name_plural = "交易类别"

    def __str__(self):
        return self.label

    def tree_key(self) -> tuple:
        if self.parent_id:
            return (self.parent.order, self.parent_id, self.order, self.id)
        return (self.order, self.id, -1, 0)

    def clean(self):
        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": "交易类别最多两级。"})
        if (
            self.parent_id
            and self.bureau_id
            and self.parent.bureau_id != self.bureau_id
        ):
            raise ValidationError({"parent": OTHER_BUREAU})


def leaf_category_choices():
    return {"children__isnull": True}


class TradeQuerySet(models.QuerySet):
    def for_bureau(self, bureau):
        return self.filter(bureau=bureau)

    def for_month(self, month: datetime.date):
        return self.filter(date__gte=month, date__lte=month_end(month))

    def in_category(self, category: TradeCategory):
        """Trades of ``category`` or, for a parent category, of its children."""
        return self.filter(
            models.Q(category=category) | models.Q(category__parent=category)
        )


class Trade(models.Model):
    """One traded project from the trading platform (or entered by hand)."""

    bureau = models.ForeignKey(
        Bureau,
        on_delete=models.PROTECT,
        related_name="trades",
        verbose_name="编发单位",
    )
    code = models.CharField("项目编号", max_length=64)
    name = models.CharField("项目名称", max_length=300)
    category = models.ForeignKey(
        TradeCategory,
        on_delete=models.PROTECT,
        related_name="trades",
        limit_choices_to=leaf_category_choices,
        verbose_name="交易类型",
    )
    date = models.DateField("成交日期")
    amount = models.DecimalField(
        "成交金额（元）",
        max_digits=AMOUNT_DIGITS,
        decimal_places=AMOUNT_PLACES,
        validators=[MinValueValidator(0, message="成交金额不能为负数。")],
    )
    budget = models.DecimalField(
        "预算/最高限价（元）",
        max_digits=AMOUNT_DIGITS,
        decimal_places=AMOUNT_PLACES,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message="预算不能为负数。")],
        help_text="填写后计算节约资金 = 预算 − 成交金额。",
    )
    reserve_price = models.DecimalField(
        "底价（元）",
        max_digits=AMOUNT_DIGITS,
        decimal_places=AMOUNT_PLACES,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message="底价不能为负数。")],
        help_text="出让类交易填写后计算增价 = 成交金额 − 底价。",
    )
    venue = models.CharField(
        "交易场所", max_length=50, blank=True, help_text="如“市级中心”或某县中心。"
    )
    notes = models.TextField("备注", blank=True)

    history = HistoricalRecords()
    objects = TradeQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "code"]
        indexes = [models.Index(fields=["bureau", "date", "category"])]
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", "code"], name="trade_unique_code_per_bureau"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="trade_amount_not_negative"
            ),
        ]
        verbose_name = "交易项目"
        verbose_name_plural = "交易项目"

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("transactions:trade_update", args=[self.pk])

    def clean(self):
        if self.category_id:
            check_leaf(self.category, "category")
            check_same_bureau(self, "category")
        check_months_open(self, "date")


class MonthlyTradeTotalQuerySet(models.QuerySet):
    def for_bureau(self, bureau):
        return self.filter(bureau=bureau)

    def for_month(self, month: datetime.date):
        return self.filter(month=month)

    def between(self, start: datetime.date, end: datetime.date):
        return self.filter(month__gte=start, month__lte=end)


class MonthlyTradeTotal(models.Model):
    """A month's count and amount for a leaf category, entered as a total.

    For history known only as totals (the seed's attachment 2). Where one exists it
    takes precedence over the trade records of that month and category.
    """

    bureau = models.ForeignKey(
        Bureau,
        on_delete=models.PROTECT,
        related_name="monthly_trade_totals",
        verbose_name="编发单位",
    )
    month = models.DateField("月份", help_text="当月1日。")
    category = models.ForeignKey(
        TradeCategory,
        on_delete=models.PROTECT,
        related_name="monthly_totals",
        limit_choices_to=leaf_category_choices,
        verbose_name="交易类型",
    )
    count = models.PositiveIntegerField("交易项目数")
    amount = models.DecimalField(
        "交易金额（元）",
        max_digits=AMOUNT_DIGITS,
        decimal_places=AMOUNT_PLACES,
        validators=[MinValueValidator(0, message="交易金额不能为负数。")],
    )
    budget = models.DecimalField(
        "预算/最高限价（元）",
        max_digits=AMOUNT_DIGITS,
        decimal_places=AMOUNT_PLACES,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message="预算不能为负数。")],
        help_text="该月该类别的预算合计；节约资金 = 预算 − 交易金额。",
    )
    reserve_price = models.DecimalField(
        "底价（元）",
        max_digits=AMOUNT_DIGITS,
        decimal_places=AMOUNT_PLACES,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message="底价不能为负数。")],
        help_text="该月该类别的底价合计；增价 = 交易金额 − 底价。",
    )

    history = HistoricalRecords()
    objects = MonthlyTradeTotalQuerySet.as_manager()

    class Meta:
        ordering = ["month", "category__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", "month", "category"],
                name="monthly_trade_total_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0),
                name="monthly_trade_total_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(month__day=1),
                name="monthly_trade_total_first_of_month",
            ),
        ]
        verbose_name = "月度交易汇总（手工）"
        verbose_name_plural = "月度交易汇总（手工）"

    def __str__(self):
        return f"{self.month:%Y年%-m月} {self.category}"

    def clean(self):
        if self.month and self.month.day != 1:
            raise ValidationError(
                {"month": NOT_FIRST_OF_MONTH.format(value=self.month)}
            )
        if self.category_id:
            check_leaf(self.category, "category")
            check_same_bureau(self, "category")
        check_months_open(self, "month")


class TradeMonthReopening(models.Model):
    """The recorded, explicit reopen of a month whose trades a signed bulletin
    used (``transactions.locks``): of its bureau's month only."""

    bureau = models.ForeignKey(
        Bureau,
        on_delete=models.PROTECT,
        related_name="trade_month_reopenings",
        verbose_name="编发单位",
    )
    month = models.DateField("月份", help_text="当月1日。")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="操作人",
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    reason = models.TextField("原因")

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "交易数据重新打开记录"
        verbose_name_plural = "交易数据重新打开记录"

    def __str__(self):
        return f"{self.month:%Y年%-m月} {self.reason}"


def check_months_open(instance, field: str) -> None:
    """Refuse a change to a row of a locked month: the month it has now and,
    for a stored row, the month it had."""
    from transactions.locks import check_month_open

    months = {getattr(instance, field)}
    if instance.pk is not None:
        stored = (
            type(instance).objects.filter(pk=instance.pk).values_list(field, flat=True)
        )
        months.update(stored)
    for value in sorted(m for m in months if m):
        try:
            check_month_open(instance.bureau_id, value)
        except ValidationError as exc:
            raise ValidationError({field: exc.messages}) from None


def check_same_bureau(obj, field: str) -> None:
    related = getattr(obj, field)
    if obj.bureau_id and related.bureau_id != obj.bureau_id:
        raise ValidationError({field: OTHER_BUREAU})


def check_leaf(category: TradeCategory, field: str) -> None:
    child = category.children.order_by("order").first()
    if child is not None:
        raise ValidationError(
            {field: NOT_A_LEAF.format(category=category.label, child=child.label)}
        )
