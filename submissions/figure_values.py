"""The stated figures of a report (DESIGN 5.3): ``FigureValue`` (DHIS2: data
value), one definition's total or one option's part, and ``OptionNote``, a
report's note on one option of a breakdown that takes notes (附件1's 备注).
Both keep their history."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .definitions import BreakdownOption, FigureDefinition


class FigureValue(models.Model):
    """One stated figure of one report: a definition's total (``option`` empty)
    or one option's part. No row is a blank figure; a 0 is a row."""

    report = models.ForeignKey(
        "submissions.MonthlyReport",
        on_delete=models.CASCADE,
        related_name="figure_values",
    )
    definition = models.ForeignKey(
        FigureDefinition,
        on_delete=models.PROTECT,
        related_name="values",
        verbose_name="指标",
    )
    option = models.ForeignKey(
        BreakdownOption,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="values",
        verbose_name="分类选项",
    )
    value = models.DecimalField("数值", max_digits=20, decimal_places=2)
    to_date = models.BooleanField(
        "1至本月累计（填报）",
        default=False,
        help_text="填报的年初至本月累计总数，用于缺少往月数据时。",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["definition__order", "definition_id", "option__order", "option_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "definition", "to_date"],
                condition=Q(option__isnull=True),
                name="figurevalue_unique_total",
            ),
            # A stated year-to-date figure is a total, never an option's part.
            models.CheckConstraint(
                condition=Q(to_date=False) | Q(option__isnull=True),
                name="figurevalue_to_date_is_a_total",
            ),
            models.UniqueConstraint(
                fields=["report", "definition", "option"],
                condition=Q(option__isnull=False),
                name="figurevalue_unique_part",
            ),
        ]
        verbose_name = "指标数值"
        verbose_name_plural = "指标数值"

    def __str__(self):
        part = f"·{self.option}" if self.option_id else ""
        to_date = "（1至本月累计）" if self.to_date else ""
        return f"{self.report} {self.definition}{part}{to_date}"


class OptionNote(models.Model):
    """A report's note on one option of a breakdown with notes (附件1's 备注)."""

    report = models.ForeignKey(
        "submissions.MonthlyReport",
        on_delete=models.CASCADE,
        related_name="option_notes",
    )
    option = models.ForeignKey(
        BreakdownOption,
        on_delete=models.PROTECT,
        related_name="notes",
        verbose_name="分类选项",
    )
    text = models.CharField("备注", max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["option__order", "option_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "option"], name="optionnote_unique_option"
            )
        ]
        verbose_name = "选项备注"
        verbose_name_plural = "选项备注"

    def __str__(self):
        return f"{self.report} {self.option}"
