"""Validation rules (DESIGN 3.4): each rule passes and fails, blank is not 0."""

import datetime
from dataclasses import replace
from decimal import Decimal

import pytest

from submissions import validation
from submissions.defined import DefinedFigure, Part
from submissions.models import FigureValue
from submissions.validation import (
    Finding,
    LevelSums,
    PreviousTotals,
    ReportFigures,
    report_figures,
    validate,
    validate_report,
)
from tests.factories import (
    CASE_RATE,
    CASE_SUMS,
    DEPARTMENT_IDS,
    CentreFactory,
    HallFactory,
    MonthlyReportFactory,
    WorkItemFactory,
    case_figures,
    case_values,
    default_bureau,
    department,
    department_figures,
    department_values,
    hotline_figures,
    hotline_values,
    rating_figures,
    rating_values,
)

JUNE = datetime.date(2021, 6, 1)
MAY = datetime.date(2021, 5, 1)


def defined(rule="none", total=None, parts=()):
    return DefinedFigure(
        7,
        "cross_province",
        "跨省通办",
        parts_rule=rule,
        total=total,
        parts=tuple(Part(n, COUNTIES[n - 1], v, n) for n, v in enumerate(parts, 1)),
    )


COUNTIES = ("平安区", "乐都区", "互助县", "循化县", "民和县", "化隆县")


def budget(total):
    return DefinedFigure(
        8, "budget", "政府采购预算", value_type="amount", unit="万元", total=total
    )


def fig(**kwargs) -> ReportFigures:
    kwargs.setdefault("month", JUNE)
    return ReportFigures(**kwargs)


def cats(licensing=(None, None), service=(None, None)):
    """The two categories' (accepted, completed) as ``case_figures`` takes them."""
    return {"行政许可事项": licensing, "公共服务事项": service}


def may(accepted):
    """May's approved 受理 (the previous period's)."""
    return PreviousTotals(MAY, defined={11: accepted})


def paper(total, *levels):
    """纸质评价's ratings as its definition (``defined=``), levels in order."""
    levels = (*levels, *[None] * (5 - len(levels)))
    figures, _ = rating_figures(("纸质评价", total, *levels))
    return {f.definition_id: f for f in figures}


def summed(target: int, *parts: int, option: int | None = 31) -> dict:
    """The hall's 行政许可事项受理 by window unit, summing to (``sums_to``) the
    受理 definition's 行政许可事项 option (its total when ``option`` is None)."""
    table = department_figures(
        *((n, f"窗口{n}", value) for n, value in enumerate(parts, start=1))
    )
    source = table[DEPARTMENT_IDS["licensing_accepted"]]
    accepted = DefinedFigure(
        201,
        "cases_accepted",
        "受理",
        total=target if option is None else None,
        parts=() if option is None else (Part(31, "行政许可事项", target, 1),),
    )
    return {
        source.definition_id: replace(source, sums_to=201, sums_to_option=option),
        201: accepted,
    }


def hotline(**kwargs):
    """The 12345 figures as 海东's hotline definitions (``defined=``)."""
    return hotline_figures(**kwargs)


HUZHU_HOTLINE = dict(
    received=268,
    assigned=243,
    redone=23,
    completed=218,
    help_requests=185,
    consultations=5,
    complaints=75,
    suggestions=1,
)


def linked(*rows) -> dict:
    """The hall's table rows as its defined figures, each column summing to
    (``sums_to``) its case category (the links of ``submissions/0023``)."""
    links = {
        "licensing_accepted": (11, 1),
        "licensing_completed": (12, 1),
        "service_accepted": (11, 2),
        "service_completed": (12, 2),
    }
    table = department_figures(*rows)
    return {
        pk: replace(table[pk], sums_to=links[field][0], sums_to_option=links[field][1])
        for field, pk in DEPARTMENT_IDS.items()
        if pk in table
    }


def dept(id_, name, *values):
    """The hall's table row of window unit ``id_`` as its defined figures."""
    return department_figures((id_, name, *values))


def hall(**kwargs):
    kwargs.setdefault("centre_kind", "hall")
    return fig(**kwargs)


def of_rule(findings, code):
    return [f for f in findings if f.rule == code]


