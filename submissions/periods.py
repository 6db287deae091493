"""Reporting periods: months, working days and deadlines (DESIGN 3.2, 3.3).

A report's month is the first day of that month. Working days follow the Chinese
working calendar (public holidays off, make-up Saturdays on), as the ``holidays``
package knows it:

    >>> default_working_days(date(2021, 6, 1))
    21

Reports for month M are due on ``settings.REPORT_DEADLINE_DAY`` of month M+1; a
deadline that falls on a weekend or public holiday moves to the next working day.
"""

import calendar
from datetime import date, timedelta
from functools import cache

import holidays
from django.conf import settings

from config.periods import next_month, previous_month


@cache
def _calendar(year: int) -> holidays.HolidayBase:
    return holidays.China(years=[year - 1, year, year + 1])


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def days_in_month(month: date) -> int:
    return calendar.monthrange(month.year, month.month)[1]


def is_working_day(day: date) -> bool:
    return _calendar(day.year).is_working_day(day)


def default_working_days(month: date) -> int:
    """Working days of ``month`` in the Chinese working calendar (editable per report).

    >>> default_working_days(date(2021, 10, 1))  # National Day week, make-up days on
    17
    """
    month = month_start(month)
    return _calendar(month.year).get_working_days_count(month, month_end(month))


def deadline(month: date, day: int | None = None) -> date:
    """When reports for ``month`` are due.

    >>> deadline(date(2021, 9, 1), day=5)  # 2021-10-05 is National Day holiday
    datetime.date(2021, 10, 8)
    """
    due_day = day if day is not None else settings.REPORT_DEADLINE_DAY
    following = next_month(month_start(month))
    due = following.replace(day=min(max(due_day, 1), days_in_month(following)))
    # date.max ends the walk for a month stored at the end of the calendar.
    while not is_working_day(due) and due < date.max:
        due += timedelta(days=1)
    return due


def reporting_month(today: date) -> date:
    """The month a clerk reports on ``today``: the one that has just ended."""
    return previous_month(today)


def months_between(first: date, last: date) -> list[date]:
    """Every month from ``first`` to ``last``, both included, oldest first.

    >>> months_between(date(2021, 11, 1), date(2022, 1, 1))
    [datetime.date(2021, 11, 1), datetime.date(2021, 12, 1), datetime.date(2022, 1, 1)]
    """
    months = []
    month = month_start(first)
    while month <= last:
        months.append(month)
        if month == next_month(month):  # the calendar's last month
            break
        month = next_month(month)
    return months


def opening_window(today: date, first: date | None, months: int = 0) -> list[date]:
    """The months a clerk may open on ``today``, oldest first: from the bureau's
    first reporting month (or ``months`` back from the current one, when that is
    later; 0 means no limit) up to the month that has just ended.

    >>> opening_window(date(2021, 9, 10), date(2021, 6, 1))
    [datetime.date(2021, 6, 1), datetime.date(2021, 7, 1), datetime.date(2021, 8, 1)]
    >>> opening_window(date(2021, 9, 10), date(2021, 1, 1), months=2)
    [datetime.date(2021, 7, 1), datetime.date(2021, 8, 1)]
    """
    current = reporting_month(today)
    start = month_start(first) if first else current
    if months > 0:
        earliest = current
        for _ in range(months - 1):
            earliest = previous_month(earliest)
        start = max(start, earliest)
    return months_between(start, current)
