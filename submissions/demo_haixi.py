"""Demo data of the second bureau, 海西州 (DEMO DATA): its centre, staff and
June 2022 report, from ../shared/seed/haixi-tongbao-2022-06.md.

Four levels of cases: the whole prefecture (全州, a region unit whose totals
the bureau states), the 州级政务服务中心 beneath it, and within the centre's
report the windows and the unified platform (options of the 受理渠道
breakdown). Its ratings are two levels with the stated total; the five
departments with the most platform cases are a ranking of the 进驻单位
breakdown. All of it is data (figure definitions, DESIGN 5.3): no code was
written for this bureau. The reports go through the real workflow: submitted,
then approved by the editor. Running it again changes nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from bureaus.models import Bureau, StaffMembership

from . import roles
from .demo import _TZ, DEMO_PASSWORD, _explain_warnings, _report, _upsert, _work_items
from .models import (
    Breakdown,
    BreakdownOption,
    Centre,
    FigureDefinition,
    FigureValue,
    Membership,
    MonthlyReport,
    ReportTransition,
)

JUNE_2022 = datetime.date(2022, 6, 1)
# The workflow stamps today: the steps get June 2022's reporting dates instead
# (delivered before the 5 July deadline; the 通报 is dated 18 July).
SUBMITTED_AT = datetime.datetime(2022, 7, 4, 9, 0, tzinfo=_TZ)
APPROVED_AT = datetime.datetime(2022, 7, 5, 10, 0, tzinfo=_TZ)
# The seed's inconsistencies (6388 ≠ 7173 …) are entered as printed, explained.
EXPLANATION = "按原报送数据录入（2022年6月通报原文如此）。"
REGION = {
    "name": "海西州（全州）",
    "short_name": "全州",
    "kind": Centre.Kind.REGION,
    "order": 0,
}
CENTRE = {
    "name": "海西州政务服务中心",
    "short_name": "州级中心",
    # Not a 市级大厅: that kind requires the 附件1 department table, which
    # 海西州 does not print.
    "kind": Centre.Kind.COUNTY,
    "order": 1,
}
REGION_FIGURES = {"totals": {"accepted_total": 78596, "completed_total": 78531}}
BREAKDOWNS = {
    "受理渠道": ["窗口受理", "统一平台受理"],
    "进驻单位": [
        "州住房公积金管理中心",
        "州人力资源和社会保障局",
        "州医疗保障局",
        "州市场监督管理局",
        "州公安局",
    ],
}
# code → (name, breakdown, has a total, parts rule, top N, order)
DEFINITIONS = {
    "channel_accepted": ("分渠道受理", "受理渠道", True, "sum", None, 10),
    "channel_completed": ("分渠道办结", "受理渠道", True, "sum", None, 20),
    "platform_by_department": ("统一平台办件", "进驻单位", False, "none", 5, 30),
}
# code → {option name or None (the total): value}
DEFINED_VALUES = {
    "channel_accepted": {None: 7173, "窗口受理": 2920, "统一平台受理": 3468},
    "channel_completed": {None: 7136, "窗口受理": 2883, "统一平台受理": 3289},
    "platform_by_department": {
        "州住房公积金管理中心": 1022,
        "州人力资源和社会保障局": 738,
        "州医疗保障局": 608,
        "州市场监督管理局": 520,
        "州公安局": 311,
    },
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
    # 好差评: the city pack's rating definition of the online channel.
    "defined": {
        ("rating_online", None): 9576,
        ("rating_online", "非常满意"): 9471,
        ("rating_online", "满意"): 105,
    },
}
WORK_ITEMS = [
    (1, "优化营商环境工作推进情况", "（演示数据）推进政务服务事项“一网通办”。"),
    (2, "公共资源交易工作情况", "（演示数据）全流程电子化交易。"),
]


def haixi() -> Bureau:
    return Bureau.objects.get(slug="haixi")


def load_centre() -> Centre:
    region, _ = Centre.objects.update_or_create(
        bureau=haixi(), name=REGION["name"], defaults=REGION
    )
    centre, _ = Centre.objects.update_or_create(
        bureau=haixi(), name=CENTRE["name"], defaults={**CENTRE, "parent": region}
    )
    return centre


def load_definitions(bureau: Bureau) -> dict[str, FigureDefinition]:
    """海西州's breakdowns and figure definitions: rows, not code."""
    breakdowns = {}
    for name, options in BREAKDOWNS.items():
        breakdowns[name] = _upsert(Breakdown, {"bureau": bureau, "name": name}, {})
        for order, option in enumerate(options, start=1):
            _upsert(
                BreakdownOption,
                {"breakdown": breakdowns[name], "name": option},
                {"order": order},
            )
    return {
        code: _upsert(
            FigureDefinition,
            {"bureau": bureau, "code": code},
            {
                "name": name,
                "breakdown": breakdowns[breakdown],
                "has_total": has_total,
                "parts_rule": rule,
                "rank_top": top,
                "order": order,
            },
        )
        for code, (name, breakdown, has_total, rule, top, order) in DEFINITIONS.items()
    }


def _defined_values(report, definitions: dict[str, FigureDefinition]) -> None:
    for code, values in DEFINED_VALUES.items():
        definition = definitions[code]
        options = {o.name: o for o in definition.breakdown.options.all()}
        for option, value in values.items():
            _upsert(
                FigureValue,
                {
                    "report": report,
                    "definition": definition,
                    "option": options[option] if option else None,
                },
                {"value": value},
            )


def _deliver(report, clerk, editor) -> MonthlyReport:
    """Submit (warnings explained) and approve, as the workflow does."""
    if report.is_editable:
        _explain_warnings(report, EXPLANATION)
        report.refresh_from_db()
        report.submit(clerk)
    if report.status == MonthlyReport.Status.SUBMITTED:
        report.approve(editor)
        _date_back(report)
    return report


def _date_back(report) -> None:
    """The report's submit and approve steps at June 2022's dates."""
    MonthlyReport.objects.filter(pk=report.pk).update(
        submitted_at=SUBMITTED_AT,
        first_submitted_at=SUBMITTED_AT,
        approved_at=APPROVED_AT,
    )
    steps = {MonthlyReport.Status.SUBMITTED: SUBMITTED_AT}
    steps[MonthlyReport.Status.APPROVED] = APPROVED_AT
    for status, at in steps.items():
        ReportTransition.objects.filter(report=report, to_status=status).update(at=at)
    report.refresh_from_db()


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
    definitions = load_definitions(centre.bureau)
    report = MonthlyReport.objects.filter(centre=centre, month=JUNE_2022).first()
    if report is None or report.is_editable:
        report = _report(centre, JUNE_2022, FIGURES)
        _defined_values(report, definitions)
        _work_items(report, WORK_ITEMS)
    report = _deliver(report, users["hx-clerk"], users["hx-editor"])
    region = centre.parent
    region_report = MonthlyReport.objects.filter(centre=region, month=JUNE_2022).first()
    if region_report is None or region_report.is_editable:
        region_report = _report(region, JUNE_2022, REGION_FIGURES)
    # The bureau states the prefecture's totals: its editor enters them.
    _deliver(region_report, users["hx-editor"], users["hx-editor"])
    _upsert(Centre, {"pk": centre.pk}, {"is_active": True})
    stdout.write(
        "演示编发单位海西州：2个报送单位（全州、州级中心），"
        "账户 hx-editor、hx-leader、hx-admin、"
        f"hx-clerk（演示密码同上），2022年6月月报{report.get_status_display()}。"
    )