# (rule, a report on which it stays silent, a report on which it fires,
#  the message, subject and field of the finding it raises)
CASES = [
    (
        "negative_number",
        fig(working_days=1),
        fig(working_days=-1),
        "工作日为-1，不能为负数。",
        "",
        "working_days",
    ),
    (
        "defined_negative",
        fig(defined=case_figures(0)),
        fig(defined=case_figures(-1)),
        "“受理”总数为-1，不能为负数。",
        "受理",
        "defined[11].total",
    ),
    (
        "defined_negative",
        fig(defined=case_figures(categories={"行政许可事项": (5, 0)})),
        fig(defined=case_figures(categories={"行政许可事项": (5, -3)})),
        "“办结”行政许可事项为-3，不能为负数。",
        "办结·行政许可事项",
        "defined[12].option[1]",
    ),
    (
        "defined_negative",
        fig(defined=paper(0)),
        fig(defined=paper(-2)),
        "“纸质评价”总数为-2，不能为负数。",
        "纸质评价",
        "defined[1].total",
    ),
    (
        "defined_negative",
        fig(defined=hotline(netizen_received=0)),
        fig(defined=hotline(netizen_received=-4)),
        "“12345热线渠道受理”市政府门户网站“网民留言”为-4，不能为负数。",
        "12345热线渠道受理·市政府门户网站“网民留言”",
        "defined[4].option[8]",
    ),
    (
        "defined_negative",
        hall(defined=dept(7, "市司法局", 0, 0)),
        hall(defined=dept(7, "市司法局", 0, 0, -1)),
        "“公共服务事项受理”市司法局为-1，不能为负数。",
        "公共服务事项受理·市司法局",
        "defined[103].option[7]",
    ),
    (
        "defined_exceeds_bound",
        fig(defined=case_figures(10, 10)),
        fig(defined=case_figures(10, 12)),
        "“办结”12件，超过“受理”10件，多2件。",
        "办结",
        "defined[12].total",
    ),
    (
        "defined_exceeds_bound",
        fig(defined=case_figures(categories={"公共服务事项": (8027, 8027)})),
        fig(defined=case_figures(categories={"公共服务事项": (8027, 8028)})),
        "“办结”公共服务事项8028件，超过“受理”公共服务事项8027件，多1件。",
        "办结·公共服务事项",
        "defined[12].option[2]",
    ),
    (
        "defined_exceeds_bound",
        hall(defined=dept(3, "市烟草局", 99, 99)),
        hall(defined=dept(3, "市烟草局", 99, 100)),
        "“行政许可事项办结”市烟草局100件，超过“行政许可事项受理”市烟草局99件，多1件。",
        "行政许可事项办结·市烟草局",
        "defined[102].option[3]",
    ),
    (
        "defined_exceeds_bound",
        hall(defined=dept(1, "市公安局", None, None, 1687, 1687)),
        hall(defined=dept(1, "市公安局", None, None, 1687, 1700)),
        "“公共服务事项办结”市公安局1700件，超过“公共服务事项受理”市公安局1687件，"
        "多13件。",
        "公共服务事项办结·市公安局",
        "defined[104].option[1]",
    ),
    (
        "defined_exceeds_bound",
        fig(defined=hotline(received=268, completed=218)),
        fig(defined=hotline(received=268, completed=270)),
        "“12345热线办结”270件，超过“12345热线受理”268件，多2件。",
        "12345热线办结",
        "defined[3].total",
    ),
    (
        "defined_exceeds_bound",
        fig(defined=hotline(mayor_mailbox_received=1, mayor_mailbox_completed=0)),
        fig(defined=hotline(mayor_mailbox_received=1, mayor_mailbox_completed=2)),
        "“12345热线渠道办结”市政府门户网站“市长信箱”2件，"
        "超过“12345热线渠道受理”市政府门户网站“市长信箱”1件，多1件。",
        "12345热线渠道办结·市政府门户网站“市长信箱”",
        "defined[5].option[7]",
    ),
    (
        "defined_exceeds_bound",
        fig(defined=hotline(netizen_received=0, netizen_completed=0)),
        fig(defined=hotline(netizen_received=0, netizen_completed=1)),
        "“12345热线渠道办结”市政府门户网站“网民留言”1件，"
        "超过“12345热线渠道受理”市政府门户网站“网民留言”0件，多1件。",
        "12345热线渠道办结·市政府门户网站“网民留言”",
        "defined[5].option[8]",
    ),
    (
        "defined_exceeds_bound",
        fig(defined=hotline(provincial_received=44, provincial_completed=37)),
        fig(defined=hotline(provincial_received=44, provincial_completed=45)),
        "“12345热线渠道办结”青海省“12345”政务服务热线45件，"
        "超过“12345热线渠道受理”青海省“12345”政务服务热线44件，多1件。",
        "12345热线渠道办结·青海省“12345”政务服务热线",
        "defined[5].option[9]",
    ),
    (
        "defined_sum_of",
        fig(defined=case_figures(35283, 35241, 42), sums=CASE_SUMS),
        fig(defined=case_figures(100, 90, 5), sums=CASE_SUMS),
        "“受理”100件，与“办结”90件加“正在办理”5件之和95件不一致，相差5件。",
        "受理",
        "defined[11].total",
    ),
    (
        "working_days_invalid",
        fig(working_days=30),
        fig(working_days=31),
        "工作日31天，超过6月份的30天。",
        "",
        "working_days",
    ),
    (
        "working_days_invalid",
        fig(month=datetime.date(2021, 2, 1), working_days=28),
        fig(month=datetime.date(2021, 2, 1), working_days=29),
        "工作日29天，超过2月份的28天。",
        "",
        "working_days",
    ),
    (
        "working_days_invalid",
        fig(working_days=1),
        fig(working_days=0),
        "工作日为0天；不适用时请留空。",
        "",
        "working_days",
    ),
    (
        "defined_parts_exceed",
        fig(defined=paper(1632, 407, 1225)),
        fig(defined=paper(1600, 407, 1225)),
        "“纸质评价”各分项（非常满意407条、满意1225条）合计1632条，超过总数1600条，"
        "多32条。",
        "纸质评价",
        "defined[1].total",
    ),
    (
        "defined_parts_exceed",
        fig(defined=hotline(received=268, assigned=243, redone=23)),
        fig(defined=hotline(received=260, assigned=243, redone=23)),
        "“12345热线工单”各分项（承办单243件、重新办理单23件）合计266件，"
        "超过“12345热线受理”260件，多6件。",
        "12345热线工单",
        "defined[1].total",
    ),
    (
        "defined_parts_exceed",
        fig(defined=hotline(**{**HUZHU_HOTLINE, "assigned": None})),
        fig(defined=hotline(**{**HUZHU_HOTLINE, "received": 200, "assigned": None})),
        "“12345热线受理”各分项（求助类185件、咨询类5件、投诉类75件、建议类1件）合计266件，"
        "超过总数200件，多66件。",
        "12345热线受理",
        "defined[1].total",
    ),
    (
        "report_empty",
        fig(defined=case_figures(0)),
        fig(working_days=21),
        "未填报任何办件数据，也没有主要工作。",
        "",
        "",
    ),
    (
        "defined_required",
        hall(
            required={101: "行政许可事项受理"},
            defined=dept(6, "市发展改革委", 0, 0),
        ),
        hall(
            required={101: "行政许可事项受理"},
            defined=dept(6, "市发展改革委", None, 0),
        ),
        "“行政许可事项受理”为必填指标，尚未填报。",
        "行政许可事项受理",
        "defined[101]",
    ),
    (
        "figures_missing",
        fig(defined=case_figures(1), work_item_count=2),
        fig(work_item_count=2),
        "未填报任何办件数据（指标均为空）。",
        "",
        "",
    ),
    (
        "defined_parts_sum",
        fig(defined=case_figures(10503, categories=cats((2476, None), (8027, None)))),
        fig(defined=case_figures(29447, categories=cats((1973, None), (20157, None)))),
        "“受理”各分项（行政许可事项1973件、公共服务事项20157件）合计22130件，"
        "与总数29447件不一致，相差7317件。",
        "受理",
        "defined[11].total",
    ),
    (
        "defined_parts_sum",
        fig(
            defined=case_figures(
                completed_total=10503, categories=cats((None, 2476), (None, 8027))
            )
        ),
        fig(
            defined=case_figures(
                completed_total=29447, categories=cats((None, 1973), (None, 20157))
            )
        ),
        "“办结”各分项（行政许可事项1973件、公共服务事项20157件）合计22130件，"
        "与总数29447件不一致，相差7317件。",
        "办结",
        "defined[12].total",
    ),
    (
        "defined_parts_sum",
        fig(defined=paper(1632, 407, 1225)),
        fig(defined=paper(1700, 407, 1225)),
        "“纸质评价”各分项（非常满意407条、满意1225条）合计1632条，与总数1700条"
        "不一致，相差68条。",
        "纸质评价",
        "defined[1].total",
    ),
    (
        "defined_parts_sum",
        fig(defined=hotline(received=266, assigned=243, redone=23)),
        fig(defined=hotline(received=268, assigned=243, redone=23)),
        "“12345热线工单”各分项（承办单243件、重新办理单23件）合计266件，"
        "与“12345热线受理”268件不一致，相差2件。",
        "12345热线工单",
        "defined[1].total",
    ),
    (
        "defined_parts_sum",
        fig(defined=hotline(**{**HUZHU_HOTLINE, "received": 266})),
        fig(defined=hotline(**{**HUZHU_HOTLINE, "redone": 25})),
        "“12345热线受理”各分项（求助类185件、咨询类5件、投诉类75件、建议类1件）合计266件，"
        "与总数268件不一致，相差2件。",
        "12345热线受理",
        "defined[1].total",
    ),
    (
        "defined_sums_to",
        hall(defined=summed(2476, 99, 2377)),
        hall(defined=summed(2476, 99, 2078)),
        "“行政许可事项受理”各分项合计2177件，与“受理”行政许可事项2476件不一致，"
        "相差299件。",
        "行政许可事项受理",
        "defined[201].option[31]",
    ),
    (
        "defined_sums_to",
        hall(defined=summed(2476, 99, 2377, option=None)),
        hall(defined=summed(2476, 99, 2078, option=None)),
        "“行政许可事项受理”各分项合计2177件，与“受理”总数2476件不一致，相差299件。",
        "行政许可事项受理",
        "defined[201].total",
    ),
    (
        "defined_change",
        fig(defined=case_figures(29447), previous=may(24236)),
        fig(defined=case_figures(29447), previous=may(10000)),
        "“受理”29447件，较5月份的10000件增加了19447件（194.47%），变化幅度超过50%。",
        "受理",
        "defined[11].total",
    ),
    (
        "defined_change",
        fig(defined=case_figures(24236), previous=may(24236)),
        fig(defined=case_figures(4000), previous=may(10000)),
        "“受理”4000件，较5月份的10000件减少了6000件（60%），变化幅度超过50%。",
        "受理",
        "defined[11].total",
    ),
    (
        "defined_change",
        fig(defined=case_figures(0), previous=may(0)),
        fig(defined=case_figures(12), previous=may(0)),
        "“受理”12件，5月份为0件，变化幅度超过50%。",
        "受理",
        "defined[11].total",
    ),
    (
        "rate_below_minimum",
        fig(defined=case_figures(100, 90), rates=(CASE_RATE,)),
        fig(defined=case_figures(100, 80), rates=(CASE_RATE,)),
        "“办结率”80%（“办结”80件，“受理”100件），低于下限90%。",
        "办结率",
        "defined[12].total",
    ),
    (
        "rate_below_minimum",
        fig(
            defined=case_figures(categories=cats(service=(31152, 29906))),
            rates=(CASE_RATE,),
        ),
        fig(
            defined=case_figures(categories=cats(service=(31152, 15000))),
            rates=(CASE_RATE,),
        ),
        "“办结率”（公共服务事项）48.15%（“办结”15000件，“受理”31152件），低于下限90%。",
        "办结率·公共服务事项",
        "defined[12].option[2]",
    ),
    (
        "defined_sums_to",
        hall(
            defined={
                **case_figures(categories=cats(licensing=(2476, 2476))),
                **linked(
                    (3, "市烟草局", 99),
                    (5, "市市场监管局", 299),
                    (11, "区公安局", 2078),
                ),
            },
        ),
        hall(
            defined={
                **case_figures(categories=cats(licensing=(2476, 2476))),
                **linked((3, "市烟草局", 99), (11, "区公安局", 2078)),
            },
        ),
        "“行政许可事项受理”各分项合计2177件，与“受理”行政许可事项2476件不一致，"
        "相差299件。",
        "行政许可事项受理",
        "defined[11].option[1]",
    ),
    (
        "defined_sums_to",
        hall(
            defined={
                **case_figures(categories=cats(service=(8027, 8027))),
                **linked(
                    (1, "市公安局", None, None, 1687, 1687),
                    (10, "区税务局", None, None, 6340, 6340),
                ),
            },
        ),
        hall(
            defined={
                **case_figures(categories=cats(service=(8027, 8027))),
                **linked(
                    (1, "市公安局", None, None, 1687, 1687),
                    (10, "区税务局", None, None, 6340, 6000),
                ),
            },
        ),
        "“公共服务事项办结”各分项合计7687件，与“办结”公共服务事项8027件不一致，"
        "相差340件。",
        "公共服务事项办结",
        "defined[12].option[2]",
    ),
    # Rules found from the figure definitions (DESIGN 5.3): by the definition's
    # breakdown and parts rule, never by a name.
    (
        "defined_negative",
        fig(defined={7: defined(total=0)}),
        fig(defined={7: defined(total=-3)}),
        "“跨省通办”总数为-3，不能为负数。",
        "跨省通办",
        "defined[7].total",
    ),
    (
        "defined_parts_exceed",
        fig(defined={7: defined("not_exceed", 11, (6, 5))}),
        fig(defined={7: defined("not_exceed", 10, (6, 5))}),
        "“跨省通办”各分项（平安区6件、乐都区5件）合计11件，超过总数10件，多1件。",
        "跨省通办",
        "defined[7].total",
    ),
    (
        "defined_parts_sum",
        fig(defined={7: defined("sum", 6388, (2920, 3468))}),
        fig(defined={7: defined("sum", 7173, (2920, 3468))}),
        "“跨省通办”各分项（平安区2920件、乐都区3468件）合计6388件，与总数7173件"
        "不一致，相差785件。",
        "跨省通办",
        "defined[7].total",
    ),
    (
        "level_mismatch",
        fig(
            centre_name="全州",
            defined=case_figures(7173),
            children=LevelSums(("海西州政务服务中心",), {11: 7173}),
        ),
        fig(
            centre_name="全州",
            defined=case_figures(78596),
            children=LevelSums(("海西州政务服务中心",), {11: 7173}),
        ),
        "全州填报的受理总数78596件，与下级单位（海西州政务服务中心）合计7173件"
        "不一致，相差71423件；简报以填报数为准。",
        "受理总数",
        "defined[11].total",
    ),
    (
        "defined_parts_sum",
        fig(
            defined=case_figures(
                3, categories={"行政许可事项": (1, None), "公共服务事项": (2, None)}
            )
        ),
        fig(
            defined=case_figures(
                3, categories={"行政许可事项": (1, None), "公共服务事项": (3, None)}
            )
        ),
        "“受理”各分项（行政许可事项1件、公共服务事项3件）合计4件，超过总数3件，多1件。",
        "受理",
        "defined[11].total",
    ),
    (
        "defined_sum_of",
        fig(defined=case_figures(10, 7, 3), sums=CASE_SUMS),
        fig(defined=case_figures(10, 7, 2), sums=CASE_SUMS),
        "“受理”10件，与“办结”7件加“正在办理”2件之和9件不一致，相差1件。",
        "受理",
        "defined[11].total",
    ),
    (
        "defined_change",
        fig(
            defined=case_figures(150),
            previous=PreviousTotals(MAY, defined={11: 100}),
        ),
        fig(
            defined=case_figures(151),
            previous=PreviousTotals(MAY, defined={11: 100}),
        ),
        "“受理”151件，较5月份的100件增加了51件（51%），变化幅度超过50%。",
        "受理",
        "defined[11].total",
    ),
    (
        "rate_below_minimum",
        fig(defined=case_figures(10, 9), rates=(CASE_RATE,)),
        fig(defined=case_figures(10, 8), rates=(CASE_RATE,)),
        "“办结率”80%（“办结”8件，“受理”10件），低于下限90%。",
        "办结率",
        "defined[12].total",
    ),
    (
        "defined_implausible",
        fig(
            defined={8: budget(Decimal("9000000.00"))},
            defined_history={8: (Decimal("8934000.00"), Decimal("8934000.00"))},
        ),
        fig(
            defined={8: budget(Decimal("89340000000.00"))},
            defined_history={8: (Decimal("8934000.00"), Decimal("8934000.00"))},
        ),
        "“政府采购预算”本期8934000.00万元，是此前2期平均893.40万元的10000倍，"
        "请核实是否填错单位或多填了位数。",
        "政府采购预算",
        "defined[8].total",
    ),
]
IDS = [f"{case[0]}-{n}" for n, case in enumerate(CASES)]


