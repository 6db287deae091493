"""Validation of monthly reports (DESIGN 3.4): one registry of rules, pure checks.

    >>> from datetime import date
    >>> [f.message for f in validate(ReportFigures(
    ...     month=date(2021, 6, 1), accepted_total=10, completed_total=12))]
    ['办结12件，超过受理10件，多2件。']

Errors block submission; warnings need a written explanation (a
``FindingExplanation`` keyed by the finding's ``(rule, subject)``).
"""

from .queries import findings_for_month, report_figures
from .rules import RULES, RULES_BY_CODE, validate
from .types import (
    ERROR,
    LEVEL_LABELS,
    WARNING,
    CategoryFigures,
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
    "CategoryFigures",
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
