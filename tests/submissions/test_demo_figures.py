"""load_demo enters the seed's June 2021 figures exactly as printed (第63期).

Where the printed parts do not add up to the printed totals, validation flags a
warning (never an error), and the demo carries an explanation for each.
"""

import datetime
import json
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from submissions import demo
from submissions.models import (
    BreakdownOption,
    FigureDefinition,
    FigureValue,
    FindingExplanation,
    MonthlyReport,
    ReportTransition,
    WorkItem,
)
from submissions.validation import findings_for_month, report_figures
from tests.factories import (
    cases_of,
    default_bureau,
    department_of,
    hotline_of,
    rating_of,
)

JUNE = datetime.date(2021, 6, 1)
MAY = datetime.date(2021, 5, 1)
SEED = (
    Path(django_settings.BASE_DIR).parent
    / "shared"
    / "seed"
    / "haidong-bulletin-063-2021-06.txt"
)


@pytest.fixture
def demo_loaded(db, settings):
    settings.DEBUG = True
    call_command("load_demo")


def june(short_name) -> MonthlyReport:
    return MonthlyReport.objects.get(centre__short_name=short_name, month=JUNE)


def test_june_totals_are_the_seeds(demo_loaded):
    totals = {
        r.centre.short_name: (*cases_of(r)[0], r.working_days)
        for r in MonthlyReport.objects.for_month(JUNE).select_related("centre")
    }
    assert totals == {
        "市级大厅": (10503, None, None, None),
        "平安区": (29447, 29447, None, 29),
        "乐都区": (13358, 13358, None, None),
        "互助县": (35283, 35241, 42, None),
        "循化县": (22279, None, None, None),
        "民和县": (31551, 31551, None, 21),
        "化隆县": (None, None, None, None),
    }


def test_june_case_counts_are_the_seeds(demo_loaded):
    counts = {
        r.centre.short_name: categories
        for r in MonthlyReport.objects.for_month(JUNE).select_related("centre")
        if (categories := cases_of(r)[1])
    }
    assert counts == {
        "市级大厅": {"行政许可事项": (2476, 2476), "公共服务事项": (8027, 8027)},
        "平安区": {"行政许可事项": (1973, 1973), "公共服务事项": (20157, 20157)},
        "乐都区": {"行政许可事项": (972, 972), "公共服务事项": (10521, 10521)},
        # 公共服务 completed is printed only as "办结率96%": left blank.
        "互助县": {"行政许可事项": (489, 489), "公共服务事项": (31152, None)},
        "循化县": {"行政许可事项": (4202, 4202), "公共服务事项": (10731, 10731)},
        "民和县": {
            "行政许可事项": (1756, 1756),
            "公共服务事项": (24419, 24419),
            "便民服务事项": (5376, 5376),
        },
    }


def test_june_ratings_are_the_seeds(demo_loaded):
    ratings = {
        (r.centre.short_name, channel): (
            rating.total,
            rating.very_satisfied,
            rating.satisfied,
            rating.basically_satisfied,
            rating.dissatisfied,
            rating.very_dissatisfied,
        )
        for r in MonthlyReport.objects.filter(month=JUNE).select_related("centre")
        for channel in ("纸质评价", "网上评价", "评价器评价", "短信评价")
        if (rating := rating_of(r, channel)) is not None
    }
    assert ratings == {
        ("乐都区", "网上评价"): (13358, 1202, 11622, 534, None, None),
        ("民和县", "纸质评价"): (1632, 407, 1225, None, None, None),
    }


def test_june_hotline_is_huzhus_as_printed(demo_loaded):
    assert [
        hotline_of(r) is not None for r in MonthlyReport.objects.filter(month=JUNE)
    ].count(True) == 1
    hotline = hotline_of(june("互助县"))
    assert (hotline.received, hotline.assigned, hotline.redone, hotline.completed) == (
        268,
        243,
        23,
        218,
    )
    assert (
        hotline.help_requests,
        hotline.consultations,
        hotline.complaints,
        hotline.suggestions,
    ) == (185, 5, 75, 1)
    assert (hotline.mayor_mailbox_received, hotline.mayor_mailbox_completed) == (1, 0)
    assert (hotline.netizen_received, hotline.netizen_completed) == (0, 0)
    assert (hotline.provincial_received, hotline.provincial_completed) == (44, 37)


