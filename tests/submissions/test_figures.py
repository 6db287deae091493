"""Exact arithmetic of derived figures: rounding, rates, averages, changes."""

import doctest
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from submissions import figure_types, figures
from submissions.figures import (
    Change,
    change,
    daily_average,
    format_percent,
    ratio_percent,
    round_half_up,
)


def test_docstring_examples_hold():
    assert doctest.testmod(figures).failed == 0
    assert doctest.testmod(figure_types).failed == 0


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("7.7266"), 2, Decimal("7.73")),
        (Decimal("7.7249"), 2, Decimal("7.72")),
        # Halves go up, where Python's round() and Decimal's default go to even.
        (Decimal("2.665"), 2, Decimal("2.67")),
        (Decimal("0.125"), 2, Decimal("0.13")),
        (Decimal("2.5"), 0, Decimal("3")),
        (Decimal("-2.5"), 0, Decimal("-3")),
        (Decimal("2.69550"), 2, Decimal("2.70")),
        (10503, 0, Decimal("10503")),
        (7, 2, Decimal("7.00")),
    ],
)
def test_round_half_up(value, places, expected):
    result = round_half_up(value, places)
    assert result == expected
    assert str(result) == str(expected)


@pytest.mark.parametrize(
    "call",
    [
        lambda: round_half_up(2.675, 2),
        lambda: ratio_percent(1.0, 3),
        lambda: ratio_percent(1, 3.0),
        lambda: format_percent(0.5, 1),
        lambda: daily_average(100.0, 3),
        lambda: change(1.5, 1),
        lambda: format_percent(True, 1),
        lambda: format_percent("1", 2),
    ],
)
def test_floats_bools_and_strings_are_refused(call):
    with pytest.raises(TypeError):
        call()


def test_ratio_percent_is_exact_and_none_when_undefined():
    assert ratio_percent(3, 8) == Decimal("37.5")
    assert ratio_percent(2476, 2476) == Decimal("100")
    assert ratio_percent(Decimal("1"), Decimal("3")) == Decimal(
        "33.33333333333333333333333333333333"
    )
    assert ratio_percent(0, 0) is None
    assert ratio_percent(5, 0) is None
    assert ratio_percent(None, 5) is None
    assert ratio_percent(5, None) is None
    assert ratio_percent(0, 5) == 0


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        # The seed's figures, printed right.
        (2476, 2476, "100%"),
        (8027, 8027, "100%"),
        (185, 268, "69.03%"),
        (5, 268, "1.87%"),
        (75, 268, "27.99%"),
        (1, 268, "0.37%"),  # the seed printed 0.003%
        # Trailing zeros go; only exact equality is 100%.
        (24, 25, "96%"),
        (199, 200, "99.5%"),
        (9988, 10000, "99.88%"),
        (99999, 100000, "99.99%"),
        (999999, 1000000, "99.99%"),  # 99.9999 would round to 100
        (1000001, 1000000, "100.01%"),  # over, but still not equal
        # Half-up at the second decimal: 1/160 = 0.625%, 1/800 = 0.125%.
        (1, 160, "0.63%"),
        (1, 800, "0.13%"),
        # Zero, nothing, and blank.
        (0, 5, "0%"),
        (0, 0, "—"),
        (1, 1000000, "不足0.01%"),
        (1, 20001, "不足0.01%"),
        (None, 5, ""),
        (5, None, ""),
        (None, None, ""),
        (Decimal("1"), Decimal("4"), "25%"),
    ],
)
def test_format_percent(part, whole, expected):
    assert format_percent(part, whole) == expected


def test_format_percent_refuses_negative_and_share_of_nothing():
    with pytest.raises(ValueError):
        format_percent(-1, 5)
    with pytest.raises(ValueError):
        format_percent(1, -5)
    with pytest.raises(ValueError):
        format_percent(3, 0)


@given(st.integers(0, 10**9), st.integers(1, 10**9))
def test_format_percent_is_100_only_when_equal(part, whole):
    text = format_percent(part, whole)
    assert (text == "100%") == (part == whole)


@given(st.integers(0, 10**9), st.integers(1, 10**9))
def test_format_percent_is_zero_only_for_zero(part, whole):
    text = format_percent(min(part, whole), whole)
    assert (text == "0%") == (min(part, whole) == 0)


@given(st.integers(1, 10**9), st.integers(1, 10**9))
def test_format_percent_is_within_half_a_hundredth(part, whole):
    part = min(part, whole)
    text = format_percent(part, whole)
    if text.startswith("不足"):
        assert Decimal(part) * 100 / whole < Decimal("0.005")
        return
    printed = Decimal(text.removesuffix("%"))
    assert printed.as_tuple().exponent >= -2  # at most two decimals
    assert not text.endswith("0%") or "." not in text  # no trailing zeros
    exact = ratio_percent(part, whole)
    if printed == Decimal("99.99"):
        # The cap for a near miss may stray up to one hundredth.
        assert abs(printed - exact) <= Decimal("0.01")
    else:
        assert abs(printed - exact) <= Decimal("0.005")


@pytest.mark.parametrize(
    ("total", "days", "expected"),
    [
        (29447, 29, 1015),  # 平安区 in the seed
        (31551, 21, 1502),  # 民和县
        (268, 30, 9),  # 互助县 hotline over calendar days
        (5, 2, 3),  # a half goes up (round() would give 2)
        (7, 2, 4),
        (0, 21, 0),
        (10, 0, None),
        (None, 21, None),
        (100, None, None),
    ],
)
def test_daily_average(total, days, expected):
    assert daily_average(total, days) == expected


def test_change_direction_and_absolute_difference():
    assert change(29447, 24236) == Change("增加", 5211, 24236)
    assert change(24236, 29447) == Change("减少", 5211, 29447)
    assert change(7, 7) == Change("持平", 0, 7)
    assert change(5, 0) == Change("增加", 5, 0)
    assert change(None, 7) is None
    assert change(7, None) is None
