"""Demo data: the series 海东政务服务动态 and its 第63期 (June 2021), published.

Runs after the submissions and transactions demos (``load_demo``), composes the
issue from their approved June 2021 figures and takes it through the real
workflow: submitted by the editor, signed off by the leader, published. Running
it again changes nothing.
"""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from bulletins.models import Issue, Series
from bulletins.profiles.services import adopt_shipped
from bureaus.models import Bureau

SERIES = {
    "slug": "dongtai",
    "title": "海东政务服务动态",
    "publisher": "海东市政务服务监督管理局",
    "frequency": Series.Frequency.MONTHLY,
    "numbering": Series.Numbering.CONTINUOUS,
}
NUMBER = 63
PERIOD_START = datetime.date(2021, 6, 1)
PUBLICATION_DATE = datetime.date(2021, 7, 6)
# When the bureau put it online: the morning of the publication date.
PUBLISHED_AT = datetime.datetime(2021, 7, 6, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


# 海东's second series: quarterly, numbered afresh each year (no issue yet), with
# its own profile (版式): a 专报 of the whole city, amounts in 万元.
QUARTERLY = {
    "slug": "zhuanbao",
    "title": "海东政务服务专报",
    "subtitle": "季度专报",
    "publisher": "海东市政务服务监督管理局",
    "frequency": Series.Frequency.QUARTERLY,
    "numbering": Series.Numbering.YEARLY,
}


def load(stdout) -> None:
    bureau = Bureau.objects.get(slug="haidong")
    series, _ = Series.objects.get_or_create(
        bureau=bureau, slug=SERIES["slug"], defaults=SERIES
    )
    quarterly, _ = Series.objects.get_or_create(
        bureau=bureau, slug=QUARTERLY["slug"], defaults=QUARTERLY
    )
    adopt_shipped(quarterly, "haidong-quarterly")
    issue = Issue.objects.filter(series=series, period_start=PERIOD_START).first()
    if issue is not None and issue.is_published:
        stdout.write(f"政务服务动态：{issue} 已发布，跳过。")
        return
    from bulletins import services, signoff

    User = get_user_model()
    editor = User.objects.get(username="editor")
    leader = User.objects.get(username="leader")
    if issue is None:
        issue = services.issue_create(
            series=series,
            period_start=PERIOD_START,
            number=NUMBER,
            publication_date=PUBLICATION_DATE,
            user=editor,
        )
    if issue.status == Issue.Status.DRAFT:
        issue = signoff.issue_submit(issue=issue, user=editor)
    if issue.status == Issue.Status.AWAITING_SIGN_OFF:
        issue = signoff.issue_sign_off(issue=issue, user=leader)
    # Dated as the real issue was, not as of today.
    issue = signoff.issue_publish(issue=issue, user=editor, at=PUBLISHED_AT)
    issue.events.update(at=PUBLISHED_AT)
    Issue.objects.filter(pk=issue.pk).update(signed_off_at=PUBLISHED_AT)
    stdout.write(f"政务服务动态：{issue} 已编排并发布。")
