"""Demo data: the seed bulletin's organisation, people and June 2021 figures.

Source: ../shared/seed/haidong-bulletin-063-2021-06.txt (海东政务服务动态 第63期).
Figures are entered exactly as printed, including the parts that do not add up
(validation flags them as warnings, each with an explanation); a figure the seed
does not print is left blank. See docs/validation.md, "Demo data".
Everything is created or updated only where it differs, so that running
``load_demo`` twice changes nothing (not even the history tables).
"""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from bureaus.models import Bureau, StaffMembership

from . import roles
from .models import (
    Breakdown,
    BreakdownOption,
    CaseCategory,
    CaseCount,
    Centre,
    FigureDefinition,
    FigureValue,
    FindingExplanation,
    Membership,
    MonthlyReport,
    ReportTransition,
    WorkItem,
)

DEMO_PASSWORD = "Haidong#2021"

HALL = "海东市行政服务和公共资源交易中心"

# (name, short name, kind, order, clerk username)
CENTRES = [
    (HALL, "市级大厅", Centre.Kind.HALL, 0, "shiji"),
    ("平安区政务服务中心", "平安区", Centre.Kind.DISTRICT, 10, "pingan"),
    ("乐都区政务服务中心", "乐都区", Centre.Kind.DISTRICT, 20, "ledu"),
    ("互助县政务服务中心", "互助县", Centre.Kind.COUNTY, 30, "huzhu"),
    ("循化县政务服务中心", "循化县", Centre.Kind.COUNTY, 40, "xunhua"),
    ("民和县政务服务监督管理局", "民和县", Centre.Kind.COUNTY, 50, "minhe"),
    # The seed's heading for 化隆县 is missing; its work items name it.
    ("化隆县政务服务中心", "化隆县", Centre.Kind.COUNTY, 60, "hualong"),
]

# The 19 window units of the seed's attachment 1, in its order: the options
# of the breakdown 窗口单位.
WINDOW_UNITS = "窗口单位"
DEPARTMENTS = [
    "市公安局",
    "市社保局",
    "市烟草局",
    "市公积金中心",
    "市市场监管局",
    "市发展改革委",
    "市生态环境局",
    "市司法局",
    "市住建局",
    "区税务局",
    "区公安局",
    "海东不动产交易登记",
    "卫生健康委",
    "民政局",
    "商务局",
    "林草局",
    "水务局",
    "工信局",
    "地震局",
]

# (username, full name, role, staff?, superuser?)
STAFF_USERS = [
    ("admin", "系统管理员（演示）", roles.ADMIN, True, True),
    ("editor", "编辑（演示）", roles.EDITOR, False, False),
    ("leader", "签发人（演示）", roles.LEADER, False, False),
]


def haidong() -> Bureau:
    return Bureau.objects.get(slug="haidong")


def load_organisation() -> dict[str, Centre]:
    centres = {}
    for name, short_name, kind, order, _ in CENTRES:
        centre, _ = Centre.objects.update_or_create(
            bureau=haidong(),
            name=name,
            defaults={"short_name": short_name, "kind": kind, "order": order},
        )
        centres[short_name] = centre
    # The window units are the options of 窗口单位, the breakdown of the hall's
    # table (the city pack's definitions).
    breakdown, _ = Breakdown.objects.get_or_create(
        bureau=haidong(), name=WINDOW_UNITS, defaults={"has_note": True}
    )
    for order, name in enumerate(DEPARTMENTS, start=1):
        BreakdownOption.objects.update_or_create(
            breakdown=breakdown, name=name, defaults={"order": order * 10}
        )
    return centres


def load_users(centres: dict[str, Centre]) -> list[str]:
    """Create the demo accounts; returns the usernames created this time."""
    User = get_user_model()
    created_names = []

    bureau = haidong()

    def ensure(username, full_name, role, is_staff=False, is_superuser=False, email=""):
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": full_name,
                "is_staff": is_staff,
                "is_superuser": is_superuser,
                "email": email,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            created_names.append(username)
        user.groups.add(Group.objects.get(name=role))
        StaffMembership.objects.update_or_create(user=user, defaults={"bureau": bureau})
        return user

    for username, full_name, role, is_staff, is_superuser in STAFF_USERS:
        ensure(username, full_name, role, is_staff, is_superuser)
    for _name, short_name, _, _, username in CENTRES:
        # Reserved example addresses (RFC 2606): reminders reach no one real.
        user = ensure(
            username,
            f"{short_name}填报员（演示）",
            roles.CLERK,
            email=f"{username}@example.org",
        )
        Membership.objects.update_or_create(
            user=user, defaults={"centre": centres[short_name]}
        )
    return created_names


