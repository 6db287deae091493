"""Reporting periods: months, working days and deadlines (DESIGN 3.2, 3.3).

A report's month is the first day of that month. Working days follow the Chinese
working calendar (public holidays off, make-up Saturdays on), as the ``holidays``
package knows it:

    >>> default_working_days(date(2021, 6, 1))
    21

A centre reports per month or, where it only has quarterly figures, per quarter
(``MonthlyReport.period_type``); a quarter's report is stored under the quarter's
first month and covers its three months:

    >>> quarter_months(date(2021, 5, 1))
    (datetime.date(2021, 4, 1), datetime.date(2021, 5, 1), datetime.date(2021, 6, 1))
    >>> period_label(date(2021, 4, 1), QUARTER)
    '2021年第二季度'

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


MONTH = "monthly"
QUARTER = "quarterly"
QUARTER_NUMERALS = "一二三四"


def quarter_start(day: date) -> date:
    """The first day of the quarter containing ``day``."""
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_months(day: date) -> tuple[date, ...]:
    """The three months of the quarter containing ``day``, in order."""
    start = quarter_start(day)
    return tuple(date(start.year, start.month + i, 1) for i in range(3))


def period_months(start: date, period_type: str) -> tuple[date, ...]:
    """The months a report of ``period_type`` starting at ``start`` covers."""
    return quarter_months(start) if period_type == QUARTER else (month_start(start),)


def period_label(start: date, period_type: str) -> str:
    """``2021年6月`` or ``2021年第二季度``."""
    if period_type == QUARTER:
        return f"{start.year}年第{QUARTER_NUMERALS[(start.month - 1) // 3]}季度"
    return f"{start.year}年{start.month}月"


def previous_start(start: date, period_type: str) -> date:
    """The start of the period of the same type before.

    >>> previous_start(date(2021, 1, 1), QUARTER)
    datetime.date(2020, 10, 1)
    """
    if period_type == QUARTER:
        return quarter_start(previous_month(quarter_start(start)))
    return previous_month(start)


def quarter_starts_within(months) -> list[date]:
    """Starts of the quarters whose three months all lie in ``months``: the
    quarterly reports a sum over ``months`` can count whole.

    >>> quarter_starts_within([date(2021, m, 1) for m in range(1, 6)])
    [datetime.date(2021, 1, 1)]
    """
    given = set(months)
    return sorted(
        m for m in given if m.month % 3 == 1 and set(quarter_months(m)) <= given
    )


def is_working_day(day: date) -> bool:
    return _calendar(day.year).is_working_day(day)


def default_working_days(month: date) -> int:
    """Working days of ``month`` in the Chinese working calendar (editable per report).

    >>> default_working_days(date(2021, 10, 1))  # National Day week, make-up days on
    17
    """
    month = month_start(month)
    return _calendar(month.year).get_working_days_count(month, month_end(month))


def period_working_days(start: date, period_type: str) -> int:
    """Working days of a report's period: a quarter's is its months' sum.

    >>> period_working_days(date(2021, 4, 1), QUARTER)
    62
    """
    return sum(default_working_days(m) for m in period_months(start, period_type))


def ended_quarters(window: list[date]) -> list[date]:
    """Starts of the quarters whose last month lies in ``window`` (the months a
    clerk may open): a quarter may be opened once it has ended. Oldest first.

    >>> ended_quarters([date(2021, 5, 1), date(2021, 6, 1), date(2021, 7, 1)])
    [datetime.date(2021, 4, 1)]
    """
    return [quarter_start(m) for m in window if m.month % 3 == 0]


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
