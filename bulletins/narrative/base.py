"""Shared pieces of the sentence builders: the period protocol and clause joins."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from submissions.figures import PERCENT_PLACES, format_percent

CASE_UNIT = "件"


class PeriodLike(Protocol):
    """What a sentence needs of a period: ``bulletins.periods.Period`` fits."""

    @property
    def label(self) -> str: ...  # 6月份 / 三季度

    @property
    def previous_label(self) -> str: ...  # 5月份 / 二季度


@dataclass(frozen=True)
class PeriodText:
    """Plain period labels, for callers and tests without a ``Period``.

    >>> PeriodText("三季度", "二季度").label
    '三季度'
    """

    label: str
    previous_label: str


JUNE = PeriodText("6月份", "5月份")


def join_clauses(clauses: Sequence[str], lead: str = "", end: str = "。") -> str:
    """Join the non-empty clauses with ，, between ``lead`` and ``end``; "" if none.

    >>> join_clauses(["受理5件", "", "办结5件"], lead="6月份，")
    '6月份，受理5件，办结5件。'
    """
    given = [c for c in clauses if c]
    return f"{lead}{'，'.join(given)}{end}" if given else ""


def rate_clause(
    label: str, part: int | None, whole: int | None, places: int = PERCENT_PLACES
) -> str:
    """``办结率100%``; "" when a figure is blank or there is nothing to rate.

    >>> rate_clause("办结率", 8027, 8027), rate_clause("占", 0, 0)
    ('办结率100%', '')
    """
    text = format_percent(part, whole, places)
    return f"{label}{text}" if text and whole else ""


def count_clause(label: str, value: int | None, unit: str = CASE_UNIT) -> str:
    """``办结218件``; "" when blank, printed when 0.

    >>> count_clause("办结", 0), count_clause("办结", None)
    ('办结0件', '')
    """
    return "" if value is None else f"{label}{value}{unit}"
