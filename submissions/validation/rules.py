"""The rule registry (DESIGN 3.4). Work in progress: rules are added below."""

from __future__ import annotations

from .types import Finding, ReportFigures, Rule

RULES: list[Rule] = []
RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}


def validate(figures: ReportFigures) -> list[Finding]:
    """Run every rule of ``RULES`` on ``figures``; errors first, then warnings."""
    found = [finding for rule in RULES for finding in rule.run(figures)]
    return sorted(found, key=lambda f: f.level != "error")
