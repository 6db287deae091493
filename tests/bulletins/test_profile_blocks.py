"""The blocks that carry figures as data (DESIGN 5.2–5.4) through 海西's shipped
profile: nested levels with their intake channels, trades with savings, a
count-only category beside the total, and a ranking with its ties."""

from dataclasses import replace
from decimal import Decimal
from types import SimpleNamespace

from bulletins.periods import Period
from bulletins.profiles import figure_values, shipped, values
from bulletins.profiles.sandbox import render
from bulletins.selectors.defined import LevelFigures
from submissions.defined import AMOUNT, DefinedFigure, Part
from tests.bulletins.test_profile_sentences import centre

HAIXI = shipped("haixi-monthly")
HAIDONG = shipped("haidong-monthly")
JUNE = Period.month(2022, 6)


def _block(profile, kind, blocks=None):
    for block in profile["blocks"] if blocks is None else blocks:
        if block["kind"] == kind:
            return block
        found = _block(profile, kind, block.get("blocks", []))
        if found:
            return found
    return None


def _channels(code, total, *parts):
    return DefinedFigure(
        1 if code == "channel_accepted" else 2,
        code,
        code,
        total=total,
        parts=tuple(Part(n, name, value, n) for n, (name, value) in enumerate(parts)),
    )


CENTRE = centre(
    centre_id=2,
    name="海西州政务服务中心",
    short_name="州级中心",
    accepted=7173,
    completed=7136,
    defined=(
        _channels("channel_accepted", 7173, ("窗口受理", 2920), ("统一平台受理", 3468)),
        _channels(
            "channel_completed", 7136, ("窗口受理", 2883), ("统一平台受理", 3289)
        ),
    ),
)
REGION = centre(centre_id=1, name="海西州（全州）", short_name="全州")
CASES = centre(accepted=7173, completed=7136).defined
LEVEL = LevelFigures(
    centre_id=1,
    name="海西州（全州）",
    children=("海西州政务服务中心",),
    stated={"cases_accepted": 78596, "cases_completed": 78531},
    summed={"cases_accepted": 7173, "cases_completed": 7136},
)


def _figures(**changes):
    base = dict(
        period=JUNE, hall=None, centres=(CENTRE,), regions=(REGION,), levels=(LEVEL,)
    )
    return SimpleNamespace(**{**base, **changes})


def levels_text(**changes):
    block = _block(HAIXI, "levels")
    context = figure_values.levels(
        _figures(**changes), block, HAIXI["words"], HAIXI["units"], HAIXI["cases"]
    )
    return render(block["template"], context)


def test_four_levels_with_their_rates():
    assert levels_text() == (
        "6月份，全州共受理各类事项78596件，办结78531件，办结率99.92%。"
        "其中，海西州政务服务中心受理7173件，办结7136件，办结率99.48%"
        "（窗口受理2920件，办结2883件，办结率98.73%；"
        "统一平台受理3468件，办结3289件，办结率94.84%）。"
    )


def test_a_level_without_a_stated_total_prints_its_childrens_sum():
    summed = replace(LEVEL, stated={})
    assert levels_text(levels=(summed,)).startswith(
        "6月份，全州共受理各类事项7173件，办结7136件，办结率99.48%。其中，"
    )


def test_blank_channels_say_nothing_and_no_level_prints_nothing():
    plain = replace(CENTRE, defined=CASES)
    assert levels_text(centres=(plain,)).endswith("办结7136件，办结率99.48%。")
    assert "（" not in levels_text(centres=(plain,))
    blank_part = replace(
        CENTRE,
        defined=(*CASES, _channels("channel_accepted", 7173, ("窗口受理", None))),
    )
    assert "窗口" not in levels_text(centres=(blank_part,))
    assert levels_text(levels=()) == ""


def _ranked(*parts, value_type="count", top=5):
    figure = DefinedFigure(
        3,
        "platform_by_department",
        "统一平台办件",
        value_type=value_type,
        unit="件",
        rank_top=top,
        parts=tuple(Part(n, name, value, n) for n, (name, value) in enumerate(parts)),
    )
    return _figures(centres=(replace(CENTRE, defined=(figure,)),))


def ranking_texts(figures, profile=HAIXI):
    block = _block(profile, "ranking")
    return [
        render(block["template"], context)
        for _, context in figure_values.rankings(
            figures, block, profile["words"], profile["units"]
        )
    ]


