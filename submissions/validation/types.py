"""The plain values validation works on: findings and an ORM-free report snapshot.

``ReportFigures`` holds one report's figures as plain Python values so that the
rules are pure functions: the clerk's form builds one from unsaved input for live
validation, ``report_figures`` builds one from a saved report. ``None`` is a
blank figure ("not applicable / not handled"), ``0`` a stated zero.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .. import periods
from ..defined import DefinedFigure, Value
from ..rates import RateSpec

ERROR = "error"
WARNING = "warning"
LEVEL_LABELS = {ERROR: "错误", WARNING: "预警"}


@dataclass(frozen=True)
class Finding:
    """One rule's verdict on one part of a report.

    ``(rule, subject)`` is the key a clerk's ``FindingExplanation`` is stored
    under; ``field`` says where a form shows it (``"working_days"``,
    ``"defined[7].option[3]"``, ``"defined[7].total"``, …).
    """

    rule: str  # rule code, e.g. "defined_parts_sum"
    level: str  # "error" | "warning"
    message: str  # Chinese, stating the actual figures
    subject: str = ""  # category/channel/department name, "12345热线", …
    field: str = ""  # form field path, see module docstring

    @property
    def key(self) -> tuple[str, str]:
        return (self.rule, self.subject)

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]


@dataclass(frozen=True)
class PreviousTotals:
    """The previous period's approved totals of the same centre (the month
    before, or for a quarter's report the quarter before)."""

    month: datetime.date
    period_type: str = periods.MONTH
    # Definition id → the printed total of that report.
    defined: dict[int, Value] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """How a message names the period: ``5月份``, ``一季度``."""
        if self.period_type == periods.QUARTER:
            return f"{periods.QUARTER_NUMERALS[(self.month.month - 1) // 3]}季度"
        return f"{self.month.month}月份"


@dataclass(frozen=True)
class LevelSums:
    """The summed totals of a unit's child units' reports for the same month:
    definition id → the sum of the children's printed totals."""

    names: tuple[str, ...] = ()
    defined: dict[int, Value] = field(default_factory=dict)


@dataclass
class ReportFigures:
    """A plain snapshot of one report's figures (no ORM objects inside).

    >>> ReportFigures(month=datetime.date(2021, 6, 1), working_days=21)
    ... # doctest: +ELLIPSIS
    ReportFigures(month=datetime.date(2021, 6, 1), centre_name='', ...)
    """

    month: datetime.date  # the period's first month
    centre_name: str = ""
    centre_short_name: str = ""  # how the bulletin names the unit (互助县)
    centre_kind: str = ""  # Centre.Kind value: "hall" | "district" | "county"
    working_days: int | None = None
    work_item_count: int = 0
    previous: PreviousTotals | None = None
    report_id: int | None = None
    # The bureau's figure definitions: definition id → stated figures.
    defined: dict[int, DefinedFigure] = field(default_factory=dict)
    # The stated 1至本月累计 totals: definition id → figure (a total only).
    to_date: dict[int, DefinedFigure] = field(default_factory=dict)
    # Definition id → printed totals of the same unit's earlier approved periods.
    defined_history: dict[int, tuple] = field(default_factory=dict)
    # The definitions this unit must fill (``required``): id → name.
    required: dict[int, str] = field(default_factory=dict)
    # Definition id → the definitions whose totals its total should equal the
    # sum of (``equals_sum_of``: 受理 = 办结 + 正在办理).
    sums: dict[int, tuple[int, ...]] = field(default_factory=dict)
    # The bureau's rate definitions (a rate's ``minimum`` is a rule).
    rates: tuple[RateSpec, ...] = ()
    children: LevelSums | None = None
    period_type: str = periods.MONTH  # or a quarter's report

    @property
    def is_hall(self) -> bool:
        return self.centre_kind == "hall"

    @property
    def is_quarterly(self) -> bool:
        return self.period_type == periods.QUARTER

    @property
    def calendar_days(self) -> int:
        return sum(
            periods.days_in_month(m)
            for m in periods.period_months(self.month, self.period_type)
        )


Check = Callable[["Rule", ReportFigures], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """One validation rule of the registry (``RULES``)."""

    code: str
    level: str
    title: str  # Chinese, for the rule table and the editor's overview
    check: Check

    def finding(self, message: str, *, subject: str = "", field: str = "") -> Finding:
        return Finding(self.code, self.level, message, subject, field)

    def run(self, figures: ReportFigures) -> list[Finding]:
        return list(self.check(self, figures))
