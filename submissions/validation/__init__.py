"""Validation of monthly reports (DESIGN 3.4): one registry of rules, pure checks.

    >>> from datetime import date
    >>> [f.message for f in validate(ReportFigures(
    ...     month=date(2021, 6, 1), working_days=0, work_item_count=1))]
    ['工作日为0天；不适用时请留空。', '未填报任何办件数据（指标均为空）。']

Errors block submission; warnings need a written explanation (a
``FindingExplanation`` keyed by the finding's ``(rule, subject)``).
"""

from .queries import findings_for_month, report_figures
from .rules import RULES, RULES_BY_CODE, validate
from .types import (
    ERROR,
    LEVEL_LABELS,
    WARNING,
    Finding,
    LevelSums,
    PreviousTotals,
    ReportFigures,
    Rule,
)

__all__ = [
    "ERROR",
    "LEVEL_LABELS",
    "RULES",
    "RULES_BY_CODE",
    "WARNING",
    "Finding",
    "LevelSums",
    "PreviousTotals",
    "ReportFigures",
    "Rule",
    "errors",
    "findings_for_month",
    "report_figures",
    "unexplained",
    "validate",
    "validate_report",
    "warnings",
]


def validate_report(report) -> list[Finding]:
    """All findings for a saved report."""
    return validate(report_figures(report))


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.level == ERROR]


def warnings(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.level == WARNING]


def unexplained(
    findings: list[Finding], explained: set[tuple[str, str]]
) -> list[Finding]:
    """Warnings whose ``(rule, subject)`` has no explanation among ``explained``."""
    return [f for f in warnings(findings) if f.key not in explained]