JUNE = datetime.date(2021, 6, 1)
MAY = datetime.date(2021, 5, 1)
LICENSING = "行政许可事项"
SERVICE = "公共服务事项"
CONVENIENCE = "便民服务事项"

# June 2021 as printed in 第63期, per centre (short name). Keys of "totals" are
# MonthlyReport fields; "categories" maps a category to (accepted, completed);
# None is a figure the seed does not print.
JUNE_FIGURES = {
    "市级大厅": {
        # "窗口受理行政许可事项、公共服务事项共计10503件": an accepted total only.
        "totals": {"accepted_total": 10503},
        "categories": {LICENSING: (2476, 2476), SERVICE: (8027, 8027)},
    },
    "平安区": {
        "totals": {
            "accepted_total": 29447,
            "completed_total": 29447,
            "working_days": 29,
        },
        "categories": {LICENSING: (1973, 1973), SERVICE: (20157, 20157)},
    },
    "乐都区": {
        "totals": {"accepted_total": 13358, "completed_total": 13358},
        "categories": {LICENSING: (972, 972), SERVICE: (10521, 10521)},
        # The seed says only "共收到评价13358条", one per case handled: the online
        # 好差评 system rates every case, so the channel is taken as 网上评价 (the
        # city pack's rating definitions: the channel's total and its levels).
        "defined": {
            ("rating_online", None): 13358,
            ("rating_online", "非常满意"): 1202,
            ("rating_online", "满意"): 11622,
            ("rating_online", "基本满意"): 534,
        },
    },
    "互助县": {
        "totals": {
            "accepted_total": 35283,
            "completed_total": 35241,
            "in_progress_total": 42,
        },
        # 行政许可 "办结率100%" gives 489 completed; 公共服务 is printed only as
        # "办结率96%", which fits any count from 29751 to 30217: left blank.
        "categories": {LICENSING: (489, 489), SERVICE: (31152, None)},
        # The 12345 hotline, as 海东's figure definitions (the city starter
        # pack): (definition code, option name or None for the total) → value.
        "defined": {
            ("hotline_received", None): 268,
            ("hotline_received", "求助类"): 185,
            ("hotline_received", "咨询类"): 5,
            ("hotline_received", "投诉类"): 75,
            ("hotline_received", "建议类"): 1,
            ("hotline_orders", "承办单"): 243,
            ("hotline_orders", "重新办理单"): 23,
            ("hotline_completed", None): 218,
            ("hotline_channel_received", "市政府门户网站“市长信箱”"): 1,
            ("hotline_channel_received", "市政府门户网站“网民留言”"): 0,
            ("hotline_channel_received", "青海省“12345”政务服务热线"): 44,
            ("hotline_channel_completed", "市政府门户网站“市长信箱”"): 0,
            ("hotline_channel_completed", "市政府门户网站“网民留言”"): 0,
            ("hotline_channel_completed", "青海省“12345”政务服务热线"): 37,
        },
    },
    "循化县": {
        # "办件22279件" is the accepted total; no completed total is printed.
        "totals": {"accepted_total": 22279},
        # The seed's 行政审批事项 is the 行政许可 category.
        "categories": {LICENSING: (4202, 4202), SERVICE: (10731, 10731)},
    },
    "民和县": {
        "totals": {
            "accepted_total": 31551,
            "completed_total": 31551,
            "working_days": 21,
        },
        "categories": {
            LICENSING: (1756, 1756),
            SERVICE: (24419, 24419),
            CONVENIENCE: (5376, 5376),
        },
        "defined": {
            ("rating_paper", None): 1632,
            ("rating_paper", "非常满意"): 407,
            ("rating_paper", "满意"): 1225,
        },
    },
    # No figures printed (the heading is missing); only its two work items.
    "化隆县": {},
}

