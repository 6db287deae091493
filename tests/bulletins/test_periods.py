"""Reporting periods: months and quarters, their labels and previous periods."""

import doctest
from datetime import date

import pytest

from bulletins import periods
from bulletins.periods import MONTHLY, QUARTERLY, Period, period_for


def test_docstring_examples_hold():
    assert doctest.testmod(periods).failed == 0


def test_a_month():
    june = Period.parse("2021-06")
    assert june == Period.month(2021, 6)
    assert (june.start, june.end) == (date(2021, 6, 1), date(2021, 6, 30))
    assert june.months == (date(2021, 6, 1),)
    assert (june.label, june.previous_label) == ("6月份", "5月份")
    assert june.previous == Period.month(2021, 5)
    assert june.calendar_days == 30
    assert june.key == "2021-06"
    assert june.long_label == "2021年6月"


def test_january_compares_with_last_december():
    january = Period.month(2022, 1)
    assert january.previous == Period.month(2021, 12)
    assert january.previous_label == "上年12月份"


def test_a_quarter():
    q3 = Period.parse("2021-Q3")
    assert q3.months == (date(2021, 7, 1), date(2021, 8, 1), date(2021, 9, 1))
    assert (q3.start, q3.end) == (date(2021, 7, 1), date(2021, 9, 30))
    assert (q3.label, q3.previous_label) == ("三季度", "二季度")
    assert q3.previous.months == (date(2021, 4, 1), date(2021, 5, 1), date(2021, 6, 1))
    assert q3.calendar_days == 92
    q1 = Period.quarter(2021, 1)
    assert q1.previous == Period.quarter(2020, 4)
    assert q1.previous_label == "上年四季度"
    assert Period.quarter(2024, 1).calendar_days == 91  # a leap February


def test_period_for_an_issue_start():
    assert period_for(date(2021, 6, 1)) == Period.month(2021, 6)
    assert period_for(date(2021, 6, 1), MONTHLY) == Period.month(2021, 6)
    assert period_for(date(2021, 8, 1), QUARTERLY) == Period.quarter(2021, 3)
    with pytest.raises(ValueError):
        period_for(date(2021, 6, 1), "weekly")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2021-13", "月份格式"),
        ("2021/06", "报告期格式"),
        ("六月", "收到“六月”"),
        ("", "报告期格式"),
        ("2021-Q5", "报告期格式"),
        ("1999-06", "月份“1999-06”超出范围：应在2000年1月至"),
        ("9999-12", "月份“9999-12”超出范围"),
        ("0001-01", "月份“0001-01”超出范围"),
        ("9999-Q4", "季度“9999-Q4”超出范围：应在2000-Q1至"),
    ],
)
def test_bad_periods_are_refused_in_chinese(text, message):
    with pytest.raises(ValueError, match=message):
        Period.parse(text)


def test_bad_month_and_quarter_messages():
    with pytest.raises(ValueError, match="月份格式应为“YYYY-MM”"):
        Period.parse_month("2021-00")
    with pytest.raises(ValueError, match="季度格式应为“YYYY-QN”"):
        Period.parse_quarter("2021-06")


def test_periods_order_and_hash():
    assert Period.month(2021, 5) < Period.month(2021, 6)
    assert len({Period.month(2021, 6), Period.parse("2021-6")}) == 1
    assert str(Period.quarter(2021, 3)) == "2021-Q3"
