"""Sentences of the bulletin, built from figures: numbers in, Chinese out.

Inputs are small frozen dataclasses whose figures are ``int | None`` (amounts
``Decimal | None``): ``None`` is a blank, "not applicable", and produces no
clause; ``0`` is a stated zero and is printed. Every builder takes a period
(anything with ``label`` and ``previous_label``: ``PeriodText("6月份", "5月份")``,
``PeriodText("三季度", "二季度")`` or a ``bulletins.periods.Period``) and returns
finished text with full-width punctuation, or ``""`` when it has nothing to say.

    >>> from submissions.figure_types import CategoryFigures
    >>> hall_cases_text(JUNE, [CategoryFigures(1, "行政许可事项", 2476, 2476)],
    ...                 reference="")
    '6月份，窗口受理行政许可事项共计2476件。其中，行政许可事项受理2476件，办结2476件，办结率100%。'

Rates and shares follow ``submissions.figures.format_percent``; in a sentence a
rate with nothing to rate (0 of 0) is left out, since "—" belongs in tables.
Cases are always counted in 件; trades in each category's own measure word, the
overall trade count in 件.
"""

from bulletins.narrative.base import (
    CASE_UNIT,
    JUNE,
    PeriodLike,
    PeriodText,
    count_clause,
    join_clauses,
    rate_clause,
)
from bulletins.narrative.cases import (
    CentreSummary,
    case_clauses,
    centre_summary_text,
    comparison_clause,
    hall_cases_text,
    item_lead,
)
from bulletins.narrative.hotline import HotlineFigures, channel_text, hotline_text
from bulletins.narrative.ratings import RatingFigures, rating_clause, ratings_text
from bulletins.narrative.trades import (
    NO_TRADE,
    TRADE_UNIT,
    TradeLine,
    amount_clause,
    trades_text,
)

__all__ = [
    "CASE_UNIT",
    "JUNE",
    "NO_TRADE",
    "TRADE_UNIT",
    "CentreSummary",
    "HotlineFigures",
    "PeriodLike",
    "PeriodText",
    "RatingFigures",
    "TradeLine",
    "amount_clause",
    "case_clauses",
    "centre_summary_text",
    "channel_text",
    "comparison_clause",
    "count_clause",
    "hall_cases_text",
    "hotline_text",
    "item_lead",
    "join_clauses",
    "rate_clause",
    "rating_clause",
    "ratings_text",
    "trades_text",
]
