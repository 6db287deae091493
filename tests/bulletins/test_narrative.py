"""Sentence builders: the seed's sentences written right, and every text rule."""

import doctest
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bulletins.narrative
from bulletins.narrative import (
    CentreSummary,
    HotlineFigures,
    PeriodText,
    RatingFigures,
    TradeLine,
    base,
    case_clauses,
    cases,
    centre_summary_text,
    comparison_clause,
    hall_cases_text,
    hotline,
    hotline_text,
    item_lead,
    rating_clause,
    ratings,
    ratings_text,
    trades,
    trades_text,
)
from submissions.figure_types import CategoryFigures

JUNE = PeriodText("6月份", "5月份")


def line(name, accepted, completed):
    """A case category's figures, the one type the selectors give the narrative."""
    return CategoryFigures(0, name, accepted, completed)


Q3 = PeriodText("三季度", "二季度")

# Half-width marks that must never appear in generated Chinese text.
HALF_WIDTH = re.compile(r"[,;:()?!\"']")

SEED_TRADES = [
    TradeLine("工程建设", "件", 54, Decimal("269550000.00")),
    TradeLine("政府采购", "项", 162, Decimal("144000000")),
    TradeLine("采矿(探矿)权出让", "宗", 0, Decimal("0")),
    TradeLine("土地使用权出让", "宗", 8, Decimal("359110000")),
    TradeLine("国有产权交易", "宗", 0, Decimal("0")),
]

HUZHU_HOTLINE = HotlineFigures(
    received=268,
    assigned=243,
    redone=23,
    completed=218,
    help_requests=185,
    consultations=5,
    complaints=75,
    suggestions=1,
    mayor_mailbox_received=1,
    mayor_mailbox_completed=0,
    netizen_received=0,
    netizen_completed=0,
    provincial_received=44,
    provincial_completed=37,
)
HUZHU = {"area": "互助县", "days": 30}


@pytest.mark.parametrize(
    "module", [bulletins.narrative, base, cases, hotline, ratings, trades]
)
def test_docstring_examples_hold(module):
    result = doctest.testmod(module)
    assert result.failed == 0


# --- 1.办件情况 ---------------------------------------------------------------


def test_hall_cases_seed_sentence():
    text = hall_cases_text(
        JUNE,
        [
            line("行政许可事项", 2476, 2476),
            line("公共服务事项", 8027, 8027),
        ],
    )
    assert text == (
        "6月份，窗口受理行政许可事项、公共服务事项共计10503件。其中，行政许可事项"
        "受理2476件，办结2476件，办结率100%；公共服务事项受理8027件，办结8027件，"
        "办结率100%（详见附件1）。"
    )


def test_hall_cases_rate_below_100_and_explicit_total():
    text = hall_cases_text(
        JUNE,
        [line("行政许可事项", 2476, 2473), line("公共服务事项", 8027, 8027)],
        total=10600,
        reference="附件1",
    )
    assert "共计10600件" in text
    assert "办结2473件，办结率99.88%；" in text


def test_hall_cases_blank_category_is_left_out_and_zero_is_stated():
    text = hall_cases_text(
        JUNE,
        [
            line("行政许可事项", 0, 0),
            line("公共服务事项", 8027, 8027),
            line("便民服务事项", None, None),
        ],
    )
    assert "便民服务事项" not in text
    assert "行政许可事项受理0件，办结0件；" in text  # 0 of 0: no rate, never 0%
    assert "0%" not in text.replace("100%", "")
    assert "—" not in text


def test_hall_cases_nothing_to_say():
    assert hall_cases_text(JUNE, []) == ""
    assert hall_cases_text(JUNE, [line("行政许可事项", None, None)]) == ""


def test_case_clause_with_blank_completed_has_no_rate():
    assert case_clauses([line("行政许可事项", 489, None)]) == "行政许可事项受理489件"


# --- 2.公共资源交易情况 ---------------------------------------------------------


def test_trades_seed_sentence_with_correct_rounding():
    text = trades_text(JUNE, SEED_TRADES)
    assert text == (
        "6月份，公共资源交易总量为224件，交易金额为7.73亿元。其中，工程建设54件，"
        "交易金额2.70亿元；政府采购162项，交易金额1.44亿元；采矿（探矿）权出让无交易；"
        "土地使用权出让8宗，交易金额3.59亿元；国有产权交易无交易。"
    )
    assert "7.72" not in text and "2.69" not in text


def test_trades_total_is_rounded_from_the_exact_sum():
    # Three groups of 0.004亿元: each rounds to 0.00, their exact sum 0.012 to 0.01.
    groups = [TradeLine(f"类{i}", "件", 1, Decimal("400000")) for i in range(3)]
    text = trades_text(JUNE, groups)
    assert text.startswith("6月份，公共资源交易总量为3件，交易金额为0.01亿元。")
    assert text.count("交易金额不足0.01亿元") == 3