@pytest.mark.parametrize(
    ("code", "passing", "failing", "message", "subject", "field"), CASES, ids=IDS
)
def test_rule_fires_on_the_failing_report_only(
    code, passing, failing, message, subject, field
):
    level = validation.RULES_BY_CODE[code].level
    assert of_rule(validate(passing), code) == []
    assert of_rule(validate(failing), code) == [
        Finding(code, level, message, subject, field)
    ]


def test_every_rule_of_the_registry_is_tested():
    assert {case[0] for case in CASES} == {rule.code for rule in validation.RULES}


def test_registry_codes_are_unique_and_levels_known():
    codes = [rule.code for rule in validation.RULES]
    assert len(codes) == len(set(codes))
    assert {rule.level for rule in validation.RULES} == {"error", "warning"}
    assert all(rule.title for rule in validation.RULES)


def test_the_levels_are_those_of_design_3_4():
    errors = {rule.code for rule in validation.RULES if rule.level == "error"}
    assert errors == {
        "negative_number",
        "working_days_invalid",
        "report_empty",
        "defined_required",
        "defined_negative",
        "defined_parts_exceed",
        "defined_exceeds_bound",
    }


def test_errors_come_before_warnings():
    findings = validate(
        fig(
            defined=case_figures(
                29447, 29448, categories=cats((1973, None), (20157, None))
            )
        )
    )
    assert [f.level for f in findings] == ["error", "warning"]
    assert findings[0].level_label == "错误"
    assert findings[1].level_label == "预警"
    assert findings[1].key == ("defined_parts_sum", "受理")


