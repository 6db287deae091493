"""Demo data (DEMO DATA): 海西州's series and its June 2022 issue, composed from
its own approved report and trade totals and published through the real
workflow by its own editor and leader."""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from bulletins.models import Issue, Series
from bulletins.profiles.services import adopt_shipped
from bureaus.models import Bureau

HAIXI_SERIES = {
    "slug": "tongbao",
    "title": "海西州政务服务和公共资源交易工作情况通报",
    "publisher": "海西州政务服务监督管理局",
    "frequency": Series.Frequency.MONTHLY,
    "numbering": Series.Numbering.YEARLY,
}
# The 通报 prints no number; the demo numbers it as the year's sixth.
HAIXI_NUMBER = 6
HAIXI_PERIOD = datetime.date(2022, 6, 1)
HAIXI_PUBLICATION = datetime.date(2022, 7, 18)
HAIXI_PUBLISHED_AT = datetime.datetime(
    2022, 7, 18, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")
)


def load(stdout) -> None:
    """海西州's June 2022 issue, through the same workflow by its own staff."""
    from bulletins import services, signoff

    bureau = Bureau.objects.get(slug="haixi")
    series, _ = Series.objects.get_or_create(
        bureau=bureau, slug=HAIXI_SERIES["slug"], defaults=HAIXI_SERIES
    )
    # Its own profile: a 通报 with no masthead or number (DESIGN 5.5).
    adopt_shipped(series, "haixi-monthly")
    issue = Issue.objects.filter(series=series, period_start=HAIXI_PERIOD).first()
    if issue is not None and issue.is_published:
        stdout.write(f"海西州：{issue} 已发布，跳过。")
        return
    User = get_user_model()
    editor = User.objects.get(username="hx-editor")
    leader = User.objects.get(username="hx-leader")
    if issue is None:
        issue = services.issue_create(
            series=series,
            period_start=HAIXI_PERIOD,
            number=HAIXI_NUMBER,
            publication_date=HAIXI_PUBLICATION,
            user=editor,
        )
    if issue.status == Issue.Status.DRAFT:
        issue = signoff.issue_submit(issue=issue, user=editor)
    if issue.status == Issue.Status.AWAITING_SIGN_OFF:
        issue = signoff.issue_sign_off(issue=issue, user=leader)
    issue = signoff.issue_publish(issue=issue, user=editor, at=HAIXI_PUBLISHED_AT)
    issue.events.update(at=HAIXI_PUBLISHED_AT)
    Issue.objects.filter(pk=issue.pk).update(signed_off_at=HAIXI_PUBLISHED_AT)
    stdout.write(f"海西州：{issue} 已编排并发布。")