def test_the_top_five_in_order_largest_first():
    figures = _ranked(
        ("州公安局", 311),
        ("州医疗保障局", 608),
        ("州住房公积金管理中心", 1022),
        ("州税务局", 12),
        ("州市场监督管理局", 520),
        ("州人力资源和社会保障局", 738),
    )
    assert ranking_texts(figures) == [
        "6月份，海西州政务服务中心统一平台办件居前5位的进驻单位依次为："
        "州住房公积金管理中心1022件，州人力资源和社会保障局738件，州医疗保障局608件，"
        "州市场监督管理局520件，州公安局311件。"
    ]


def test_ties_are_said_and_blanks_left_out():
    figures = _ranked(("甲", 5), ("乙", 7), ("丙", 5), ("丁", 5), ("戊", None), top=2)
    assert ranking_texts(figures) == [
        "6月份，海西州政务服务中心统一平台办件居前2位的进驻单位依次为："
        "乙7件，甲5件（并列第2位）；另有2个单位与末位并列。"
    ]
    assert not any(ranking_texts(_ranked(("甲", None))))  # nothing printed


def test_an_amount_ranking_prints_in_the_blocks_unit():
    figures = _ranked(("甲", Decimal("31850000")), value_type=AMOUNT)
    (text,) = ranking_texts(figures)
    assert "甲0.3185亿元。" in text


def test_a_unit_without_the_figure_has_no_ranking():
    assert ranking_texts(_figures()) == []


def _trades(groups, count, amount, savings):
    total = SimpleNamespace(count=count, amount=amount, savings=savings, premium=None)
    return SimpleNamespace(
        period=JUNE,
        trades=SimpleNamespace(
            total=total,
            groups=[
                SimpleNamespace(
                    name=name,
                    measure_word=word,
                    count=n,
                    amount=yuan,
                    savings=saved,
                    premium=None,
                    in_total=inside,
                    amount_printed=printed,
                )
                for name, word, n, yuan, saved, inside, printed in groups
            ],
        ),
    )


SEED_TRADES = _trades(
    [
        ("工程建设", "项", 76, Decimal("617980000"), Decimal("31854900"), True, True),
        ("政府采购", "项", 163, Decimal("202390000"), Decimal("8194900"), True, True),
        ("土地使用权出让", "宗", 0, Decimal(0), None, True, True),
        ("矿业权交易", "宗", 5, Decimal(0), None, False, False),
    ],
    239,
    Decimal("820370000"),
    Decimal("40049800"),
)


def trades_text(profile, figures=SEED_TRADES):
    block = _block(profile, "trades")
    context = values.trades(figures, profile["words"], profile["units"])
    return render(block["template"], context)


def test_savings_per_category_and_in_total_each_rounded_from_its_own_sum():
    assert trades_text(HAIXI) == (
        "6月份，全州共完成各类公共资源交易事项239项，成交金额8.2037亿元，"
        "节约资金0.4005亿元。其中，工程建设76项，成交金额6.1798亿元，"
        "节约资金0.3185亿元；政府采购163项，成交金额2.0239亿元，节约资金0.0819亿元。"
        "另，矿业权交易5宗，不计入交易总量。"
    )


def test_haidongs_profile_prints_no_savings():
    text = trades_text(HAIDONG)
    assert "节约" not in text
    assert text.startswith("6月份，公共资源交易总量为239件，交易金额为8.20亿元。")


def figures_text(*defined, profile=HAIDONG):
    block = _block(profile, "centres")
    subject = replace(CENTRE, defined=defined)
    context = figure_values.unit_figures(
        subject, JUNE, profile["words"], profile["units"]
    )
    return render(block["figures"], context)


def test_a_units_figures_paragraph_states_totals_parts_and_rankings():
    stated = DefinedFigure(
        4,
        "cross_province",
        "跨省通办",
        total=12,
        rank_top=1,
        parts=(
            Part(1, "平安区", 5, 1),
            Part(2, "乐都区", None, 2),
            Part(3, "新区", 0, 3),
        ),
    )
    leaders_only = replace(stated, definition_id=5, name="咨询", total=None)
    blank = replace(stated, definition_id=6, name="投诉", total=None, parts=())
    assert figures_text(stated, leaders_only, blank) == (
        "跨省通办12件，其中平安区5件、新区0件。跨省通办前1位：平安区5件。"
        "咨询前1位：平安区5件。"
    )
    assert figures_text() == ""
    haixi_centres = _block(HAIXI, "centre_paragraphs")
    assert haixi_centres["figures"] == ""  # 海西 prints its figures as levels, ranking
