"""Chinese conventions: numbering, period labels, dates, GB/T 15834 punctuation."""

import doctest
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bulletins import chinese
from bulletins.chinese import (
    chinese_numeral,
    date_text,
    item_number,
    month_label,
    normalise_text,
    part_number,
    previous_month_label,
    previous_quarter_label,
    quarter_label,
    section_number,
)


def test_docstring_examples_hold():
    assert doctest.testmod(chinese).failed == 0


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "一"),
        (2, "二"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (35, "三十五"),
        (99, "九十九"),
    ],
)
def test_chinese_numeral(n, expected):
    assert chinese_numeral(n) == expected


@pytest.mark.parametrize("n", [0, 100, -1, True])
def test_chinese_numeral_out_of_range(n):
    with pytest.raises(ValueError):
        chinese_numeral(n)


def test_numbering_of_parts_sections_and_items():
    assert [part_number(n) for n in (1, 2, 11)] == ["一、", "二、", "十一、"]
    assert [section_number(n) for n in (1, 5, 10, 21)] == [
        "（一）",
        "（五）",
        "（十）",
        "（二十一）",
    ]
    assert item_number(3) == "3."


def test_month_labels_and_january_previous():
    assert month_label(6) == "6月份"
    assert previous_month_label(6) == "5月份"
    assert previous_month_label(12) == "11月份"
    assert previous_month_label(1) == "上年12月份"
    with pytest.raises(ValueError):
        month_label(13)


def test_quarter_labels():
    assert [quarter_label(q) for q in (1, 2, 3, 4)] == [
        "一季度",
        "二季度",
        "三季度",
        "四季度",
    ]
    assert previous_quarter_label(3) == "二季度"
    assert previous_quarter_label(1) == "上年四季度"
    with pytest.raises(ValueError):
        quarter_label(5)


def test_date_text_has_no_leading_zeros():
    # The seed's attachment printed 2021年7月06日.
    assert date_text(date(2021, 7, 6)) == "2021年7月6日"
    assert date_text(date(2021, 12, 31)) == "2021年12月31日"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # The seed's half-width punctuation and stray spaces.
        (
            "6月份,窗口受理行政许可事项、公共服务事项共计10503件。其中,行政许可事项"
            "受理2476件,办结2476件,办结率100%;公共服务事项受理 8027件,办结8027件,"
            "办结率100%(详见附表)。",
            "6月份，窗口受理行政许可事项、公共服务事项共计10503件。其中，行政许可事项"
            "受理2476件，办结2476件，办结率100%；公共服务事项受理8027件，办结8027件，"
            "办结率100%（详见附表）。",
        ),
        (
            "受理青海省“12345”政务服务热线 44件,办结37件。",
            "受理青海省“12345”政务服务热线44件，办结37件。",
        ),
        ("(征求意见稿)", "（征求意见稿）"),
        (
            "《海东市拟取消和承接的行政审批等事项目录(征求意见稿)》",
            "《海东市拟取消和承接的行政审批等事项目录（征求意见稿）》",
        ),
        ("采矿(探矿)权出让", "采矿（探矿）权出让"),
        ("住建局(人防办)、乡(镇)和村(社区)", "住建局（人防办）、乡（镇）和村（社区）"),
        ("(青政〔2021〕23号)", "（青政〔2021〕23号）"),
        ("(1)加强管理", "（1）加强管理"),
        ("主要工作:1.不忘来时路", "主要工作：1.不忘来时路"),
        ("是否满意?是!", "是否满意？是！"),
        ('切实做到"一次一评、一事一评",将', "切实做到“一次一评、一事一评”，将"),
        ("他说'好'的", "他说‘好’的"),
        ("申领失业保险金、 税务登记(补录)信息", "申领失业保险金、税务登记（补录）信息"),
        ("工作已完成.下一步", "工作已完成。下一步"),
        ("工作已完成.", "工作已完成。"),
        # Full-width digits and letters to half-width.
        ("受理１２３件，ＡＰＰ办理", "受理123件，APP办理"),
        ("办结率９８％", "办结率98%"),
        # Kept as they are.
        ("1.积极推动政务服务五级联动建设。", "1.积极推动政务服务五级联动建设。"),
        ("企业开办时间已压缩至1.5个工作日", "企业开办时间已压缩至1.5个工作日"),
        ("“青松办”APP服务终端", "“青松办”APP服务终端"),
        ("在2021年年底运行成熟", "在2021年年底运行成熟"),
        ("青政〔2021〕23号", "青政〔2021〕23号"),
        ("共1,000件", "共1,000件"),
        ("上午8:30开始", "上午8:30开始"),
        ("see f(x), don't 'quote' it.", "see f(x), don't 'quote' it."),
        (
            "海东市政务服务监督管理局　2021年7月6日",
            "海东市政务服务监督管理局　2021年7月6日",
        ),
        # Control and zero-width characters; line ends; line trimming.
        ("办结\x07率\u200b100%\ufeff", "办结率100%"),
        ("第一段。\r\n  第二段。 ", "第一段。\n第二段。"),
        ("APP (测试)", "APP（测试）"),
        ("", ""),
    ],
)
def test_normalise_text(raw, expected):
    assert normalise_text(raw) == expected


_ALPHABET = st.sampled_from(
    list("办结率受理中心件项（）“”，。、")
    + list(",.;:?!()\"' \t\n")
    + list("0123AB１Ａ")
)


@given(st.text(_ALPHABET, max_size=40))
def test_normalise_text_is_idempotent(text):
    once = normalise_text(text)
    assert normalise_text(once) == once


@given(st.text(_ALPHABET, max_size=40))
def test_no_half_width_comma_or_semicolon_next_to_chinese(text):
    result = normalise_text(text)
    for i, char in enumerate(result):
        if char in ",;?!":
            neighbours = result[max(i - 1, 0) : i] + result[i + 1 : i + 2]
            assert not any("\u4e00" <= c <= "\u9fff" for c in neighbours)
