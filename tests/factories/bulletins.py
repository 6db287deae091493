import datetime

import factory

from bulletins.composition import compose_document
from bulletins.document import Document, Masthead, Paragraph, Section
from bulletins.models import Issue, Series
from bulletins.periods import Period
from bulletins.services import plain_text

from .bureaus import default_bureau

__all__ = [
    "SeriesFactory",
    "compose_june",
    "IssueFactory",
    "PublishedIssueFactory",
    "issue_url",
    "sample_document",
]


def compose_june(profile=None) -> Document:
    """The default bureau's June 2021 issue, as 海东's 第1期 (``profile``: the
    shipped one when None)."""
    return compose_document(
        bureau=default_bureau(),
        series_title="海东政务服务动态",
        publisher="海东市政务服务监督管理局",
        issue_label="第1期",
        publication_date=datetime.date(2021, 7, 6),
        period=Period.month(2021, 6),
        profile=profile,
    )


def sample_document(label="第63期", *, extra="", figures=None) -> Document:
    """A small bulletin document, built by hand (no composition needed)."""
    return Document(
        masthead=Masthead(
            title="海东政务服务动态",
            issue_label=label,
            publisher="海东市政务服务监督管理局",
            date_text="2021年7月6日",
        ),
        title="6月份政务服务和公共资源工作情况",
        issuer="市政务服务监督管理局",
        sections=[
            Section(
                number="一、",
                title="市级政务服务大厅及公共资源交易工作开展情况",
                key="hall",
                blocks=[
                    Section(
                        number="（一）",
                        title="办理情况",
                        level=2,
                        key="hall.handling",
                        blocks=[
                            Paragraph(
                                text="6月份，窗口受理行政许可事项、公共服务事项共计"
                                f"10503件。{extra}",
                                key="hall.cases",
                                lead="1.办件情况。",
                            )
                        ],
                    ),
                    Section(
                        number="（二）",
                        title="主要工作",
                        level=2,
                        key="hall.work",
                        blocks=[
                            Paragraph(
                                text="加快推进政务服务向基层延伸，建设线上线下"
                                "五级联动政务服务体系。",
                                key="workitem.1",
                                lead="1.积极推动政务服务五级联动建设。",
                            )
                        ],
                    ),
                ],
            )
        ],
        figures=figures if figures is not None else {"hall": {"accepted": 10503}},
    )


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series
        django_get_or_create = ("bureau", "title")

    bureau = factory.LazyFunction(default_bureau)
    title = "海东政务服务动态"
    slug = "dongtai"
    publisher = "海东市政务服务监督管理局"


class IssueFactory(factory.django.DjangoModelFactory):
    """A draft issue; ``number`` and the month count up from 第63期 June 2021."""

    class Meta:
        model = Issue
        skip_postgeneration_save = True

    series = factory.SubFactory(SeriesFactory)
    number = factory.Sequence(lambda n: 63 + n)
    # Months from June 2021 on, wrapping after fifty years so that a long test
    # session stays within the years a Period accepts.
    period_start = factory.Sequence(
        lambda n: datetime.date(2021 + (5 + n) // 12 % 50, (5 + n) % 12 + 1, 1)
    )
    frequency = Series.Frequency.MONTHLY
    publication_date = factory.LazyAttribute(
        lambda o: (o.period_start + datetime.timedelta(days=35)).replace(day=6)
    )


class PublishedIssueFactory(IssueFactory):
    """A published issue with a hand-built snapshot (no PDF, no services)."""

    status = Issue.Status.PUBLISHED
    revision = 1
    published_at = factory.LazyFunction(
        lambda: datetime.datetime(2021, 7, 6, 1, 0, tzinfo=datetime.UTC)
    )
    revised_at = factory.SelfAttribute("published_at")
    snapshot = factory.LazyAttribute(
        lambda o: sample_document(f"第{o.number}期").to_dict()
    )
    search_text = factory.LazyAttribute(
        lambda o: plain_text(Document.from_dict(o.snapshot))
    )

    @factory.post_generation
    def revisions(self, create, extracted, **kwargs):
        if create:
            self.revisions.create(
                number=1, snapshot=self.snapshot, published_at=self.published_at
            )


def issue_url(number: int, child: str = "") -> str:
    """The canonical address of the issue numbered ``number`` (the first
    series' when several have it), plus ``child`` (``pdf/``, ``data.csv`` …)."""
    issue = (
        Issue.objects.filter(number=number)
        .select_related("series__bureau")
        .order_by("series_id", "publication_date")
        .first()
    )
    return issue.get_absolute_url() + child
