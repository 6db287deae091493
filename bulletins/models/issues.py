"""Series and issues of the bulletin (DESIGN 3.6).

An issue moves draft → awaiting sign-off → signed off → published; a leader may
return it to draft with a comment. Only ``Issue``'s methods write ``status`` and
``correction`` (``steps.IssueSteps``); freezing what the leader signs and
publishing exactly that is ``bulletins.signoff``. A published issue is frozen:
its snapshot is the document tree as JSON, and every public page and the PDF
render from it, never from live data. A correction (更正) goes through sign-off
too and publishes a new ``IssueRevision``; earlier ones stay reachable.
"""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse

from bulletins.models.profiles import Profile
from bulletins.models.series import Series
from bulletins.models.steps import IssueSteps


class IssueQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Issue.Status.PUBLISHED)

    def for_series(self, series):
        return self.filter(series=series)

    def for_bureau(self, bureau):
        return self.filter(series__bureau=bureau)

    def at_address(self, bureau_slug, series_slug, year, number):
        """The issue a canonical address names (see ``Issue.address``); none for
        a year no date can have (the URL takes any integer)."""
        if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
            return self.none()
        return self.filter(
            series__bureau__slug=bureau_slug,
            series__slug=series_slug,
            publication_date__year=year,
            number=number,
        )

    def awaiting_sign_off(self):
        return self.filter(status=Issue.Status.AWAITING_SIGN_OFF)

    def signed(self):
        """Signed off and not yet published: their content is frozen."""
        return self.filter(status=Issue.Status.SIGNED_OFF)


