"""Trade amounts in 亿元: exact conversion, half-up rounding, sums before rounding."""

import doctest
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from submissions.figures import round_half_up
from transactions import amounts
from transactions.amounts import (
    SENTENCE_PLACES,
    TABLE_PLACES,
    format_yi,
    sum_exact,
    to_yi,
)

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


def test_to_yi_is_exact():
    assert to_yi(Decimal("772660000")) == Decimal("7.7266")
    assert to_yi(Decimal("1.23")) == Decimal("0.0000000123")
    assert to_yi(144000000) == Decimal("1.44")


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
def test_format_yi(yuan, places, expected):
    assert format_yi(yuan, places) == expected


def test_floats_and_negative_amounts_are_refused():
    with pytest.raises(TypeError):
        to_yi(772660000.0)
    with pytest.raises(TypeError):
        format_yi(1.5e8, 2)
    with pytest.raises(TypeError):
        sum_exact([Decimal(1), 2.0])
    with pytest.raises(ValueError):
        format_yi(Decimal("-1"), 2)
    with pytest.raises(ValueError):
        to_yi(Decimal("NaN"))


def test_sum_exact_skips_blanks_and_is_none_when_all_blank():
    assert sum_exact([Decimal("1.5"), None, 2]) == Decimal("3.5")
    assert sum_exact([None, None]) is None
    assert sum_exact([]) is None
    assert sum_exact([Decimal(0)]) == 0


def test_group_is_rounded_from_its_exact_sum_not_summed_from_rounded_parts():
    parts = [SEED_LEAVES[name] for name in ENGINEERING]
    from_exact = format_yi(sum_exact(parts), SENTENCE_PLACES)
    from_rounded = sum(round_half_up(to_yi(p), SENTENCE_PLACES) for p in parts)
    assert from_exact == "2.70"
    assert from_rounded == Decimal("2.69")  # what the seed printed


def test_overall_from_the_seed_leaves():
    total = sum_exact(SEED_LEAVES.values())
    assert total == Decimal("772660000")
    assert format_yi(total, TABLE_PLACES) == "7.7266"
    assert format_yi(total, SENTENCE_PLACES) == "7.73"
    # The table's rows, four decimals each; the zero rows print 0.
    assert [format_yi(v, TABLE_PLACES) for v in SEED_LEAVES.values()] == [
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
    text = format_yi(total, TABLE_PLACES)
    exact = to_yi(total)
    if text.startswith("不足"):
        assert 0 < exact < Decimal("0.00005")
    else:
        assert abs(Decimal(text) - exact) <= Decimal("0.00005")
        assert text == "0" or len(text.split(".")[1]) == TABLE_PLACES