# --- blank is not 0 ---------------------------------------------------------------


@pytest.mark.parametrize(
    "figures",
    [
        fig(defined=case_figures(None, 12)),
        fig(defined=case_figures(categories=cats(service=(None, 5)))),
        fig(defined=hotline(received=None, completed=5)),
        fig(defined=case_figures(5, None, None), sums=CASE_SUMS),
        fig(defined=case_figures(None, categories=cats((1973, 1973), (20157, 20157)))),
        fig(defined=paper(None, 407, 1225)),
        fig(defined=paper(1632)),
        fig(defined=hotline(received=None, **{"assigned": 243, "redone": 23})),
        fig(defined=hotline(received=268)),
        fig(defined=case_figures(29447), previous=PreviousTotals(MAY)),
        fig(defined=case_figures(None, 5), previous=may(24236)),
        fig(defined=case_figures(29447), previous=None),
        fig(defined=case_figures(0, 0), rates=(CASE_RATE,)),
        fig(working_days=None, defined=case_figures(1)),
        hall(
            defined={**case_figures(1), **dept(3, "市烟草局", 99, 99)},
        ),
    ],
)
def test_a_rule_with_blank_inputs_stays_silent(figures):
    assert validate(figures) == []


def test_a_stated_zero_is_a_figure():
    # 0 accepted in every category does not add up to a total of 5.
    findings = validate(fig(defined=case_figures(5, categories=cats((0, 0), (0, 0)))))
    assert [f.message for f in findings] == [
        "“受理”各分项（行政许可事项0件、公共服务事项0件）合计0件，与总数5件不一致，"
        "相差5件。"
    ]