class Issue(IssueSteps, models.Model):
    """One numbered issue (第63期) of a series, for one reporting period."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        AWAITING_SIGN_OFF = "awaiting", "待签发"
        SIGNED_OFF = "signed_off", "已签发"
        PUBLISHED = "published", "已发布"

    class Correction(models.TextChoices):
        """A published issue's pending correction (更正) goes through sign-off
        too; ``status`` stays published meanwhile, so the public page is
        unchanged until the signed correction is published."""

        NONE = "", "无"
        AWAITING_SIGN_OFF = "awaiting", "更正待签发"
        SIGNED_OFF = "signed_off", "更正已签发"

    series = models.ForeignKey(
        Series, on_delete=models.PROTECT, related_name="issues", verbose_name="刊物"
    )
    number = models.PositiveIntegerField("期号")
    # Numbers are unique per series and, when numbering restarts, per year.
    numbering_year = models.PositiveSmallIntegerField("编号年度", default=0)
    period_start = models.DateField(
        "报告期起始", help_text="月刊为当月1日，季刊为季度首月1日。"
    )
    frequency = models.CharField(
        "刊期", max_length=10, choices=Series.Frequency.choices
    )
    publication_date = models.DateField("印发日期")
    status = models.CharField(
        "状态", max_length=12, choices=Status.choices, default=Status.DRAFT
    )

    # The editor's changes to the composed draft (DESIGN 3.6 "Editing").
    # {paragraph key: {"text": override, "generated": machine text when overridden}}
    overrides = models.JSONField("段落改写", default=dict, blank=True)
    # {section key: [paragraph keys of its work items, in the editor's order]}
    item_order = models.JSONField("工作条目顺序", default=dict, blank=True)
    omitted_items = models.JSONField("省略的工作条目", default=list, blank=True)
    editor_note = models.TextField("编者按", blank=True)

    # 政府信息公开 metadata.
    index_number = models.CharField("索引号", max_length=80, blank=True)
    issuing_org = models.CharField("发布机构", max_length=100, blank=True)
    written_date = models.DateField("成文日期", null=True, blank=True)

    # The frozen result, set when published (and replaced by a correction).
    snapshot = models.JSONField("快照", null=True, blank=True, editable=False)
    search_text = models.TextField("全文", blank=True, editable=False)
    pdf = models.FileField("PDF", upload_to="bulletins/", blank=True)
    pdf_sha256 = models.CharField("PDF SHA-256", max_length=64, blank=True)
    revision = models.PositiveIntegerField("修订版次", default=0)
    report_ids = models.JSONField("所用月报", default=list, blank=True)
    profile = models.ForeignKey(
        Profile,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issues",
        verbose_name="版式版本",
        help_text="发布时所用的版式版本；发布后保持不变。",
    )

    # What the leader signed (DESIGN 3.6 签发): the document as shown, its hash
    # and the PDF built from it. Publishing publishes exactly these.
    signed_snapshot = models.JSONField(
        "签发稿快照", null=True, blank=True, editable=False
    )
    signed_sha256 = models.CharField("签发稿快照 SHA-256", max_length=64, blank=True)
    signed_pdf = models.FileField("签发稿PDF", upload_to="bulletins/", blank=True)
    signed_pdf_sha256 = models.CharField("签发稿PDF SHA-256", max_length=64, blank=True)
    # What a refused publication found changed since sign-off, for the leader:
    # [{"where", "before", "after"}]; cleared by the next sign-off.
    changes_since_sign_off = models.JSONField(
        "签发后的变化", default=list, blank=True, editable=False
    )
    correction = models.CharField(
        "更正状态",
        max_length=12,
        choices=Correction.choices,
        default=Correction.NONE,
        blank=True,
    )
    correction_note = models.TextField("更正说明", blank=True)
    correction_recompose = models.BooleanField("按当前数据重新编排", default=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="创建人",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("最后修改", auto_now=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="签发人",
    )
    signed_off_at = models.DateTimeField("签发时间", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="发布人",
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    # When the current revision was published (the first publication or the
    # latest correction): the public page's Last-Modified.
    revised_at = models.DateTimeField("本版发布时间", null=True, blank=True)

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "numbering_year", "number"],
                name="issue_unique_number_in_series",
            ),
            models.UniqueConstraint(
                fields=["series", "period_start"],
                name="issue_unique_period_in_series",
            ),
        ]
        permissions = [
            ("compose_issue", "可编排期刊"),
            ("signoff_issue", "可签发期刊"),
            ("publish_issue", "可发布期刊"),
        ]
        verbose_name = "期刊"
        verbose_name_plural = "期刊"

    def __str__(self):
        return f"{self.series.title} {self.label}"

    def save(self, *args, **kwargs):
        self.numbering_year = self.series.numbering_year(self.publication_date)
        if not self.frequency:
            self.frequency = self.series.frequency
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("bulletins:issue", args=self.address)

    @property
    def address(self) -> tuple:
        """(bureau slug, series slug, year, number): the canonical address.

        The year is the publication year: numbers are unique per series, or per
        series and year where numbering restarts each year, so the four never
        name two issues. Reads ``series.bureau``; select it with the issue.
        """
        series = self.series
        return (
            series.bureau.slug,
            series.slug,
            self.publication_date.year,
            self.number,
        )

    @property
    def pdf_url(self) -> str:
        return reverse("bulletins:issue_pdf", args=self.address)

    def data_url(self, fmt: str) -> str:
        return reverse("bulletins:issue_data", args=[*self.address, fmt])

    @property
    def csv_url(self) -> str:
        return self.data_url("csv")

    @property
    def xlsx_url(self) -> str:
        return self.data_url("xlsx")

    @property
    def json_url(self) -> str:
        return self.data_url("json")

    @property
    def label(self) -> str:
        """第63期; for a series whose profile prints no number (a 通报), the
        period: 2022年6月份. Reads ``series``; select it with the issue."""
        if self.series.prints_number:
            return f"第{self.number}期"
        return f"{self.period_start.year}年{self.period().label}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_editable(self) -> bool:
        """Overrides and order change only in draft, or on a published issue as
        the pending content of a correction not yet sent for sign-off."""
        if self.status == self.Status.PUBLISHED:
            return self.correction == self.Correction.NONE
        return self.status == self.Status.DRAFT

    @property
    def period_label(self) -> str:
        """``2021年6月``, ``2021年第三季度``."""
        return self.period().long_label

    def period(self):
        """The reporting period as ``bulletins.periods.Period``."""
        from bulletins import periods

        return periods.period_for(self.period_start, self.frequency)
