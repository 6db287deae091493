"""What the compose screen shows before publishing, read from submissions.

Plain values only: which centres have no approved report for the period, the
period's validation warnings with the clerks' explanations, and the ids of the
reports a publication uses (for the reopen guard).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class MissingReport:
    centre: str
    month: datetime.date
    status: str  # "未报送" or the report's status label


@dataclass(frozen=True)
class MonthWarning:
    centre: str
    month: datetime.date
    level: str  # 错误 / 预警
    message: str
    explanation: str


def approved_report_ids(months: Iterable[datetime.date]) -> list[int]:
    from submissions.models import MonthlyReport

    return sorted(
        MonthlyReport.objects.approved()
        .filter(month__in=list(months))
        .values_list("pk", flat=True)
    )


def missing_reports(months: Iterable[datetime.date]) -> list[MissingReport]:
    """Active centres whose report for a month is missing or not approved."""
    from submissions.models import Centre, MonthlyReport

    months = list(months)
    centres = list(Centre.objects.filter(is_active=True).order_by("order", "id"))
    reports = {
        (r.centre_id, r.month): r
        for r in MonthlyReport.objects.filter(month__in=months)
    }
    missing = []
    for month in months:
        for centre in centres:
            report = reports.get((centre.pk, month))
            if report is None:
                missing.append(MissingReport(centre.name, month, "未报送"))
            elif report.status != MonthlyReport.Status.APPROVED:
                missing.append(
                    MissingReport(centre.name, month, report.get_status_display())
                )
    return missing


def month_warnings(months: Iterable[datetime.date]) -> list[MonthWarning]:
    """Every finding of the period's reports, with the clerk's explanation."""
    from submissions.models import FindingExplanation, MonthlyReport
    from submissions.validation import findings_for_month

    rows = []
    for month in months:
        findings = findings_for_month(month)
        if not findings:
            continue
        reports = MonthlyReport.objects.filter(pk__in=findings).select_related("centre")
        names = {r.pk: r.centre.name for r in reports}
        explanations = {
            (e.report_id, e.rule, e.subject): e.text
            for e in FindingExplanation.objects.filter(report_id__in=findings)
        }
        for report_id, report_findings in findings.items():
            for finding in report_findings:
                rows.append(
                    MonthWarning(
                        centre=names.get(report_id, ""),
                        month=month,
                        level=finding.level_label,
                        message=finding.message,
                        explanation=explanations.get(
                            (report_id, finding.rule, finding.subject), ""
                        ),
                    )
                )
    return rows
