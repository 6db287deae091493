"""The one gate for reporting periods that come from outside: URLs, query strings,
forms and management commands.

A month or a quarter (and a trade's day) is accepted only between 2000-01
(before any bulletin this system carries; the editor may back-fill months
before the bureau's ``REPORT_FIRST_MONTH``, which narrows only the clerks'
window, ``submissions.catchup``) and one period after today; anything else is
refused with a Chinese message naming the range. URLs turn the refusal into a
404 (``month_from_url``, the ``?month=`` of the review overview), forms into a
field error (``MonthField``, the forms' ``clean_*``) and commands into a
``CommandError``:

    >>> parse_month("2021-06", today=date(2026, 11, 30))
    datetime.date(2021, 6, 1)
    >>> parse_month("9999-12", today=date(2026, 11, 30))
    Traceback (most recent call last):
    ...
    config.periods.OutOfRange: 月份“9999-12”超出范围：应在2000年1月至2026年12月之间。

The month arithmetic below saturates at the ends of the calendar instead of
raising, so that a row stored before this gate existed still renders:

    >>> next_month(date(9999, 12, 1)), previous_month(date(1, 1, 1))
    (datetime.date(9999, 12, 1), datetime.date(1, 1, 1))
"""

from __future__ import annotations

import calendar
import re
from datetime import MAXYEAR, MINYEAR, date

from django import forms
from django.conf import settings
from django.utils import timezone

BAD_MONTH = "月份格式应为“YYYY-MM”，如“2021-06”，收到“{text}”。"
BAD_QUARTER = "季度格式应为“YYYY-QN”，如“2021-Q3”，收到“{text}”。"
MONTH_OUT_OF_RANGE = "月份“{text}”超出范围：应在{first}至{last}之间。"
QUARTER_OUT_OF_RANGE = "季度“{text}”超出范围：应在{first}至{last}之间。"
DAY_OUT_OF_RANGE = "日期“{text}”超出范围：应在{first}至{last}之间。"

MONTH_SHAPE = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
QUARTER_SHAPE = re.compile(r"^\s*(\d{4})-?[Qq]([1-4])\s*$")

FIRST_MONTH = date(MINYEAR, 1, 1)
LAST_MONTH = date(MAXYEAR, 12, 1)


class PeriodError(ValueError):
    """A period outside the accepted form or range; the message is for the user."""


class OutOfRange(PeriodError):
    """Well formed, but before the first reporting period or too far ahead."""


def _month_text(month: date) -> str:
    return f"{month.year}年{month.month}月"


def month_key(month: date) -> str:
    """``2021-06``; four-digit years for the first centuries too (strftime's
    ``%Y`` gives ``1`` for year 1 on glibc)."""
    return f"{month.year:04d}-{month.month:02d}"


EARLIEST = date(2000, 1, 1)


def configured_first_month() -> date | None:
    """``settings.REPORT_FIRST_MONTH`` as a date; None when it is not set."""
    match = MONTH_SHAPE.match(settings.REPORT_FIRST_MONTH or "")
    if not match:
        return None
    return date(int(match[1]), int(match[2]), 1)


def first_month() -> date:
    """The first month any period may be: 2000-01."""
    return EARLIEST


def last_month(today: date | None = None) -> date:
    """One month after the current one: a period may be prepared in advance."""
    return next_month((today or timezone.localdate()).replace(day=1))


def month_in_range(month: date, *, text: str = "", today: date | None = None) -> date:
    """``month`` (its first day) when in the accepted range, else PeriodError."""
    month = month.replace(day=1)
    first, last = first_month(), last_month(today)
    if not first <= month <= last:
        raise OutOfRange(
            MONTH_OUT_OF_RANGE.format(
                text=text or month_key(month),
                first=_month_text(first),
                last=_month_text(last),
            )
        )
    return month


def day_in_range(day: date, *, today: date | None = None) -> date:
    """A day (a trade's date) within the accepted months, else PeriodError."""
    first, last = first_month(), last_month(today)
    if not first <= day.replace(day=1) <= last:
        last_day = date.fromordinal(next_month(last).toordinal() - 1)
        raise OutOfRange(
            DAY_OUT_OF_RANGE.format(
                text=day.isoformat(), first=first.isoformat(), last=last_day.isoformat()
            )
        )
    return day


def parse_month(text: str, *, today: date | None = None) -> date:
    """``"2021-06"`` → 2021-06-01, within the range; PeriodError otherwise."""
    match = MONTH_SHAPE.match(text or "")
    if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < MINYEAR:
        raise PeriodError(BAD_MONTH.format(text=text))
    return month_in_range(
        date(int(match[1]), int(match[2]), 1), text=text.strip(), today=today
    )


def parse_quarter(text: str, *, today: date | None = None) -> tuple[int, int]:
    """``"2021-Q3"`` → (2021, 3), within the range; PeriodError otherwise."""
    match = QUARTER_SHAPE.match(text or "")
    if not match or int(match[1]) < MINYEAR:
        raise PeriodError(BAD_QUARTER.format(text=text))
    year, quarter = int(match[1]), int(match[2])
    first = first_month()
    first_quarter = (first.year, (first.month - 1) // 3 + 1)
    # One quarter after the current one.
    now = (today or timezone.localdate()).replace(day=1)
    current = (now.year, (now.month - 1) // 3 + 1)
    last_quarter = (
        (current[0], current[1] + 1) if current[1] < 4 else (current[0] + 1, 1)
    )
    if not first_quarter <= (year, quarter) <= last_quarter:
        raise OutOfRange(
            QUARTER_OUT_OF_RANGE.format(
                text=text.strip(),
                first=f"{first_quarter[0]}-Q{first_quarter[1]}",
                last=f"{last_quarter[0]}-Q{last_quarter[1]}",
            )
        )
    return year, quarter


# --- arithmetic that never raises ------------------------------------------------


def next_month(month: date) -> date:
    """The first day of the following month; the calendar's last month stays put."""
    if (month.year, month.month) == (MAXYEAR, 12):
        return LAST_MONTH
    if month.month == 12:
        return date(month.year + 1, 1, 1)
    return date(month.year, month.month + 1, 1)


def previous_month(month: date) -> date:
    """The first day of the month before; the calendar's first month stays put."""
    if (month.year, month.month) == (MINYEAR, 1):
        return FIRST_MONTH
    if month.month == 1:
        return date(month.year - 1, 12, 1)
    return date(month.year, month.month - 1, 1)


def month_end(month: date) -> date:
    """The last day of ``month``'s month (December 9999 included)."""
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def neighbours(month: date) -> tuple[date | None, date | None]:
    """The months before and after ``month`` that lie in the accepted range (for
    "previous"/"next" links); None at either end."""
    first, last = first_month(), last_month()
    before, after = previous_month(month), next_month(month)
    return (
        before if first <= before < month else None,
        after if month < after <= last else None,
    )


# --- the entry points ---------------------------------------------------------------


class MonthField(forms.CharField):
    """A month typed as ``2021-06`` (what ``<input type="month">`` sends)."""

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_month(text)
        except PeriodError as exc:
            raise forms.ValidationError(str(exc), code="period") from None


def month_from_url(year: int, month: int) -> date:
    """A month as two URL integers (``/totals/2021/6/``); PeriodError if absurd."""
    if not 1 <= month <= 12 or not MINYEAR <= year <= MAXYEAR:
        raise PeriodError(BAD_MONTH.format(text=f"{year}-{month}"))
    return month_in_range(date(year, month, 1))