def test_a_report_of_zeros_is_not_empty():
    figures = fig(defined=case_figures(0, 0, 0), sums=CASE_SUMS, rates=(CASE_RATE,))
    assert validate(figures) == []


def test_a_report_of_blanks_is_empty_even_with_working_days():
    assert [f.rule for f in validate(fig(working_days=21))] == ["report_empty"]


def test_a_category_completed_unknown_makes_the_completed_sum_unknown():
    # 互助县: 公共服务 printed only as a rate, so its completed count is blank.
    figures = fig(
        defined=case_figures(
            35283, 35241, 42, categories=cats((489, 489), (31152, None))
        ),
        sums=CASE_SUMS,
    )
    assert [(f.rule, f.subject) for f in validate(figures)] == [
        ("defined_parts_sum", "受理")
    ]


def test_a_blank_rating_level_counts_as_none_given():
    assert validate(fig(defined=paper(1632, 407, 1225, None, None, None))) == []


def test_a_partial_hotline_breakdown_that_already_exceeds_is_an_error():
    findings = validate(fig(defined=hotline(received=200, assigned=243)))
    assert [f.rule for f in findings] == ["defined_parts_exceed"]
    assert (
        findings[0].message
        == "“12345热线工单”各分项（承办单243件）合计243件，超过“12345热线受理”200件，"
        "多43件。"
    )