def test_the_department_table_keeps_blanks_and_zeros(demo_loaded):
    hall = june("市级大厅")
    units = BreakdownOption.objects.filter(
        breakdown__bureau=default_bureau(), breakdown__name=demo.WINDOW_UNITS
    ).order_by("order")
    blank = (None, None, None, None)
    rows = [
        (
            unit.name,
            *(
                (r.licensing_accepted, r.licensing_completed)
                + (r.service_accepted, r.service_completed)
                if (r := department_of(hall, unit))
                else blank
            ),
        )
        for unit in units
    ]
    assert rows == [
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
    # Only the hall has a department table.
    table = FigureValue.objects.filter(definition__code__startswith="hall_")
    assert not table.exclude(report=hall).exists()


def test_every_work_item_as_printed(demo_loaded):
    items = {}
    for item in WorkItem.objects.filter(report__month=JUNE).select_related(
        "report__centre"
    ):
        items.setdefault(item.report.centre.short_name, []).append(item)
    assert {name: len(found) for name, found in items.items()} == {
        "市级大厅": 3,
        "平安区": 4,
        "乐都区": 3,
        "互助县": 1,
        "循化县": 2,
        "民和县": 3,
        "化隆县": 2,
    }
    # 互助县's printed item 1 is its hotline section typed as prose (with 占0.003%):
    # its figures are entered in the hotline section and the text is generated.
    first = items["互助县"][0]
    assert (first.order, first.title) == (2, "“少跑快办”,优化做实“一件事”套餐服务情况")
    assert not any("12345" in i.title for i in items["互助县"])
    # Likewise 民和县's ratings figures are not copied into its work item 3.
    assert "1632" not in items["民和县"][2].body
    hall = items["市级大厅"][0]
    assert hall.title == "积极推动政务服务五级联动建设"
    assert "作为作为我市" in hall.body  # a typo of the seed, kept as printed
    assert [i.title for i in items["化隆县"]] == [
        "推进“审批破冰”与“工改”事项梳理入库",
        "继续推进政务服务“一件事”联办主题套餐清单整合梳理",
    ]
    assert items["乐都区"][0].title == "积极参加为党献礼活动,锤炼忠党爱党的党性修养"
    printed = [
        f"{i.order}.{i.title}。{i.body}" for found in items.values() for i in found
    ]
    lines = demo.WORK_ITEMS_FILE.read_text(encoding="utf-8").splitlines()
    assert sorted(printed) == sorted(
        line for line in lines if line and line[0].isdigit()
    )
    if SEED.exists():  # the shared seed sits beside the repository in development
        seed = SEED.read_text(encoding="utf-8")
        for text in printed:
            # 民和县's item 3 ends where its typed ratings figures began.
            assert text in seed or text.removesuffix("。") + ",6月份" in seed


def test_may_has_pingans_total_only(demo_loaded):
    may = MonthlyReport.objects.get(month=MAY)
    assert may.centre.short_name == "平安区"
    assert cases_of(may)[0][:2] == (24236, None)
    assert may.status == MonthlyReport.Status.APPROVED
    # The comparison the seed prints: 较5月份的24236件增加了5211件.
    accepted = FigureDefinition.objects.get(
        bureau=may.centre.bureau, code="cases_accepted"
    )
    assert report_figures(june("平安区")).previous.defined[accepted.pk] == 24236


def test_june_reports_are_approved_by_the_demo_editor(demo_loaded):
    reports = MonthlyReport.objects.for_month(JUNE)
    assert reports.count() == 7
    assert set(reports.values_list("status", flat=True)) == {"approved"}
    for report in reports:
        approval = ReportTransition.objects.get(report=report, to_status="approved")
        assert approval.from_status == "submitted"
        assert approval.actor.username == "editor"
        assert report.approved_at is not None


# (centre, rule, message): 互助县's 12345 hotline gives two warnings of the
# same rule, one per definition whose parts miss the total.
EXPECTED_WARNINGS = {
    (
        "平安区政务服务中心",
        "defined_parts_sum",
        "“受理”各分项（行政许可事项1973件、公共服务事项20157件）合计22130件，"
        "与总数29447件不一致，相差7317件。",
    ),
    (
        "平安区政务服务中心",
        "defined_parts_sum",
        "“办结”各分项（行政许可事项1973件、公共服务事项20157件）合计22130件，"
        "与总数29447件不一致，相差7317件。",
    ),
    (
        "乐都区政务服务中心",
        "defined_parts_sum",
        "“受理”各分项（行政许可事项972件、公共服务事项10521件）合计11493件，"
        "与总数13358件不一致，相差1865件。",
    ),
    (
        "乐都区政务服务中心",
        "defined_parts_sum",
        "“办结”各分项（行政许可事项972件、公共服务事项10521件）合计11493件，"
        "与总数13358件不一致，相差1865件。",
    ),
    (
        "互助县政务服务中心",
        "defined_parts_sum",
        "“受理”各分项（行政许可事项489件、公共服务事项31152件）合计31641件，"
        "与总数35283件不一致，相差3642件。",
    ),
    (
        "互助县政务服务中心",
        "defined_parts_sum",
        "“12345热线工单”各分项（承办单243件、重新办理单23件）合计266件，"
        "与“12345热线受理”268件不一致，相差2件。",
    ),
    (
        "互助县政务服务中心",
        "defined_parts_sum",
        "“12345热线受理”各分项（求助类185件、咨询类5件、投诉类75件、建议类1件）合计266件，"
        "与总数268件不一致，相差2件。",
    ),
    (
        "循化县政务服务中心",
        "defined_parts_sum",
        "“受理”各分项（行政许可事项4202件、公共服务事项10731件）合计14933件，"
        "与总数22279件不一致，相差7346件。",
    ),
    # No figures printed for 化隆县, only its work items.
    (
        "化隆县政务服务中心",
        "figures_missing",
        "未填报任何办件数据（指标均为空）。",
    ),
}


def test_validate_reports_flags_every_printed_inconsistency(demo_loaded, capsys):
    capsys.readouterr()
    call_command(
        "validate_reports",
        "--month",
        "2021-06",
        "--format",
        "json",
        "--bureau",
        "haidong",
    )
    rows = json.loads(capsys.readouterr().out)
    assert [row for row in rows if row["level"] == "error"] == []
    assert {(row["centre"], row["rule"], row["message"]) for row in rows} == (
        EXPECTED_WARNINGS
    )
    assert len(rows) == len(EXPECTED_WARNINGS)


def test_validate_reports_text_on_the_demo(demo_loaded, capsys):
    capsys.readouterr()
    call_command("validate_reports", "--month", "2021-06", "--bureau", "haidong")
    out = capsys.readouterr().out
    assert "[错误]" not in out
    assert out.count("[预警]") == 9
    assert out.splitlines()[-1] == "共7份月报：错误0项，预警9项。"


def test_every_warning_has_an_explanation(demo_loaded):
    by_report = findings_for_month(JUNE, bureau=default_bureau())
    assert sum(len(found) for found in by_report.values()) == 9
    for report_id, findings in by_report.items():
        explained = set(
            FindingExplanation.objects.filter(report_id=report_id).values_list(
                "rule", "subject"
            )
        )
        assert {f.key for f in findings if f.level == "warning"} <= explained
    text = FindingExplanation.objects.get(
        report=june("平安区"), rule="defined_parts_sum", subject="受理"
    ).text
    assert text == "按原报送数据录入（第63期原文如此）。"


def snapshot():
    tables = [
        MonthlyReport,
        FigureValue,
        WorkItem,
        ReportTransition,
        FindingExplanation,
    ]
    rows = [list(model.objects.order_by("pk").values()) for model in tables]
    history = [model.history.count() for model in tables if hasattr(model, "history")]
    return rows, history


def test_loading_the_demo_twice_changes_nothing(demo_loaded):
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first