def test_trades_explicit_totals_win():
    text = trades_text(
        JUNE, SEED_TRADES, total_count=230, total_amount=Decimal("800000000")
    )
    assert text.startswith("6月份，公共资源交易总量为230件，交易金额为8.00亿元。")


def test_trades_measure_word_per_category():
    text = trades_text(JUNE, SEED_TRADES)
    assert "政府采购162项" in text
    assert "土地使用权出让8宗" in text
    assert "工程建设54件" in text
    assert "总量为224件" in text


def test_trades_none_at_all():
    groups = [TradeLine("政府采购", "项", 0, Decimal(0))]
    assert trades_text(JUNE, groups) == "6月份，无公共资源交易。"
    assert trades_text(JUNE, []) == ""


def test_trades_blank_group_is_left_out():
    groups = [
        TradeLine("政府采购", "项", 2, Decimal("1000000")),
        TradeLine("国有产权交易", "宗", None, None),
    ]
    text = trades_text(JUNE, groups)
    assert "国有产权交易" not in text
    assert text.endswith("其中，政府采购2项，交易金额0.01亿元。")


# --- a centre's summary --------------------------------------------------------

PINGAN = CentreSummary(
    accepted=29447,
    completed=29447,
    working_days=29,
    previous_accepted=24236,
    categories=(
        line("行政许可事项", 1973, 1973),
        line("公共服务事项", 20157, 20157),
    ),
)


def test_centre_summary_seed_pingan():
    assert centre_summary_text(JUNE, PINGAN) == (
        "6月份，中心共受理各类事项29447件，较5月份的24236件增加了5211件，日均办件量"
        "1015件（29个工作日），办结29447件，办结率100%。其中，行政许可事项受理1973件，"
        "办结1973件，办结率100%；公共服务事项受理20157件，办结20157件，办结率100%。"
    )


def test_centre_summary_seed_minhe_three_categories():
    text = centre_summary_text(
        JUNE,
        CentreSummary(
            accepted=31551,
            completed=31551,
            working_days=21,
            categories=(
                line("行政许可事项", 1756, 1756),
                line("公共服务事项", 24419, 24419),
                line("便民服务事项", 5376, 5376),
            ),
        ),
    )
    assert text.startswith(
        "6月份，中心共受理各类事项31551件，日均办件量1502件（21个工作日），"
        "办结31551件，办结率100%。"
    )
    assert "较" not in text  # no previous figure: no comparison clause
    assert "便民服务事项受理5376件，办结5376件，办结率100%。" in text


def test_centre_summary_in_progress_and_partial_rate():
    text = centre_summary_text(
        JUNE, CentreSummary(accepted=35283, completed=35241, in_progress=42)
    )
    assert text == (
        "6月份，中心共受理各类事项35283件，办结35241件，正在办理42件，办结率99.88%。"
    )


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (29447, 24236, "较5月份的24236件增加了5211件"),
        (20000, 24236, "较5月份的24236件减少了4236件"),
        (24236, 24236, "与5月份的24236件持平"),
        (5, 0, "较5月份的0件增加了5件"),
        (0, 5, "较5月份的5件减少了5件"),
        (100, None, ""),
        (None, 100, ""),
    ],
)
def test_comparison_clause(current, previous, expected):
    assert comparison_clause(JUNE, current, previous) == expected


def test_centre_summary_quarter_labels():
    text = centre_summary_text(
        Q3, CentreSummary(accepted=90000, previous_accepted=80000, working_days=64)
    )
    assert text == (
        "三季度，中心共受理各类事项90000件，较二季度的80000件增加了10000件，"
        "日均办件量1406件（64个工作日）。"
    )


def test_centre_summary_blank_vs_zero():
    text = centre_summary_text(
        JUNE,
        CentreSummary(accepted=0, completed=0, in_progress=0, working_days=21),
    )
    # Zeros are stated; 0 of 0 has no rate (never 0%, and "—" is for tables).
    assert text == (
        "6月份，中心共受理各类事项0件，日均办件量0件（21个工作日），办结0件，正在办理0件。"
    )
    assert centre_summary_text(JUNE, CentreSummary(accepted=None)) == ""
    blank_days = centre_summary_text(JUNE, CentreSummary(accepted=10, working_days=0))
    assert "日均" not in blank_days
    only_categories = CentreSummary(
        accepted=None, categories=(line("行政许可事项", 5, 5),)
    )
    assert centre_summary_text(JUNE, only_categories) == (
        "6月份，行政许可事项受理5件，办结5件，办结率100%。"
    )


