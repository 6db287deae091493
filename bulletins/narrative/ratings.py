"""好差评 (satisfaction rating) sentences."""

from __future__ import annotations

from collections.abc import Sequence

from bulletins.chinese import normalise_text
from bulletins.narrative.base import (
    JUNE,  # noqa: F401 (doctests)
    PeriodLike,
    join_clauses,
    rate_clause,
)
from submissions.figure_types import RatingFigures
from submissions.figures import satisfied_count

_LABELS = {
    "very_satisfied": "非常满意",
    "satisfied": "满意",
    "basically_satisfied": "基本满意",
    "dissatisfied": "不满意",
    "very_dissatisfied": "非常不满意",
}


def rating_clause(rating: RatingFigures) -> str:
    """One channel: total (defaulting to the levels' sum), given levels, 满意率
    (非常满意 + 满意 + 基本满意 over the total, see
    ``submissions.figures.satisfaction_rate``).

    >>> rating_clause(RatingFigures(1, "纸质评价", None, 407, 1225))
    '共收到纸质评价1632条，其中：非常满意407条，满意1225条，满意率100%'
    """
    levels = [
        (_LABELS[attr], value)
        for attr, value in zip(RatingFigures.LEVELS, rating.levels(), strict=True)
        if value is not None
    ]
    total = rating.total
    if total is None and levels:
        total = sum(value for _, value in levels)
    if total is None:
        return ""
    text = f"共收到{normalise_text(rating.name) or '评价'}{total}条"
    if total == 0 or not levels:
        return text
    satisfied = satisfied_count(
        rating.very_satisfied, rating.satisfied, rating.basically_satisfied
    )
    return join_clauses(
        [f"{label}{value}条" for label, value in levels]
        + [rate_clause("满意率", satisfied, total)],
        lead=f"{text}，其中：",
        end="",
    )


def ratings_text(period: PeriodLike, ratings: Sequence[RatingFigures]) -> str:
    """好差评 for the period, one clause per channel joined by ；.

    >>> ratings_text(JUNE, [RatingFigures(1, "", 13358, 1202, 11622, 534)])
    '在好差评方面，6月份共收到评价13358条，其中：非常满意1202条，满意11622条，基本满意534条，满意率100%。'
    """
    clauses = [c for c in (rating_clause(r) for r in ratings) if c]
    if not clauses:
        return ""
    return f"在好差评方面，{period.label}{'；'.join(clauses)}。"
