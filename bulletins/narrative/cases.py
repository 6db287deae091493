"""Case sentences: the municipal hall's 办件情况 and a centre's summary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bulletins.chinese import normalise_text
from bulletins.narrative.base import (
    CASE_UNIT,
    JUNE,  # noqa: F401 (doctests)
    PeriodLike,
    count_clause,
    join_clauses,
    rate_clause,
)
from submissions.figure_types import CategoryFigures
from submissions.figures import change, daily_average


@dataclass(frozen=True)
class CentreSummary:
    """A centre's totals for the period, the previous period's accepted total,
    and its per-category lines."""

    accepted: int | None
    completed: int | None = None
    in_progress: int | None = None
    working_days: int | None = None
    previous_accepted: int | None = None
    categories: tuple[CategoryFigures, ...] = ()


def case_clauses(lines: Sequence[CategoryFigures]) -> str:
    """Per-category clauses joined by ；, lines with a blank 受理 left out.

    >>> case_clauses([CategoryFigures(0, "行政许可事项", 489, 480),
    ...               CategoryFigures(0, "便民服务事项", None, None),
    ...               CategoryFigures(0, "公共服务事项", 0, 0)])
    '行政许可事项受理489件，办结480件，办结率98.16%；公共服务事项受理0件，办结0件'
    """
    clauses = []
    for line in lines:
        if line.accepted is None:
            continue
        accepted = f"{normalise_text(line.name)}受理{line.accepted}{CASE_UNIT}"
        clauses.append(
            join_clauses(
                [
                    accepted,
                    count_clause("办结", line.completed),
                    rate_clause("办结率", line.completed, line.accepted),
                ],
                end="",
            )
        )
    return "；".join(clauses)


def hall_cases_text(
    period: PeriodLike,
    lines: Sequence[CategoryFigures],
    *,
    total: int | None = None,
    reference: str = "附件1",
) -> str:
    """1.办件情况: the hall's total, then each category (``total`` defaults to the
    sum of the categories' 受理).

    >>> hall_cases_text(JUNE, [CategoryFigures(0, "行政许可事项", 2476, 2476),
    ...                        CategoryFigures(0, "公共服务事项", 8027, 8027)])
    '6月份，窗口受理行政许可事项、公共服务事项共计10503件。其中，行政许可事项受理2476件，办结2476件，办结率100%；公共服务事项受理8027件，办结8027件，办结率100%（详见附件1）。'
    """
    given = [line for line in lines if line.accepted is not None]
    if total is None and given:
        total = sum(line.accepted for line in given)
    if total is None:
        return ""
    names = "、".join(normalise_text(line.name) for line in given) or "各类事项"
    text = f"{period.label}，窗口受理{names}共计{total}{CASE_UNIT}"
    see = f"（详见{reference}）" if reference else ""
    details = case_clauses(given)
    if details:
        return f"{text}。其中，{details}{see}。"
    return f"{text}{see}。"


def comparison_clause(
    period: PeriodLike, current: int | None, previous: int | None
) -> str:
    """``较5月份的24236件增加了5211件``, ``减少了…`` or ``与5月份的N件持平``.

    "" when either figure is blank.

    >>> comparison_clause(JUNE, 29447, 24236), comparison_clause(JUNE, 7, 7)
    ('较5月份的24236件增加了5211件', '与5月份的7件持平')
    """
    moved = change(current, previous)
    if moved is None:
        return ""
    then = f"{period.previous_label}的{moved.previous}{CASE_UNIT}"
    if moved.direction == "持平":
        return f"与{then}持平"
    return f"较{then}{moved.direction}了{moved.difference}{CASE_UNIT}"


def centre_summary_text(
    period: PeriodLike, summary: CentreSummary, *, subject: str = "中心"
) -> str:
    """A centre's summary: total, change on the previous period, daily average
    over working days, completed, in progress, rate, then each category.

    >>> centre_summary_text(JUNE, CentreSummary(
    ...     accepted=29447, completed=29447, working_days=29, previous_accepted=24236,
    ...     categories=(CategoryFigures(0, "行政许可事项", 1973, 1973),)))
    '6月份，中心共受理各类事项29447件，较5月份的24236件增加了5211件，日均办件量1015件（29个工作日），办结29447件，办结率100%。其中，行政许可事项受理1973件，办结1973件，办结率100%。'
    """
    s = summary
    average = daily_average(s.accepted, s.working_days)
    text = join_clauses(
        [
            count_clause(f"{subject}共受理各类事项", s.accepted),
            comparison_clause(period, s.accepted, s.previous_accepted),
            ""
            if average is None
            else f"日均办件量{average}{CASE_UNIT}（{s.working_days}个工作日）",
            count_clause("办结", s.completed),
            count_clause("正在办理", s.in_progress),
            rate_clause("办结率", s.completed, s.accepted),
        ],
        lead=f"{period.label}，",
    )
    details = case_clauses(s.categories)
    if details:
        text += f"其中，{details}。" if text else f"{period.label}，{details}。"
    return text


def item_lead(number: int, title: str) -> str:
    """The run-in heading of a numbered work item, ending in 。.

    >>> item_lead(1, "积极推动政务服务五级联动建设")
    '1.积极推动政务服务五级联动建设。'
    """
    title = normalise_text(title).rstrip("。，；：")
    end = "" if title.endswith(("！", "？")) else "。"
    return f"{number}.{title}{end}"