def test_department_table_sum_ignores_a_blank_column():
    figures = hall(
        defined={
            **case_figures(categories=cats((2476, 2476), (8027, 8027))),
            **linked((11, "区公安局", 2476, 2476)),
        },
    )
    assert validate(figures) == []


@pytest.mark.django_db
def test_required_only_for_the_units_of_its_kind():
    """``required`` with ``unit_kind``: a hall's saved report without its
    table is refused naming each required figure; a district's is not."""
    hall_report = case_values(
        MonthlyReportFactory(centre=HallFactory()), accepted_total=5
    )
    district = case_values(
        MonthlyReportFactory(centre=CentreFactory()), accepted_total=5
    )
    assert [(f.rule, f.subject) for f in validate_report(hall_report)] == [
        ("defined_required", "行政许可事项受理"),
        ("defined_required", "公共服务事项受理"),
    ]
    assert validate_report(district) == []
    department_values(
        hall_report, department(), licensing_accepted=0, service_accepted=0
    )
    assert validate_report(hall_report) == []


# --- limits are the definitions' ------------------------------------------------


def test_the_change_limit_is_the_definitions():
    def accepted(limit):
        return fig(defined=case_figures(29447, change_limit=limit), previous=may(24236))

    assert validate(accepted(Decimal("50"))) == []
    assert [f.message for f in validate(accepted(Decimal("20")))] == [
        "“受理”29447件，较5月份的24236件增加了5211件（21.5%），变化幅度超过20%。"
    ]
    assert validate(accepted(Decimal("21.51"))) == []


