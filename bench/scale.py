"""A large, SYNTHETIC data set for benchmarks: years of monthly issues.

    .venv/bin/python bench/generate_scale_data.py --years 20 --centres 20 --items 10

builds, in a database of its own, ``years × 12`` monthly issues of the series
“合成测试数据”: ``centres`` reporting centres (合成测试区01 is the hall, with
every count its bureau defines: the city pack's 12345 hotline and the hall's
department table, its 窗口单位 being 合成测试部门01…; 合成测试区02… are
districts), approved reports with consistent figures and ``items`` work items
each, ``trades_per_year`` trades, and publishes every issue through the real
workflow (submitted, signed off, ``signoff.issue_publish``), so snapshots,
search text and PDFs are what production would store. Everything is marked
synthetic by name: 合成测试… centres, window units, users (synthetic_editor,
synthetic_leader) and trade codes (SYN…).

The bulk (reports, their figures, work items, trades) is written with
``bulk_create``: no history rows, no validation. The same seed gives the same
data. ``generate`` refuses a database holding published issues of any other
series unless forced: it is meant for a scratch database, never production.
"""

from __future__ import annotations

import calendar
import datetime
import hashlib
import random
from contextlib import nullcontext
from dataclasses import dataclass
from decimal import Decimal
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction

from bench.scale_values import CASE_CODES, case_values, defined_values
from bulletins import services, signoff
from bulletins.document import Document
from bulletins.models import Issue, IssueRevision, Series
from bureaus.models import Bureau, StaffMembership
from bureaus.services import bureau_create
from submissions import roles
from submissions.models import (
    Breakdown,
    BreakdownOption,
    Centre,
    FigureDefinition,
    FigureValue,
    MonthlyReport,
    WorkItem,
)
from transactions.models import Trade, TradeCategory

BUREAU = {
    "name": "合成测试数据编发单位（SYNTHETIC）",
    "short_name": "合成",
    "slug": "synthetic",
}
SERIES_SLUG = "hecheng"
SERIES_TITLE = "合成测试数据"
SERIES_PUBLISHER = "合成测试数据编发单位（SYNTHETIC）"
CENTRE_PREFIX = "合成测试区"
DEPARTMENT_PREFIX = "合成测试部门"
EDITOR_USERNAME = "synthetic_editor"
LEADER_USERNAME = "synthetic_leader"
TRADE_CODE_PREFIX = "SYN"
DEPARTMENTS = 12
WINDOW_UNITS = "窗口单位"
# A phrase some work items carry, for the search benchmark (4 characters):
# the hall's first item of every month, so that every issue holds it.
SEARCH_PHRASE = "五级联动"
SEARCH_TOPIC = f"推动政务服务{SEARCH_PHRASE}建设"
REFUSE_REAL_DATA = (
    "数据库中已有非合成的已发布期刊（{count}期）：合成数据只应写入专用数据库。"
    "确认无误请加 --force。"
)
ALREADY_THERE = "数据库中已有“{title}”的期刊（{count}期）：请换一个空数据库。"

TOPICS = [
    "推进“一网通办”",
    "深化“放管服”改革",
    SEARCH_TOPIC,
    "开展“好差评”回访",
    "优化营商环境",
    "推行“跨省通办”",
    "规范窗口服务",
    "开展业务培训",
    "推进“证照分离”改革",
    "加强公共资源交易监管",
    "开展党风廉政教育",
    "推行告知承诺制",
]
CLAUSES = [
    "梳理事项清单{n}项，进一步压缩办理时限",
    "组织窗口人员开展业务培训{n}场次，提升服务质量",
    "完善线上线下融合的服务体系，实现“最多跑一次”",
    "对群众反映的问题逐件登记、限时办结、跟踪回访",
    "联合相关部门开展专项检查{n}次，发现问题及时整改",
    "设立帮办代办窗口，为老年人等特殊群体提供上门服务{n}次",
    "编制办事指南{n}份，统一标准、统一流程",
    "推进电子证照共享应用，减少群众提交材料{n}份",
]


@dataclass(frozen=True)
class Size:
    years: int = 20
    centres: int = 20
    items: int = 10
    trades_per_year: int = 50_000
    start_year: int = 2006
    seed: int = 20210706
    # Fewer months than ``years × 12`` (tests and the smoke benchmark); 0 for all.
    month_count: int = 0

    @property
    def months(self) -> list[datetime.date]:
        months = [
            datetime.date(self.start_year + y, m, 1)
            for y in range(self.years)
            for m in range(1, 13)
        ]
        return months[: self.month_count] if self.month_count else months


