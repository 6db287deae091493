"""The sentences of 海东's shipped profile, from its templates and the values
``bulletins.profiles.values`` computes: the seed's sentences written right, and
every text rule (blanks say nothing, zeros are stated, 0 of 0 has no rate)."""

import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bulletins.periods import Period
from bulletins.profiles import default_profile, figure_values, values
from bulletins.profiles.editing import item_lead
from bulletins.profiles.sandbox import render
from bulletins.selectors import CentreFigures
from submissions.figure_types import CategoryFigures
from tests.factories import case_figures, hotline_figures, rating_figures

PROFILE = default_profile()
WORDS, UNITS, CASES = PROFILE["words"], PROFILE["units"], PROFILE["cases"]
JUNE = Period.month(2021, 6)
Q3 = Period.quarter(2021, 3)

# Half-width marks that must never appear in generated Chinese text.
HALF_WIDTH = re.compile(r"[,;:()?!\"']")


def _block(kind, blocks=None):
    for block in PROFILE["blocks"] if blocks is None else blocks:
        if block["kind"] == kind:
            return block
        found = _block(kind, block.get("blocks", []))
        if found:
            return found
    return None


def _categories(*lines):
    return tuple(
        CategoryFigures(n, name, accepted, completed)
        for n, (name, accepted, completed) in enumerate(lines, start=1)
    )


def centre(
    accepted=None,
    completed=None,
    in_progress=None,
    previous_accepted=None,
    categories=(),
    defined=(),
    **figures,
):
    """A unit's ``CentreFigures``, its case figures (by the summary's names)
    as the shipped profile's case definitions."""
    cases = case_figures(
        accepted,
        completed,
        in_progress,
        categories={c.name: (c.accepted, c.completed) for c in categories},
    )
    base = dict(
        centre_id=1,
        name="平安区政务服务中心",
        short_name="平安区",
        is_hall=False,
        report_ids=(),
        months=(),
        complete=True,
        working_days=None,
        work_items=(),
        defined=(*cases.values(), *defined),
        previous=tuple(case_figures(previous_accepted).values()),
    )
    return CentreFigures(**{**base, **figures})


def summary_text(period=JUNE, **figures):
    context = values.summary(centre(**figures), period, WORDS, UNITS, CASES)
    return render(_block("centres")["summary"], context)


def ratings_text(*rows, period=JUNE):
    defined, rates = rating_figures(*rows)
    subject = centre(defined=defined, rates=rates)
    context = figure_values.unit_figures(subject, period, WORDS, UNITS)
    return render(_block("centres")["ratings"], context)


def hotline_text(area="互助县", **figures):
    subject = centre(
        short_name=area, defined=tuple(hotline_figures(**figures).values())
    )
    context = figure_values.unit_figures(subject, JUNE, WORDS, UNITS)
    return render(_block("centres")["figures"], context)


def hall_text(*lines, reference="附件1"):
    figures = SimpleNamespace(period=JUNE, hall=centre(categories=_categories(*lines)))
    context = values.hall_cases(figures, WORDS, UNITS, reference, CASES)
    return render(_block("hall_cases")["template"], context)


def trades_text(groups, count=None, amount=None):
    given_counts = [g[2] for g in groups if g[2] is not None]
    if count is None and given_counts:
        count = sum(given_counts)
    if amount is None:
        amount = sum((g[3] for g in groups if g[2]), Decimal(0))
    no_measures = dict(savings=None, premium=None)
    trades = SimpleNamespace(
        total=SimpleNamespace(count=count, amount=amount, **no_measures),
        groups=[
            SimpleNamespace(
                name=n,
                measure_word=w,
                count=c,
                amount=a,
                in_total=True,
                amount_printed=True,
                **no_measures,
            )
            for n, w, c, a in groups
        ],
    )
    figures = SimpleNamespace(period=JUNE, trades=trades)
    context = values.trades(figures, WORDS, UNITS)
    return render(_block("trades")["template"], context)


SEED_TRADES = [
    ("工程建设", "件", 54, Decimal("269550000.00")),
    ("政府采购", "项", 162, Decimal("144000000")),
    ("采矿(探矿)权出让", "宗", 0, Decimal("0")),
    ("土地使用权出让", "宗", 8, Decimal("359110000")),
    ("国有产权交易", "宗", 0, Decimal("0")),
]

