"""Public-resource trade sentences (2.公共资源交易情况)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from bulletins.chinese import normalise_text
from bulletins.narrative.base import (
    JUNE,  # noqa: F401 (doctests)
    PeriodLike,
    join_clauses,
)
from transactions.amounts import SENTENCE_PLACES, format_yi, sum_exact

TRADE_UNIT = "件"  # the overall count mixes categories, so it is in 件
NO_TRADE = "无交易"


@dataclass(frozen=True)
class TradeLine:
    """One trade group (or category) for sentences: its text name, measure word,
    count and exact amount in yuan."""

    text_name: str  # 土地使用权出让
    measure_word: str  # 宗
    count: int | None
    amount_yuan: Decimal | None
    savings_yuan: Decimal | None = None  # 节约资金 (None: no budget stated)
    count_only: bool = False  # the amount is not printed (矿业权)
    beside_total: bool = False  # reported beside the total, not inside it


def amount_clause(amount: Decimal | None, verb: str = "交易金额") -> str:
    """``交易金额7.73亿元``, two decimals half-up; "" when blank.

    >>> amount_clause(Decimal("772660000"), "交易金额为")
    '交易金额为7.73亿元'
    """
    if amount is None:
        return ""
    return f"{verb}{format_yi(amount, SENTENCE_PLACES)}亿元"


def _line_clause(group: TradeLine) -> str:
    name = normalise_text(group.text_name)
    if group.count == 0:
        return f"{name}{NO_TRADE}"
    count = f"{name}{group.count}{group.measure_word}"
    if group.count_only:
        return count
    return join_clauses(
        [
            count,
            amount_clause(group.amount_yuan),
            amount_clause(group.savings_yuan, "节约资金"),
        ],
        end="",
    )


def trades_text(
    period: PeriodLike,
    groups: Sequence[TradeLine],
    *,
    total_count: int | None = None,
    total_amount: Decimal | None = None,
    total_savings: Decimal | None = None,
) -> str:
    """2.公共资源交易情况: the overall count and amount, then each group in order;
    a group with no trades reads 无交易. Totals default to the exact sums of
    the groups and are rounded from them, never summed from rounded parts.

    >>> trades_text(JUNE, [TradeLine("政府采购", "项", 162, Decimal("144000000")),
    ...                    TradeLine("国有产权交易", "宗", 0, Decimal(0))])
    '6月份，公共资源交易总量为162件，交易金额为1.44亿元。其中，政府采购162项，交易金额1.44亿元；国有产权交易无交易。'
    """
    inside = [g for g in groups if not g.beside_total]
    beside = [g for g in groups if g.beside_total and g.count]
    if total_count is None:
        counts = [g.count for g in inside if g.count is not None]
        total_count = sum(counts) if counts else None
    if total_count is None:
        return ""
    if total_count == 0 and not beside:
        return f"{period.label}，无公共资源交易。"
    if total_amount is None:
        total_amount = sum_exact(g.amount_yuan for g in inside if g.count)
    text = join_clauses(
        [
            f"公共资源交易总量为{total_count}{TRADE_UNIT}",
            amount_clause(total_amount, "交易金额为"),
            amount_clause(total_savings, "节约资金"),
        ],
        lead=f"{period.label}，",
    )
    clauses = [_line_clause(g) for g in inside if g.count is not None]
    if clauses:
        text += f"其中，{'；'.join(clauses)}。"
    if beside:
        text += f"另，{'；'.join(_line_clause(g) for g in beside)}（不计入总量）。"
    return text