def check_database(*, force: bool = False) -> None:
    """Refuse a database with real published issues, or a second generation."""
    real = Issue.objects.published().exclude(series__title=SERIES_TITLE).count()
    if real and not force:
        raise ValueError(REFUSE_REAL_DATA.format(count=real))
    ours = Issue.objects.filter(series__title=SERIES_TITLE).count()
    if ours:
        raise ValueError(ALREADY_THERE.format(title=SERIES_TITLE, count=ours))


def generate(
    size: Size, *, pdf: bool = True, force: bool = False, stdout=None
) -> dict[str, int]:
    """Build the data set and publish every issue; returns what was created."""
    say = stdout.write if stdout is not None else (lambda _text: None)
    check_database(force=force)
    rng = random.Random(size.seed)
    bureau = synthetic_bureau()
    editor, leader = _users(bureau)
    centres = _centres(bureau, size.centres)
    _departments(bureau)
    months = size.months
    for year_start in range(0, len(months), 12):
        year = months[year_start : year_start + 12]
        with transaction.atomic():
            _reports(rng, year, centres, size.items)
            _trades(rng, bureau, year[0].year, size.trades_per_year)
        say(f"{year[0].year}: reports and trades written")
    series, _ = Series.objects.get_or_create(
        bureau=bureau,
        slug=SERIES_SLUG,
        defaults={"title": SERIES_TITLE, "publisher": SERIES_PUBLISHER},
    )
    # --no-pdf defers the PDF: publishing stores none, render_missing_pdfs adds it.
    no_pdf = mock.patch.object(signoff, "store_pdf", lambda _issue, _doc: ("", ""))
    with nullcontext() if pdf else no_pdf:
        for number, month in enumerate(months, start=1):
            publish_month(series, month, number, editor, leader)
            if month.month == 12 or number == len(months):
                say(f"{month.year}: issues published (第{number}期)")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # plan the bench's queries on today's sizes
    return {
        "issues": len(months),
        "centres": len(centres),
        "reports": len(months) * len(centres),
        "work_items": len(months) * len(centres) * size.items,
        "trades": size.years * size.trades_per_year,
    }


def publish_month(series, month, number, editor, leader) -> Issue:
    """Create, sign off and publish the month's issue like an editor would."""
    issue = services.issue_create(
        series=series, period_start=month, number=number, user=editor
    )
    issue = signoff.issue_submit(issue=issue, user=editor)
    issue = signoff.issue_sign_off(issue=issue, user=leader)
    issue = signoff.issue_publish(issue=issue, user=editor)
    # Date the publication as the bureau would have, not as of today.
    at = datetime.datetime.combine(
        issue.publication_date, datetime.time(9), tzinfo=datetime.UTC
    )
    Issue.objects.filter(pk=issue.pk).update(published_at=at, revised_at=at)
    return issue


def render_missing_pdfs(stdout=None) -> int:
    """Render and store the PDF of every synthetic issue published without one."""
    from bulletins.pdf import render_pdf

    done = 0
    issues = Issue.objects.published().filter(series__title=SERIES_TITLE, pdf="")
    for issue in issues.iterator():
        data = render_pdf(Document.from_dict(issue.snapshot))
        name = default_storage.save(
            f"bulletins/{issue.series_id}/{issue.number}-r{issue.revision}.pdf",
            ContentFile(data),
        )
        digest = hashlib.sha256(data).hexdigest()
        Issue.objects.filter(pk=issue.pk).update(pdf=name, pdf_sha256=digest)
        IssueRevision.objects.filter(issue=issue, number=issue.revision).update(
            pdf=name, pdf_sha256=digest
        )
        done += 1
        if stdout is not None and done % 12 == 0:
            stdout.write(f"{done} PDFs rendered")
    return done


# --- the organisation ----------------------------------------------------------------


def synthetic_bureau() -> Bureau:
    """The synthetic data's own bureau, beside any real one."""
    return Bureau.objects.filter(slug=BUREAU["slug"]).first() or bureau_create(**BUREAU)


def _users(bureau):
    User = get_user_model()
    made = []
    for username, role in (
        (EDITOR_USERNAME, roles.EDITOR),
        (LEADER_USERNAME, roles.LEADER),
    ):
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": "合成测试"}
        )
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.add(Group.objects.get(name=role))
        StaffMembership.objects.update_or_create(user=user, defaults={"bureau": bureau})
        made.append(User.objects.get(pk=user.pk))  # fresh permission cache
    return made


def _centres(bureau, count: int) -> list[Centre]:
    centres = []
    for n in range(1, count + 1):
        kind = Centre.Kind.HALL if n == 1 else Centre.Kind.DISTRICT
        centre, _ = Centre.objects.get_or_create(
            bureau=bureau,
            name=f"{CENTRE_PREFIX}{n:02d}",
            defaults={"short_name": f"合成{n:02d}区", "kind": kind, "order": n},
        )
        centres.append(centre)
    return centres