PINGAN = dict(
    accepted=29447,
    completed=29447,
    working_days=29,
    previous_accepted=24236,
    categories=_categories(
        ("行政许可事项", 1973, 1973), ("公共服务事项", 20157, 20157)
    ),
)

HUZHU = dict(
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

# --- 1.办件情况 ---------------------------------------------------------------


def test_hall_cases_seed_sentence():
    assert hall_text(("行政许可事项", 2476, 2476), ("公共服务事项", 8027, 8027)) == (
        "6月份，窗口受理行政许可事项、公共服务事项共计10503件。其中，行政许可事项"
        "受理2476件，办结2476件，办结率100%；公共服务事项受理8027件，办结8027件，"
        "办结率100%（详见附件1）。"
    )


def test_hall_cases_rate_below_100():
    text = hall_text(("行政许可事项", 2476, 2473), ("公共服务事项", 8027, 8027))
    assert "共计10503件" in text
    assert "办结2473件，办结率99.88%；" in text


def test_hall_cases_blank_category_is_left_out_and_zero_is_stated():
    text = hall_text(
        ("行政许可事项", 0, 0),
        ("公共服务事项", 8027, 8027),
        ("便民服务事项", None, None),
    )
    assert "便民服务事项" not in text
    assert "行政许可事项受理0件，办结0件；" in text  # 0 of 0: no rate, never 0%
    assert "0%" not in text.replace("100%", "")
    assert "—" not in text


def test_hall_cases_nothing_to_say_and_no_reference():
    assert hall_text() == ""
    assert hall_text(("行政许可事项", None, None)) == ""
    assert hall_text(("行政许可事项", 489, None), reference="") == (
        "6月份，窗口受理行政许可事项共计489件。其中，行政许可事项受理489件。"
    )


# --- 2.公共资源交易情况 ---------------------------------------------------------


def test_trades_seed_sentence_with_correct_rounding():
    text = trades_text(SEED_TRADES)
    assert text == (
        "6月份，公共资源交易总量为224件，交易金额为7.73亿元。其中，工程建设54件，"
        "交易金额2.70亿元；政府采购162项，交易金额1.44亿元；采矿（探矿）权出让无交易；"
        "土地使用权出让8宗，交易金额3.59亿元；国有产权交易无交易。"
    )
    assert "7.72" not in text and "2.69" not in text


def test_trades_total_is_rounded_from_the_exact_sum():
    # Three groups of 0.004亿元: each rounds to 0.00, their exact sum 0.012 to 0.01.
    text = trades_text([(f"类{i}", "件", 1, Decimal("400000")) for i in range(3)])
    assert text.startswith("6月份，公共资源交易总量为3件，交易金额为0.01亿元。")
    assert text.count("交易金额不足0.01亿元") == 3


def test_trades_none_at_all_and_blank_group():
    assert trades_text([("政府采购", "项", 0, Decimal(0))]) == "6月份，无公共资源交易。"
    assert trades_text([]) == ""
    text = trades_text(
        [("政府采购", "项", 2, Decimal("1000000")), ("国有产权交易", "宗", None, None)]
    )
    assert "国有产权交易" not in text
    assert text.endswith("其中，政府采购2项，交易金额0.01亿元。")


# --- a centre's summary --------------------------------------------------------


def test_centre_summary_seed_pingan():
    assert summary_text(**PINGAN) == (
        "6月份，中心共受理各类事项29447件，较5月份的24236件增加了5211件，日均办件量"
        "1015件（29个工作日），办结29447件，办结率100%。其中，行政许可事项受理1973件，"
        "办结1973件，办结率100%；公共服务事项受理20157件，办结20157件，办结率100%。"
    )
    assert "项" not in summary_text(**PINGAN).replace("事项", "")


def test_centre_summary_in_progress_and_partial_rate():
    assert summary_text(accepted=35283, completed=35241, in_progress=42) == (
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
    ],
)
def test_comparison_clause(current, previous, expected):
    text = summary_text(accepted=current, previous_accepted=previous)
    assert (
        text
        == f"6月份，中心共受理各类事项{current}件{'，' if expected else ''}{expected}。"
    )


def test_centre_summary_quarter_labels():
    assert summary_text(
        Q3, accepted=90000, previous_accepted=80000, working_days=64
    ) == (
        "三季度，中心共受理各类事项90000件，较二季度的80000件增加了10000件，"
        "日均办件量1406件（64个工作日）。"
    )


