"""Reporting periods of a bulletin: a month or a quarter.

    >>> june = Period.parse("2021-06")
    >>> june.label, june.previous_label, june.start, june.end
    ('6月份', '5月份', datetime.date(2021, 6, 1), datetime.date(2021, 6, 30))
    >>> q3 = Period.parse("2021-Q3")
    >>> q3.label, q3.previous_label, q3.key, len(q3.months), q3.calendar_days
    ('三季度', '二季度', '2021-Q3', 3, 92)

A quarterly bulletin sums the approved figures of its three months; the
previous period of a quarter is the quarter before (January's month before is
``上年12月份``, the first quarter's ``上年四季度``).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date
from typing import Literal

from bulletins.chinese import (
    month_label,
    previous_month_label,
    previous_quarter_label,
    quarter_label,
)
from config import periods as gate

MONTHLY = "monthly"
QUARTERLY = "quarterly"

BAD_PERIOD = "报告期格式应为“2021-06”（月）或“2021-Q3”（季度），收到“{text}”。"


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month (``number`` 1–12) or quarter (1–4) of ``year``."""

    year: int
    kind: Literal["monthly", "quarterly"]
    number: int

    def __post_init__(self):
        top = 12 if self.kind == MONTHLY else 4
        if self.kind not in (MONTHLY, QUARTERLY) or not 1 <= self.number <= top:
            raise ValueError(f"no such period: {self.kind} {self.number}")
        if not MINYEAR <= self.year <= MAXYEAR:
            raise ValueError(f"year out of range: {self.year}")

    # --- construction ---------------------------------------------------------

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(year, MONTHLY, month)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        return cls(year, QUARTERLY, quarter)

    @classmethod
    def parse(cls, text: str) -> Period:
        """``"2021-06"`` or ``"2021-Q3"`` within the accepted range
        (``config.periods``); ValueError with a Chinese message.

        >>> Period.parse("2021-Q1").label
        '一季度'
        """
        if gate.MONTH_SHAPE.match(text or ""):
            return cls.parse_month(text)
        if gate.QUARTER_SHAPE.match(text or ""):
            return cls.parse_quarter(text)
        raise ValueError(BAD_PERIOD.format(text=text))

    @classmethod
    def parse_month(cls, text: str) -> Period:
        """``"2021-06"`` → June 2021.

        >>> Period.parse_month("2021-6").key
        '2021-06'
        """
        month = gate.parse_month(text)
        return cls.month(month.year, month.month)

    @classmethod
    def parse_quarter(cls, text: str) -> Period:
        """``"2021-Q3"`` → the third quarter of 2021.

        >>> Period.parse_quarter("2021Q3").start
        datetime.date(2021, 7, 1)
        """
        return cls.quarter(*gate.parse_quarter(text))

    # --- the calendar -----------------------------------------------------------

    @property
    def first_month(self) -> int:
        return self.number if self.kind == MONTHLY else 3 * self.number - 2

    @property
    def months(self) -> tuple[date, ...]:
        """First days of the period's months, in order."""
        count = 1 if self.kind == MONTHLY else 3
        return tuple(date(self.year, self.first_month + i, 1) for i in range(count))

    @property
    def start(self) -> date:
        return self.months[0]

    @property
    def end(self) -> date:
        """The last day of the period (inclusive)."""
        last = self.months[-1]
        return last.replace(day=calendar.monthrange(last.year, last.month)[1])

    @property
    def calendar_days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def previous(self) -> Period:
        """The period compared against: the month or quarter before.

        >>> Period.month(2021, 1).previous, Period.quarter(2021, 1).previous.key
        (Period(year=2020, kind='monthly', number=12), '2020-Q4')
        """
        if self.number > 1:
            return Period(self.year, self.kind, self.number - 1)
        if self.year == MINYEAR:  # the calendar's first period has none before it
            return self
        return Period(self.year - 1, self.kind, 12 if self.kind == MONTHLY else 4)

    @property
    def next(self) -> Period:
        """The month or quarter after; the calendar's last period stays put.

        >>> Period.quarter(2021, 4).next.key
        '2022-Q1'
        """
        if self.number < (12 if self.kind == MONTHLY else 4):
            return Period(self.year, self.kind, self.number + 1)
        if self.year == MAXYEAR:
            return self
        return Period(self.year + 1, self.kind, 1)

    # --- text -------------------------------------------------------------------

    @property
    def label(self) -> str:
        """How the bulletin names the period: ``6月份``, ``三季度``."""
        if self.kind == MONTHLY:
            return month_label(self.number)
        return quarter_label(self.number)

    @property
    def previous_label(self) -> str:
        """How a comparison names the previous period: ``5月份``, ``上年12月份``."""
        if self.kind == MONTHLY:
            return previous_month_label(self.number)
        return previous_quarter_label(self.number)

    @property
    def key(self) -> str:
        """A stable machine key: ``2021-06``, ``2021-Q3``."""
        if self.kind == MONTHLY:
            return f"{self.year}-{self.number:02d}"
        return f"{self.year}-Q{self.number}"

    @property
    def long_label(self) -> str:
        """With the year, for headings outside the bulletin: ``2021年6月``.

        >>> Period.quarter(2021, 3).long_label
        '2021年第三季度'
        """
        if self.kind == MONTHLY:
            return f"{self.year}年{self.number}月"
        return f"{self.year}年第{quarter_label(self.number)}"

    def __str__(self) -> str:
        return self.key


def period_for(start: date, frequency: str = MONTHLY) -> Period:
    """The period of ``frequency`` (``monthly``/``quarterly``) containing ``start``.

    >>> period_for(date(2021, 8, 1), QUARTERLY).key
    '2021-Q3'
    """
    if frequency == QUARTERLY:
        return Period.quarter(start.year, (start.month - 1) // 3 + 1)
    if frequency == MONTHLY:
        return Period.month(start.year, start.month)
    raise ValueError(f"unknown frequency: {frequency!r}")