def test_centre_summary_uses_jian_throughout():
    text = centre_summary_text(JUNE, PINGAN)
    assert "项" not in text.replace("事项", "")


# --- 好差评 ----------------------------------------------------------------------


def test_ratings_seed_ledu():
    text = ratings_text(JUNE, [RatingFigures(1, "", 13358, 1202, 11622, 534)])
    assert text == (
        "在好差评方面，6月份共收到评价13358条，其中：非常满意1202条，满意11622条，"
        "基本满意534条，满意率100%。"
    )


def test_ratings_seed_minhe_paper_channel():
    clause = rating_clause(RatingFigures(1, "纸质评价", 1632, 407, 1225))
    assert clause == "共收到纸质评价1632条，其中：非常满意407条，满意1225条，满意率100%"


def test_ratings_dissatisfied_counts_against_the_rate_and_zero_is_printed():
    clause = rating_clause(RatingFigures(1, "网上评价", 100, 50, 40, 5, 5, 0))
    assert clause == (
        "共收到网上评价100条，其中：非常满意50条，满意40条，基本满意5条，不满意5条，"
        "非常不满意0条，满意率95%"
    )


def test_ratings_several_channels_and_blank():
    text = ratings_text(
        Q3,
        [
            RatingFigures(1, "网上评价", 10, 10),
            RatingFigures(1, "纸质评价", None, None),
            RatingFigures(1, "纸质评价", 0, 0, 0),
        ],
    )
    assert text == (
        "在好差评方面，三季度共收到网上评价10条，其中：非常满意10条，满意率100%；"
        "共收到纸质评价0条。"
    )
    assert ratings_text(JUNE, [RatingFigures(1, "纸质评价")]) == ""


# --- 12345 hotline ---------------------------------------------------------------


def test_hotline_seed_huzhu():
    assert hotline_text(JUNE, HUZHU_HOTLINE, **HUZHU) == (
        "6月份，互助县12345市民服务热线共受理268件（其中承办单243件，重新办理单23件），"
        "日均受理9件，办结218件。其中，按办件性质分：求助类185件，占69.03%；咨询类5件，"
        "占1.87%；投诉类75件，占27.99%；建议类1件，占0.37%。"
        "受理市政府门户网站“市长信箱”1件，办结0件。"
        "受理市政府门户网站“网民留言”0件，办结0件。"
        "受理青海省“12345”政务服务热线44件，办结37件。"
    )


def test_hotline_blank_sections_produce_no_clause():
    text = hotline_text(JUNE, HotlineFigures(received=10), **HUZHU)
    assert text == "6月份，互助县12345市民服务热线共受理10件，日均受理0件。"
    assert hotline_text(JUNE, HotlineFigures(), **HUZHU) == ""


def test_hotline_zero_received_states_counts_without_shares():
    text = hotline_text(JUNE, HotlineFigures(received=0, help_requests=0), **HUZHU)
    assert "其中，按办件性质分：求助类0件。" in text
    assert "占" not in text


def test_hotline_shares_need_a_received_total():
    text = hotline_text(JUNE, HotlineFigures(help_requests=3), area="互助县", days=None)
    assert text == "6月份，互助县12345热线按办件性质分：求助类3件。"


# --- work items and general rules --------------------------------------------------


def test_item_lead():
    assert item_lead(1, "积极推动政务服务五级联动建设") == (
        "1.积极推动政务服务五级联动建设。"
    )
    assert item_lead(2, "亮身份、亮职责、亮承诺。") == "2.亮身份、亮职责、亮承诺。"
    assert item_lead(3, "“少跑快办”,优化服务") == "3.“少跑快办”，优化服务。"


def test_no_half_width_punctuation_in_any_seed_sentence():
    texts = [
        hall_cases_text(JUNE, [line("行政许可事项", 2476, 2476)]),
        trades_text(JUNE, SEED_TRADES),
        centre_summary_text(JUNE, PINGAN),
        ratings_text(JUNE, [RatingFigures(1, "", 13358, 1202, 11622, 534)]),
        hotline_text(JUNE, HUZHU_HOTLINE, **HUZHU),
    ]
    for text in texts:
        assert not HALF_WIDTH.search(text), text


counts = st.one_of(st.none(), st.integers(0, 10**6))


@given(counts, counts)
def test_case_clause_never_prints_an_unequal_100_percent(accepted, completed):
    if accepted is not None and completed is not None:
        completed = min(completed, accepted)
    text = case_clauses([line("行政许可事项", accepted, completed)])
    if "100%" in text:
        assert accepted == completed
    assert "办结率0%" not in text or completed == 0 < accepted
    if accepted is None:
        assert text == ""