# 附件1 as printed: (department, licensing accepted, licensing completed,
# service accepted, service completed); an empty cell is None, a printed 0 is 0.
# The printed 办结率 column is derived, not stored. The columns are the city
# pack's definitions:
DEPARTMENT_CODES = (
    "hall_licensing_accepted",
    "hall_licensing_completed",
    "hall_service_accepted",
    "hall_service_completed",
)
DEPARTMENT_FIGURES = [
    ("市公安局", None, None, 1687, 1687),
    ("市社保局", None, None, 1359, 1359),
    ("市烟草局", 99, 99, None, None),
    ("市公积金中心", None, None, 450, 450),
    ("市市场监管局", 299, 299, None, None),
    ("市发展改革委", 0, 0, None, None),
    ("市生态环境局", 0, 0, None, None),
    ("市司法局", 0, 0, None, None),
    ("市住建局", 0, 0, None, None),
    ("区税务局", None, None, 3830, 3830),
    ("区公安局", 2078, 2078, None, None),
    ("海东不动产交易登记", None, None, 701, 701),
    ("卫生健康委", None, None, None, None),
    ("民政局", None, None, None, None),
    ("商务局", None, None, None, None),
    ("林草局", None, None, None, None),
    ("水务局", None, None, None, None),
    ("工信局", None, None, None, None),
    ("地震局", None, None, None, None),
]

# The one May 2021 figure the seed compares with ("较5月份的24236件").
MAY_FIGURES = {"平安区": {"accepted_total": 24236}}

WORK_ITEMS_FILE = Path(__file__).parent / "demo_data" / "work-items-2021-06.txt"

EXPLANATION = "按原报送数据录入（第63期原文如此）。"
EXPLANATIONS = {
    "figures_missing": (
        "第63期未刊登化隆县的办件数据（该县标题缺失，其主要工作误排在民和县之下），"
        "按原文只录入主要工作。"
    ),
}

_TZ = ZoneInfo("Asia/Shanghai")
# When the demo reports were submitted and approved (the issue is dated 7月6日).
TIMES = {
    JUNE: (
        datetime.datetime(2021, 7, 2, 9, 0, tzinfo=_TZ),
        datetime.datetime(2021, 7, 5, 10, 0, tzinfo=_TZ),
    ),
    MAY: (
        datetime.datetime(2021, 6, 2, 9, 0, tzinfo=_TZ),
        datetime.datetime(2021, 6, 4, 10, 0, tzinfo=_TZ),
    ),
}
APPROVAL_COMMENT = "演示数据：按第63期原文录入，审核通过。"

_NUMBERED = re.compile(r"^(\d+)\.(.*)$")


def split_work_item(text: str) -> tuple[int, str, str]:
    """(number, title, body) of a printed item: the title runs to the first 。.

    >>> split_work_item("2.亮身份、亮职责、亮承诺。进行了第二季度的表彰大会。")
    (2, '亮身份、亮职责、亮承诺', '进行了第二季度的表彰大会。')
    """
    match = _NUMBERED.match(text)
    if match is None:
        raise ValueError(f"not a numbered work item: {text[:20]}")
    title, _, body = match.group(2).partition("。")
    return int(match.group(1)), title, body


def work_items() -> dict[str, list[tuple[int, str, str]]]:
    """Short name → the centre's items, from WORK_ITEMS_FILE."""
    items: dict[str, list[tuple[int, str, str]]] = {}
    current = None
    for line in WORK_ITEMS_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = items.setdefault(line[1:-1], [])
        else:
            current.append(split_work_item(line))
    return items


def _upsert(model, lookup: dict, values: dict):
    """Create, or update only the fields that differ (no save, no history row,
    when nothing changed)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
    return obj


def _report(centre, month, figures: dict) -> MonthlyReport:
    """The report with exactly ``figures``: unprinted figures and sections blank."""
    totals = {
        name: figures.get("totals", {}).get(name)
        for name in ("accepted_total", "completed_total", "in_progress_total")
    }
    totals["working_days"] = figures.get("totals", {}).get("working_days")
    report = _upsert(MonthlyReport, {"centre": centre, "month": month}, totals)
    categories = figures.get("categories", {})
    bureau_id = centre.bureau_id
    for category in CaseCategory.objects.filter(
        bureau_id=bureau_id, name__in=categories
    ):
        accepted, completed = categories[category.name]
        _upsert(
            CaseCount,
            {"report": report, "category": category},
            {"accepted": accepted, "completed": completed},
        )
    CaseCount.objects.filter(report=report).exclude(
        category__name__in=categories
    ).delete()
    _defined(report, figures.get("defined", {}))
    return report


def _defined(report, values: dict) -> None:
    """The report's defined figures exactly as ``values`` (code, option name
    or None) → value; every other figure of the month blank."""
    kept = []
    definitions = {
        d.code: d
        for d in FigureDefinition.objects.filter(
            bureau_id=report.centre.bureau_id, code__in={c for c, _ in values}
        ).prefetch_related("breakdown__options")
    }
    for (code, option_name), value in values.items():
        definition = definitions[code]
        option = None
        if option_name is not None:
            option = next(
                o for o in definition.breakdown.options.all() if o.name == option_name
            )
        row = _upsert(
            FigureValue,
            {
                "report": report,
                "definition": definition,
                "option": option,
                "to_date": False,
            },
            {"value": value},
        )
        kept.append(row.pk)
    FigureValue.objects.filter(report=report, to_date=False).exclude(
        pk__in=kept
    ).delete()


def department_values() -> dict:
    """附件1 as the hall's defined figures: (code, department) → value."""
    return {
        (code, name): value
        for name, *values in DEPARTMENT_FIGURES
        for code, value in zip(DEPARTMENT_CODES, values, strict=True)
        if value is not None
    }