def test_a_change_exactly_at_the_limit_does_not_fire():
    assert validate(fig(defined=case_figures(150), previous=may(100))) == []
    assert validate(fig(defined=case_figures(50), previous=may(100))) == []


def test_the_rate_minimum_is_the_rates():
    def rate(minimum):
        return fig(
            defined=case_figures(35283, 35241),
            rates=(replace(CASE_RATE, minimum=minimum),),
        )

    assert validate(rate(Decimal("90"))) == []
    assert [f.message for f in validate(rate(Decimal("99.9")))] == [
        "“办结率”99.88%（“办结”35241件，“受理”35283件），低于下限99.9%。"
    ]
    # 35241 / 35283 = 0.99880…: exact arithmetic, no float rounding.
    assert validate(rate(Decimal("99.88"))) == []


def test_a_rate_of_nothing_accepted_is_not_low():
    rates = (replace(CASE_RATE, minimum=Decimal("100")),)
    assert validate(fig(defined=case_figures(0, 0), rates=rates)) == []


# --- from the database --------------------------------------------------------------


def _codes(figures):
    return {f.code: f for f in figures.defined.values()}


@pytest.mark.django_db
def test_report_figures_reads_every_section():
    centre = CentreFactory(
        name="互助县政务服务中心", short_name="互助县", kind="county"
    )
    may_report = case_values(
        MonthlyReportFactory(centre=centre, month=MAY, status="approved"),
        accepted_total=30000,
    )
    report = MonthlyReportFactory(centre=centre, working_days=21)
    case_values(
        report,
        accepted_total=35283,
        completed_total=35241,
        in_progress_total=42,
        categories={"行政许可事项": (489, 489)},
    )
    rating_values(report, "纸质评价", total=1632, very_satisfied=407)
    hotline_values(report, received=268, assigned=243)
    WorkItemFactory(report=report)
    WorkItemFactory(report=report)
    figures = report_figures(report)
    assert figures.month == JUNE
    assert figures.centre_name == "互助县政务服务中心"
    assert figures.centre_kind == "county"
    by_code = _codes(figures)
    assert (by_code["cases_accepted"].total, by_code["cases_completed"].total) == (
        35283,
        35241,
    )
    assert (by_code["cases_in_progress"].total, figures.working_days) == (42, 21)
    assert [(p.name, p.value) for p in by_code["cases_accepted"].parts] == [
        ("行政许可事项", 489)
    ]
    assert by_code["rating_paper"].name == "纸质评价"
    assert by_code["rating_paper"].total == 1632
    assert [(p.name, p.value) for p in by_code["rating_paper"].parts] == [
        ("非常满意", 407)
    ]
    assert by_code["hotline_received"].total == 268
    assert [(p.name, p.value) for p in by_code["hotline_orders"].parts] == [
        ("承办单", 243)
    ]
    assert figures.work_item_count == 2
    accepted = by_code["cases_accepted"].definition_id
    assert figures.previous == PreviousTotals(MAY, defined={accepted: 30000})
    assert figures.sums == {
        accepted: (
            by_code["cases_completed"].definition_id,
            by_code["cases_in_progress"].definition_id,
        )
    }
    assert "cases_completion" in {r.code for r in figures.rates}
    assert figures.report_id == report.pk
    assert report_figures(may_report).previous is None


