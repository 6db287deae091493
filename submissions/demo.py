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
from .demo_seed import (
    CENTRES,
    DEPARTMENT_CODES,
    DEPARTMENT_FIGURES,
    DEPARTMENTS,
    EXPLANATION,
    EXPLANATIONS,
    JUNE,
    JUNE_FIGURES,
    MAY,
    MAY_FIGURES,
    WINDOW_UNITS,
)
from .models import (
    Breakdown,
    BreakdownOption,
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


WORK_ITEMS_FILE = Path(__file__).parent / "demo_data" / "work-items-2021-06.txt"

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
    working_days = {"working_days": figures.get("totals", {}).get("working_days")}
    report = _upsert(MonthlyReport, {"centre": centre, "month": month}, working_days)
    _defined(report, {**_case_values(figures), **figures.get("defined", {})})
    return report


# The seed's case figures (受理, 办结, 正在办理 and 受理/办结 by 办件类别) →
# the codes of the city pack's case definitions.
CASE_TOTALS = {
    "accepted_total": "cases_accepted",
    "completed_total": "cases_completed",
    "in_progress_total": "cases_in_progress",
}
CASE_COLUMNS = ("cases_accepted", "cases_completed")


def _case_values(figures: dict) -> dict:
    """The seed's case figures as (code, option name or None) → value."""
    values = {
        (code, None): figures["totals"][name]
        for name, code in CASE_TOTALS.items()
        if figures.get("totals", {}).get(name) is not None
    }
    for category, pair in figures.get("categories", {}).items():
        for code, value in zip(CASE_COLUMNS, pair, strict=True):
            if value is not None:
                values[code, category] = value
    return values


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
