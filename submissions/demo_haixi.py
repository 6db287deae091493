"""Demo data of the second bureau, 海西州 (DEMO DATA): its centre, staff and
June 2022 report, from ../shared/seed/haixi-tongbao-2022-06.md.

Today's figure model holds a centre's figures: the 州级政务服务中心's cases
(7173 accepted, 7136 completed) and its ratings (9576: 非常满意 9471, 满意 105).
The whole prefecture's totals (全州), the window/platform split and the
department ranking wait for the unit tree and figure definitions (DESIGN 5.2,
5.3). The report goes through the real workflow: the clerk submits, the editor
approves. Running it again changes nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from bureaus.models import Bureau, StaffMembership

from . import roles
from .demo import DEMO_PASSWORD, _explain_warnings, _report, _upsert, _work_items
from .models import Centre, Membership, MonthlyReport

JUNE_2022 = datetime.date(2022, 6, 1)
CENTRE = {
    "name": "海西州政务服务中心",
    "short_name": "州级中心",
    # Not a 市级大厅: today that kind requires the 附件1 department table,
    # which 海西州 does not print (its ranking waits for DESIGN 5.3).
    "kind": Centre.Kind.COUNTY,
    "order": 0,
}
# (username, full name, role, staff?)
USERS = [
    ("hx-editor", "海西州编辑（演示）", roles.EDITOR, False),
    ("hx-leader", "海西州签发人（演示）", roles.LEADER, False),
    ("hx-admin", "海西州单位管理员（演示）", roles.ADMIN, True),
    ("hx-clerk", "海西州政务服务中心填报员（演示）", roles.CLERK, False),
]
FIGURES = {
    "totals": {"accepted_total": 7173, "completed_total": 7136, "working_days": 21},
    "ratings": {
        "网上评价": {"total": 9576, "very_satisfied": 9471, "satisfied": 105},
    },
}
WORK_ITEMS = [
    (1, "优化营商环境工作推进情况", "（演示数据）推进政务服务事项“一网通办”。"),
    (2, "公共资源交易工作情况", "（演示数据）全流程电子化交易。"),
]


def haixi() -> Bureau:
    return Bureau.objects.get(slug="haixi")


def load_centre() -> Centre:
    centre, _ = Centre.objects.update_or_create(
        bureau=haixi(), name=CENTRE["name"], defaults=CENTRE
    )
    return centre


def load_users(centre: Centre) -> dict:
    User = get_user_model()
    users = {}
    for username, full_name, role, is_staff in USERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": full_name, "is_staff": is_staff}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=role))
        StaffMembership.objects.update_or_create(
            user=user, defaults={"bureau": centre.bureau}
        )
        users[username] = User.objects.get(pk=user.pk)  # fresh permission cache
    Membership.objects.update_or_create(
        user=users["hx-clerk"], defaults={"centre": centre}
    )
    return users


def load(stdout) -> None:
    centre = load_centre()
    users = load_users(centre)
    report = MonthlyReport.objects.filter(centre=centre, month=JUNE_2022).first()
    if report is None or report.is_editable:
        report = _report(centre, JUNE_2022, FIGURES)
        _work_items(report, WORK_ITEMS)
        _explain_warnings(report)
        report.refresh_from_db()
        report.submit(users["hx-clerk"])
    if report.status == MonthlyReport.Status.SUBMITTED:
        report.approve(users["hx-editor"])
    _upsert(Centre, {"pk": centre.pk}, {"is_active": True})
    stdout.write(
        "演示编发单位海西州：1个报送单位，账户 hx-editor、hx-leader、hx-admin、"
        f"hx-clerk（演示密码同上），2022年6月月报{report.get_status_display()}。"
    )