def _work_items(report, items) -> None:
    for number, title, body in items:
        _upsert(
            WorkItem,
            {"report": report, "order": number},
            {"title": title, "body": body},
        )
    WorkItem.objects.filter(report=report).exclude(
        order__in=[number for number, _, _ in items]
    ).delete()


def _explain_warnings(report, explanation: str = EXPLANATION) -> int:
    """Explain each warning of a demo report: the seed's figures are entered as
    printed, inconsistencies and all (``explanation`` names the source)."""
    from .validation import validate_report, warnings

    found = warnings(validate_report(report))
    for finding in found:
        _upsert(
            FindingExplanation,
            {"report": report, "rule": finding.rule, "subject": finding.subject},
            {"text": EXPLANATIONS.get(finding.rule, explanation)},
        )
    return len(found)


def _approve(report, clerk, editor) -> None:
    """Leave the report approved, with the submit and approve steps recorded.

    The demo enters past, already-approved figures, so the state is written
    directly rather than through the workflow methods (which would stamp today's
    date); the transitions carry the 2021 times."""
    submitted_at, approved_at = TIMES[report.month]
    values = {
        "status": MonthlyReport.Status.APPROVED,
        "submitted_at": submitted_at,
        "approved_at": approved_at,
    }
    field_names = {f.name for f in MonthlyReport._meta.get_fields()}
    if "submitted_by" in field_names:
        values["submitted_by"] = clerk
    if "approved_by" in field_names:
        values["approved_by"] = editor
    _upsert(MonthlyReport, {"pk": report.pk}, values)
    steps = [
        (
            MonthlyReport.Status.DRAFT,
            MonthlyReport.Status.SUBMITTED,
            clerk,
            "",
            submitted_at,
        ),
        (
            MonthlyReport.Status.SUBMITTED,
            MonthlyReport.Status.APPROVED,
            editor,
            APPROVAL_COMMENT,
            approved_at,
        ),
    ]
    for from_status, to_status, actor, comment, at in steps:
        transition, created = ReportTransition.objects.get_or_create(
            report=report,
            from_status=from_status,
            to_status=to_status,
            defaults={"actor": actor, "comment": comment},
        )
        if created:
            # ``at`` is auto_now_add: set the historical time afterwards.
            ReportTransition.objects.filter(pk=transition.pk).update(at=at)


def load_reports(centres: dict[str, Centre]) -> list[MonthlyReport]:
    """The seed's June 2021 reports (and 平安区's May total), all approved."""
    User = get_user_model()
    editor = User.objects.get(username="editor")
    clerks = {
        short_name: User.objects.get(username=username)
        for _, short_name, _, _, username in CENTRES
    }
    items = work_items()
    reports = []
    for short_name, figures in MAY_FIGURES.items():
        report = _report(centres[short_name], MAY, {"totals": figures})
        _approve(report, clerks[short_name], editor)
    for short_name, figures in JUNE_FIGURES.items():
        centre = centres[short_name]
        if centre.is_hall:
            figures = {**figures, "defined": department_values()}
        report = _report(centre, JUNE, figures)
        _work_items(report, items.get(short_name, []))
        _explain_warnings(report)
        _approve(report, clerks[short_name], editor)
        reports.append(report)
    return reports


def load(stdout) -> None:
    centres = load_organisation()
    created = load_users(centres)
    reports = load_reports(centres)
    stdout.write(f"演示单位：{len(centres)}个报送单位，{len(DEPARTMENTS)}个窗口单位。")
    stdout.write(f"演示月报：2021年6月{len(reports)}份（已审核通过）。")
    if created:
        stdout.write(
            f"已创建演示账户：{'、'.join(created)}；演示密码：{DEMO_PASSWORD}"
            "（仅供演示，请勿用于生产环境）"
        )
