"""Smaller things the everyday use found (issue 16, finding 11): a read-only
report shows no delete boxes or move buttons; the review screen shows the
ratings by level and the hotline's 承办单 in plain sight."""

import re

import pytest
from django.urls import reverse

from submissions.models import MonthlyReport
from tests.factories import (
    MonthlyReportFactory,
    WorkItemFactory,
    hotline_values,
    rating_values,
)

S = MonthlyReport.Status


@pytest.mark.parametrize(
    ("status", "tools"), [(S.DRAFT, True), (S.SUBMITTED, False), (S.APPROVED, False)]
)
def test_work_item_tools_only_while_editable(login, clerk, centre, status, tools):
    report = MonthlyReportFactory(centre=centre, status=status)
    WorkItemFactory(report=report, title="推行延时服务")
    html = login(clerk).get(report.get_absolute_url()).content.decode()
    assert "推行延时服务" in html
    assert ("data-move" in html) is tools
    assert ('name="items-0-DELETE"' in html) is tools


def test_review_shows_ratings_by_level_and_the_hotline_orders(login, editor, centre):
    report = MonthlyReportFactory(centre=centre, status=S.SUBMITTED)
    rating_values(
        report,
        "纸质评价",
        total=1000,
        very_satisfied=871,
        satisfied=102,
        basically_satisfied=21,
        dissatisfied=5,
        very_dissatisfied=1,
    )
    hotline_values(report, received=3120, assigned=2876, redone=17)
    html = (
        login(editor)
        .get(reverse("submissions:report_review", args=[report.pk]))
        .content.decode()
    )
    # The channels are a grid by 评价等级 (tests/submissions/test_rating_grid.py).
    grid = html[html.index('aria-label="按评价等级"') :]
    grid = grid[: grid.index("</table>")]
    ratings = re.findall(r"<tr><td>([^<]*)</td><td[^>]*>(\d+)<", grid)
    assert ratings == [
        ("总数", "1000"),
        ("非常满意", "871"),
        ("满意", "102"),
        ("基本满意", "21"),
        ("不满意", "5"),
        ("非常不满意", "1"),
    ]
    defined = html[html.index('id="defined-title"') :]
    hotline = defined
    hotline = hotline[: hotline.index("</table>")]
    assert re.search(r"12345热线工单</td><td>承办单</td><td[^>]*>2876<", hotline)
    assert re.search(r"12345热线工单</td><td>重新办理单</td><td[^>]*>17<", hotline)