def _departments(bureau) -> None:
    """The hall's window units: options of the city pack's 窗口单位."""
    breakdown = Breakdown.objects.get(bureau=bureau, name=WINDOW_UNITS)
    for n in range(1, DEPARTMENTS + 1):
        BreakdownOption.objects.get_or_create(
            breakdown=breakdown,
            name=f"{DEPARTMENT_PREFIX}{n:02d}",
            defaults={"order": n},
        )


# --- the reports ----------------------------------------------------------------------


def working_days(month: datetime.date) -> int:
    """The month's working days by the Chinese calendar (weekdays as a fallback)."""
    last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    try:
        import holidays

        return holidays.China(years=month.year).get_working_days_count(month, last)
    except Exception:  # a year the calendar does not know
        return sum(
            1
            for day in range(last.day)
            if (month + datetime.timedelta(days=day)).weekday() < 5
        )


def _paragraph(rng) -> str:
    clauses = rng.sample(CLAUSES, 3)
    return "，".join(c.format(n=rng.randint(2, 60)) for c in clauses) + "。"


def _reports(rng, months, centres, items) -> None:
    hall = centres[0]
    # Each centre's size, fixed over the years (a district keeps its population).
    base = {
        c.id: rng.randint(8_000, 15_000) if c.is_hall else rng.randint(1_500, 30_000)
        for c in centres
    }
    reports, totals = [], []
    for month in months:
        days = working_days(month)
        growth = 1.04 ** (month.year - 2006)
        season = 0.7 if month.month == 2 else 1.0  # the Spring Festival
        for centre in centres:
            accepted = int(base[centre.id] * growth * season * rng.uniform(0.85, 1.15))
            in_progress = int(accepted * rng.uniform(0, 0.02))
            reports.append(
                MonthlyReport(
                    centre=centre,
                    month=month,
                    status=MonthlyReport.Status.APPROVED,
                    working_days=days,
                )
            )
            totals.append((accepted, accepted - in_progress, in_progress))
    MonthlyReport.objects.bulk_create(reports, batch_size=2000)
    if not reports[0].pk:  # a backend that does not return ids (never PG/SQLite)
        keyed = {(r.centre_id, r.month): r for r in reports}
        for pk, centre_id, month in MonthlyReport.objects.filter(
            month__in=months
        ).values_list("id", "centre_id", "month"):
            keyed[(centre_id, month)].pk = pk

    definitions = list(
        FigureDefinition.objects.filter(
            bureau_id=hall.bureau_id, is_active=True, value_type="count"
        )
        .exclude(code__in=CASE_CODES)
        .with_options()
        .order_by("order", "id")
    )
    cases = {
        d.code: d
        for d in FigureDefinition.objects.filter(
            bureau_id=hall.bureau_id, code__in=CASE_CODES
        ).with_options()
    }
    values, work = [], []
    for report, stated in zip(reports, totals, strict=True):
        values += case_values(rng, report, cases, stated)
        for n in range(1, items + 1):
            first = n == 1 and report.centre_id == hall.id
            topic = SEARCH_TOPIC if first else rng.choice(TOPICS)
            body = "\n".join(_paragraph(rng) for _ in range(rng.randint(1, 3)))
            work.append(
                WorkItem(report=report, order=n, title=f"{topic}（合成）", body=body)
            )
        if report.centre_id == hall.id:
            values += defined_values(rng, report, definitions)
    for model, objects in (
        (FigureValue, values),
        (WorkItem, work),
    ):
        model.objects.bulk_create(objects, batch_size=2000)


def _trades(rng, bureau, year: int, count: int) -> None:
    leaves = list(
        TradeCategory.objects.for_bureau(bureau).leaves().order_by("order", "id")
    )
    # Most trades are procurement and building; mining rights are rare.
    weights = [
        {
            "procurement": 40,
            "housing": 20,
            "municipal": 10,
            "land": 8,
            "mining": 0.5,
        }.get(c.code, 3)
        for c in leaves
    ]
    batch = []
    for n in range(count):
        day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        category = rng.choices(leaves, weights)[0]
        amount = Decimal(int(rng.lognormvariate(13.5, 1.6) * 100)) / 100
        batch.append(
            Trade(
                bureau=bureau,
                code=f"{TRADE_CODE_PREFIX}{year}{n:06d}",
                name=f"合成测试交易项目{year}-{n:06d}",
                category=category,
                date=day,
                amount=amount,
            )
        )
        if len(batch) == 5000:
            Trade.objects.bulk_create(batch)
            batch = []
    Trade.objects.bulk_create(batch)