@pytest.mark.django_db
def test_only_an_approved_previous_month_is_compared():
    centre = CentreFactory()
    case_values(MonthlyReportFactory(centre=centre, month=MAY), accepted_total=100)
    report = case_values(MonthlyReportFactory(centre=centre), accepted_total=1000)
    assert report_figures(report).previous is None
    assert validate_report(report) == []


@pytest.mark.django_db
def test_validate_report_on_a_saved_hall_report():
    centre = HallFactory()
    report = case_values(
        MonthlyReportFactory(centre=centre),
        accepted_total=2476,
        categories={"行政许可事项": (2476, 2476)},
    )
    police = department("市公安局")
    department_values(report, police, licensing_accepted=2400, service_accepted=0)
    # The table's columns sum to the case categories (the links of 0023).
    assert [f.rule for f in validate_report(report)] == ["defined_sums_to"]
    assert validate_report(report)[0].message == (
        "“行政许可事项受理”各分项合计2400件，与“受理”行政许可事项2476件不一致，"
        "相差76件。"
    )
    FigureValue.objects.filter(
        report=report, definition__code="hall_licensing_accepted"
    ).update(value=2476)
    assert validate_report(report) == []


@pytest.mark.django_db
def test_findings_for_month_in_a_constant_number_of_queries(django_assert_num_queries):
    def add_report(n):
        report = case_values(
            MonthlyReportFactory(centre=CentreFactory()),
            accepted_total=n,
            categories={"行政许可事项": (n + 1, None)},
        )
        hotline_values(report, received=1, completed=2)
        rating_values(report, "网上评价", total=n, very_satisfied=n)
        WorkItemFactory(report=report)
        return report

    first = add_report(10)
    bureau = default_bureau()
    # Reports and their rows (figure values included), the previous month's
    # figures, the child units' reports and figures, the figure history, the
    # bureau's sum links and rates: the same for one report as for five.
    with django_assert_num_queries(8):
        one = validation.findings_for_month(JUNE, bureau=bureau)
    for n in range(4):
        add_report(20 + n)
    with django_assert_num_queries(8):
        many = validation.findings_for_month(JUNE, bureau=bureau)
    assert len(many) == 5
    assert [f.rule for f in one[first.pk]] == [
        "defined_exceeds_bound",
        "defined_parts_sum",
    ]
    assert many[first.pk] == one[first.pk]


@pytest.mark.django_db
def test_findings_for_month_of_an_empty_month():
    assert validation.findings_for_month(JUNE, bureau=default_bureau()) == {}


def test_a_rate_of_two_definitions_on_one_breakdown_is_checked_per_option():
    figures = fig(
        defined=case_figures(
            10, 10, categories={"行政许可事项": (4, 3), "公共服务事项": (6, 7)}
        ),
        rates=(CASE_RATE,),
    )
    # The total 100% passes; 行政许可事项 75% is below; 公共服务事项 7 of 6 is
    # the bound's error, not a low rate.
    assert of_rule(validate(figures), "rate_below_minimum") == [
        Finding(
            "rate_below_minimum",
            "warning",
            "“办结率”（行政许可事项）75%（“办结”3件，“受理”4件），低于下限90%。",
            "办结率·行政许可事项",
            "defined[12].option[1]",
        )
    ]


def test_a_change_from_zero_or_without_a_limit():
    before = PreviousTotals(MAY, defined={11: 0})
    moved = validate(fig(defined=case_figures(5), previous=before))
    assert [f.message for f in of_rule(moved, "defined_change")] == [
        "“受理”5件，5月份为0件，变化幅度超过50%。"
    ]
    unlimited = fig(defined=case_figures(5, change_limit=None), previous=before)
    assert of_rule(validate(unlimited), "defined_change") == []
    # A blank side or a sum link to a blank figure says nothing.
    assert (
        of_rule(
            validate(fig(defined=case_figures(10, 7), sums=CASE_SUMS)), "defined_sum_of"
        )
        == []
    )