def test_centre_summary_blank_vs_zero():
    # Zeros are stated; 0 of 0 has no rate (never 0%, and "—" is for tables).
    assert summary_text(accepted=0, completed=0, in_progress=0, working_days=21) == (
        "6月份，中心共受理各类事项0件，日均办件量0件（21个工作日），办结0件，正在办理0件。"
    )
    assert summary_text(previous_accepted=100) == ""
    assert "日均" not in summary_text(accepted=10, working_days=0)
    assert summary_text(categories=_categories(("行政许可事项", 5, 5))) == (
        "6月份，行政许可事项受理5件，办结5件，办结率100%。"
    )


# --- 好差评 ----------------------------------------------------------------------


def test_ratings_seed_ledu():
    assert ratings_text(("", 13358, 1202, 11622, 534, None, None)) == (
        "在好差评方面，6月份共收到评价13358条，其中：非常满意1202条，满意11622条，"
        "基本满意534条，满意率100%。"
    )


def test_ratings_total_defaults_to_the_levels_and_dissatisfied_count_against():
    assert ratings_text(("纸质评价", None, 407, 1225, None, None, None)) == (
        "在好差评方面，6月份共收到纸质评价1632条，其中：非常满意407条，满意1225条，"
        "满意率100%。"
    )
    assert ratings_text(("网上评价", 100, 50, 40, 5, 5, 0)) == (
        "在好差评方面，6月份共收到网上评价100条，其中：非常满意50条，满意40条，"
        "基本满意5条，不满意5条，非常不满意0条，满意率95%。"
    )


def test_ratings_several_channels_and_blank():
    assert ratings_text(
        ("网上评价", 10, 10, None, None, None, None),
        ("纸质评价", None, None, None, None, None, None),
        ("纸质评价", 0, 0, 0, None, None, None),
        period=Q3,
    ) == (
        "在好差评方面，三季度共收到网上评价10条，其中：非常满意10条，满意率100%；"
        "共收到纸质评价0条。"
    )
    assert ratings_text(("纸质评价", None, None, None, None, None, None)) == ""


# --- 12345 hotline ---------------------------------------------------------------


def test_hotline_seed_huzhu():
    assert hotline_text(**HUZHU) == (
        "6月份，互助县12345市民服务热线共受理268件（其中承办单243件，重新办理单23件），"
        "日均受理9件，办结218件。其中，按办件性质分：求助类185件，占69.03%；咨询类5件，"
        "占1.87%；投诉类75件，占27.99%；建议类1件，占0.37%。"
        "受理市政府门户网站“市长信箱”1件，办结0件。"
        "受理市政府门户网站“网民留言”0件，办结0件。"
        "受理青海省“12345”政务服务热线44件，办结37件。"
    )


def test_hotline_blanks_zeros_and_shares():
    assert hotline_text(received=10) == (
        "6月份，互助县12345市民服务热线共受理10件，日均受理0件。"
    )
    assert hotline_text() == ""
    zero = hotline_text(received=0, help_requests=0)
    assert "其中，按办件性质分：求助类0件。" in zero and "占" not in zero
    assert hotline_text(help_requests=3) == (
        "6月份，互助县12345热线按办件性质分：求助类3件。"
    )


# --- work items and general rules --------------------------------------------------


def test_item_lead():
    assert item_lead(1, "积极推动政务服务五级联动建设") == (
        "1.积极推动政务服务五级联动建设。"
    )
    assert item_lead(2, "亮身份、亮职责、亮承诺。") == "2.亮身份、亮职责、亮承诺。"
    assert item_lead(3, "“少跑快办”,优化服务") == "3.“少跑快办”，优化服务。"


def test_no_half_width_punctuation_in_any_seed_sentence():
    texts = [
        hall_text(("行政许可事项", 2476, 2476)),
        trades_text(SEED_TRADES),
        summary_text(**PINGAN),
        ratings_text(("", 13358, 1202, 11622, 534, None, None)),
        hotline_text(**HUZHU),
    ]
    for text in texts:
        assert text and not HALF_WIDTH.search(text), text


counts = st.one_of(st.none(), st.integers(0, 10**6))


@given(counts, counts)
def test_a_case_rate_is_never_an_unequal_100_percent(accepted, completed):
    if accepted is not None and completed is not None:
        completed = min(completed, accepted)
    text = summary_text(categories=_categories(("行政许可事项", accepted, completed)))
    if "100%" in text:
        assert accepted == completed
    assert "办结率0%" not in text or completed == 0 < accepted
    if accepted is None:
        assert text == ""
