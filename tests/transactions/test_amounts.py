"""Trade amounts in a unit: exact conversion, half-up rounding, sums before rounding."""

import doctest
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from submissions.figures import round_half_up
from transactions import amounts
from transactions.amounts import format_amount, in_unit, sum_exact, yuan_per

# 附件2 prints amounts in 亿元, four decimals in its table and two in sentences.
YI = "亿元"
TABLE_PLACES = 4
SENTENCE_PLACES = 2

# The seed's attachment 2 (June 2021), leaf rows in yuan.
SEED_LEAVES = {
    "房屋建筑": Decimal("89340000"),
    "市政": Decimal("58270000"),
    "公路": Decimal("0"),
    "铁路": Decimal("0"),
    "水运": Decimal("0"),
    "水利": Decimal("51280000"),
    "能源": Decimal("0"),
    "邮电通信": Decimal("0"),
    "其他": Decimal("70660000"),
    "政府采购": Decimal("144000000"),
    "土地出让": Decimal("359110000"),
    "采矿权": Decimal("0"),
    "产权交易": Decimal("0"),
}
ENGINEERING = [
    "房屋建筑",
    "市政",
    "公路",
    "铁路",
    "水运",
    "水利",
    "能源",
    "邮电通信",
    "其他",
]


def test_docstring_examples_hold():
    assert doctest.testmod(amounts).failed == 0


def test_in_unit_is_exact():
    assert in_unit(Decimal("772660000"), YI) == Decimal("7.7266")
    assert in_unit(Decimal("1.23"), YI) == Decimal("0.0000000123")
    assert in_unit(144000000, YI) == Decimal("1.44")


@pytest.mark.parametrize(
    ("yuan", "places", "expected"),
    [
        (Decimal("772660000"), TABLE_PLACES, "7.7266"),
        (Decimal("772660000"), SENTENCE_PLACES, "7.73"),  # the seed printed 7.72
        (Decimal("269550000.00"), SENTENCE_PLACES, "2.70"),  # the seed printed 2.69
        (Decimal("359110000"), SENTENCE_PLACES, "3.59"),
        (Decimal("89340000"), TABLE_PLACES, "0.8934"),
        # Fixed decimals for a non-zero amount, in tables and sentences.
        (Decimal("144000000"), TABLE_PLACES, "1.4400"),
        (Decimal("144000000"), SENTENCE_PLACES, "1.44"),
        (Decimal("100000000"), SENTENCE_PLACES, "1.00"),
        # Half-up at the last printed decimal.
        (Decimal("12345"), TABLE_PLACES, "0.0001"),  # 0.00012345
        (Decimal("5000"), TABLE_PLACES, "0.0001"),  # exactly half
        (Decimal("1500000"), SENTENCE_PLACES, "0.02"),  # 0.015
        (Decimal("4999.99"), TABLE_PLACES, "不足0.0001"),
        (Decimal("400000"), SENTENCE_PLACES, "不足0.01"),
        # Zero is a stated 0; blank is blank.
        (Decimal("0"), TABLE_PLACES, "0"),
        (Decimal("0.00"), SENTENCE_PLACES, "0"),
        (0, TABLE_PLACES, "0"),
        (None, TABLE_PLACES, ""),
    ],
)
def test_format_amount_in_yi(yuan, places, expected):
    assert format_amount(yuan, YI, places) == expected


@pytest.mark.parametrize(
    ("yuan", "unit", "places", "expected"),
    [
        (Decimal("12345678"), "万元", 4, "1234.5678"),
        (Decimal("12345678"), "万元", 2, "1234.57"),
        (Decimal("12345"), "万元", 0, "1"),  # 1.2345, half-up
        (Decimal("15000"), "万元", 0, "2"),  # exactly half
        (Decimal("49.99"), "万元", 2, "不足0.01"),
        (Decimal("12345678.5"), "元", 2, "12345678.50"),
        (Decimal("0.005"), "元", 2, "0.01"),
    ],
)
def test_format_amount_in_any_unit(yuan, unit, places, expected):
    assert format_amount(yuan, unit, places) == expected


def test_in_unit_and_back_is_exact_in_every_unit():
    yuan = Decimal("12345678.91")
    for unit in ("元", "万元", "亿元"):
        assert in_unit(yuan, unit) * yuan_per(unit) == yuan
    assert in_unit(yuan, "万元") == Decimal("1234.567891")


def test_floats_and_negative_amounts_are_refused():
    with pytest.raises(TypeError):
        in_unit(772660000.0, YI)
    with pytest.raises(TypeError):
        format_amount(1.5e8, YI, 2)
    with pytest.raises(TypeError):
        sum_exact([Decimal(1), 2.0])
    with pytest.raises(ValueError):
        format_amount(Decimal("-1"), YI, 2)
    with pytest.raises(ValueError):
        in_unit(Decimal("NaN"), YI)


def test_sum_exact_skips_blanks_and_is_none_when_all_blank():
    assert sum_exact([Decimal("1.5"), None, 2]) == Decimal("3.5")
    assert sum_exact([None, None]) is None
    assert sum_exact([]) is None
    assert sum_exact([Decimal(0)]) == 0


def test_group_is_rounded_from_its_exact_sum_not_summed_from_rounded_parts():
    parts = [SEED_LEAVES[name] for name in ENGINEERING]
    from_exact = format_amount(sum_exact(parts), YI, SENTENCE_PLACES)
    from_rounded = sum(round_half_up(in_unit(p, YI), SENTENCE_PLACES) for p in parts)
    assert from_exact == "2.70"
    assert from_rounded == Decimal("2.69")  # what the seed printed


def test_overall_from_the_seed_leaves():
    total = sum_exact(SEED_LEAVES.values())
    assert total == Decimal("772660000")
    assert format_amount(total, YI, TABLE_PLACES) == "7.7266"
    assert format_amount(total, YI, SENTENCE_PLACES) == "7.73"
    # The table's rows, four decimals each; the zero rows print 0.
    assert [format_amount(v, YI, TABLE_PLACES) for v in SEED_LEAVES.values()] == [
        "0.8934",
        "0.5827",
        "0",
        "0",
        "0",
        "0.5128",
        "0",
        "0",
        "0.7066",
        "1.4400",
        "3.5911",
        "0",
        "0",
    ]


@given(
    st.lists(
        st.decimals(min_value=0, max_value=10**10, places=2, allow_nan=False),
        max_size=20,
    )
)
def test_formatted_sum_is_within_half_a_unit_of_the_exact_sum(parts):
    total = sum_exact(parts)
    if total is None:
        assert parts == []
        return
    text = format_amount(total, YI, TABLE_PLACES)
    exact = in_unit(total, YI)
    if text.startswith("不足"):
        assert 0 < exact < Decimal("0.00005")
    else:
        assert abs(Decimal(text) - exact) <= Decimal("0.00005")
        assert text == "0" or len(text.split(".")[1]) == TABLE_PLACES
