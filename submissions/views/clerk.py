"""The clerk's screens: to-do list, the report form, live validation,
and submission (opening a report: ``opening``)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from bulletins.profiles.panel import bureau_profile
from bureaus.scoping import current_bureau
from config.confirm import Step, confirmation
from config.methods import form_page, post_only, read_only
from config.xmltext import refusal

from .. import catchup, periods, services
from ..derived import entry_figures, printed
from ..models import FindingExplanation, MonthlyReport
from ..validation import ERROR, Finding, report_figures, validate
from ..workflow import StaleReportError, WorkflowError
from .common import (
    FILL,
    NO_CENTRE,
    all_keys,
    build_entry,
    by_field,
    clerk_centre,
    clerk_required,
    filler_required,
    rate_specs,
    report_to_fill,
    slot_id,
)

SAVED = "已保存。"
SUBMITTED = "已提交，等待审核。"
IMPORT_EXPIRED = "预览已失效，请重新上传文件。"
SUBMIT_REFUSED_KEY = "submit-refused-{pk}"
NOT_SAVED = "有填写不正确的内容，未保存。请按提示更正。"
READ_ONLY = "该报送当前状态为“{status}”，不能{action}。"
# The rule of a finding for input that cannot be read at all.
INPUT = "input"
# More explanations than any report has warnings: a crafted post.
MAX_EXPLANATIONS = 500


@clerk_required
@read_only
def todo(request):
    """Reports of the clerk's centre by month: status, what is due, what came back."""
    centre = clerk_centre(request)
    today = timezone.localdate()
    reports = list(
        MonthlyReport.objects.visible_to(request.user, current_bureau(request))
        .select_related("centre")
        .order_by("-month")
    )
    current = periods.reporting_month(today)
    # Each month a report covers (a quarter's report, its three months).
    by_month = {month: r for r in reports for month in r.months}
    window = catchup.open_months(today, current_bureau(request))
    late = catchup.overdue(by_month, window, today)
    due_month = current
    # The oldest month still open (overdue or not) is what is due next.
    open_months = [o.month for o in late] + [r.month for r in reports if r.is_editable]
    if open_months:
        due_month = min(open_months)
    due_report = by_month.get(due_month)
    due = due_report.deadline if due_report else periods.deadline(due_month)
    creatable = [m for m in reversed(window) if m not in by_month]
    quarters = [
        (
            f"{start.year}-Q{(start.month + 2) // 3}",
            periods.period_label(start, periods.QUARTER),
        )
        for start in reversed(periods.ended_quarters(window))
        if not any(m in by_month for m in periods.quarter_months(start))
    ]
    return render(
        request,
        "submissions/todo.html",
        {
            "centre": centre,
            "reports": reports,
            "returned": [r for r in reports if r.status == r.Status.RETURNED],
            "due_month": due_month,
            "due_label": due_report.period_label
            if due_report
            else catchup.month_label(due_month),
            "due_report": due_report,
            "due": due,
            "days_left": (due - today).days,
            "due_done": due_report is not None and not due_report.is_editable,
            "creatable": creatable,
            "creatable_quarters": quarters,
            "overdue": late,
            "no_centre_message": NO_CENTRE if centre is None else "",
        },
    )


def _explanation_rows(report, findings):
    stored = {(e.rule, e.subject): e.text for e in report.explanations.all()}
    return [
        (index, finding, stored.get(finding.key, ""))
        for index, finding in enumerate(f for f in findings if not f.is_error)
    ]


def findings_of(entry, figures) -> list[Finding]:
    """What the page counts: input that cannot be read (letters, negatives, …)
    as errors, then the validation findings; the same list for the live panel
    and the page after a refused save, so their counts agree."""
    return [
        Finding(INPUT, ERROR, message, "", key)
        for key, _html_id, message in entry.field_errors()
    ] + validate(figures)


def _attention(findings, explanation_rows, input_errors, refused_submit) -> str:
    """The id of the first field that needs the clerk: an unreadable input,
    then an error's field, then (after a refused submit) an empty explanation."""
    for _key, html_id, _message in input_errors:
        if html_id:
            return html_id
    for finding in findings:
        if finding.is_error and finding.field:
            return slot_id(finding.field)
    if refused_submit:
        for index, _finding, text in explanation_rows:
            if not text.strip():
                return f"explanation-{index}"
    return ""


def _edit_context(report, entry, figures, *, input_errors=(), refused_submit=False):
    """The form page: ``figures`` is what the findings and printed figures use."""
    findings = findings_of(entry, figures) if entry.is_bound else validate(figures)
    explanation_rows = _explanation_rows(
        report,
        findings if not entry.is_bound else validate(report_figures(report)),
    )
    return {
        "report": report,
        "entry": entry,
        "findings": findings,
        # Beside each box: an unreadable figure's message is the form field's
        # own error there, so only the validation findings are added.
        "findings_by_field": by_field([f for f in findings if f.rule != INPUT]),
        "input_errors": list(input_errors),
        "sections": printed(
            figures,
            bureau_profile(report.centre.bureau_id),
            rates=rate_specs(report),
        ),
        "explanation_rows": explanation_rows,
        "refused_submit": refused_submit,
        "attention": _attention(
            findings, explanation_rows, input_errors, refused_submit
        )
        if input_errors or refused_submit
        else "",
        "error_total": sum(1 for f in findings if f.is_error),
        "warning_total": sum(1 for f in findings if not f.is_error),
        "transitions": report.transitions.select_related("actor"),
        "deadline": report.deadline,
    }


@filler_required
@form_page
def report_edit(request, pk):
    """The report's one form page; read-only once submitted."""
    report = report_to_fill(request, pk)
    if request.method == "POST":
        entry = build_entry(report, request.POST)
        if not report.is_editable:
            messages.error(
                request,
                READ_ONLY.format(status=report.get_status_display(), action="修改"),
            )
            return redirect(report)
        if entry.is_valid():
            try:
                services.report_save(
                    report=report,
                    user=request.user,
                    expected_version=entry.main.cleaned_data["version"],
                    values=entry.values(),
                )
            except WorkflowError as exc:
                # Stale copy or a state change meanwhile: nothing was written;
                # the page shows what this person typed, with the reason.
                stale = isinstance(exc, StaleReportError)
                if not stale:
                    messages.error(request, str(exc))
                report.refresh_from_db()
                context = _edit_context(
                    report,
                    entry,
                    entry_figures(
                        report, entry.values(), definitions=entry.defined.definitions
                    ),
                )
                context["stale"] = str(exc) if stale else ""
                context["current_version"] = report.version
                return render(
                    request, "submissions/report_edit.html", context, status=409
                )
            messages.success(request, SAVED)
            return redirect(report)
        messages.error(request, NOT_SAVED)
        context = _edit_context(
            report,
            entry,
            entry_figures(
                report, entry.values(), definitions=entry.defined.definitions
            ),
            input_errors=entry.field_errors(),
        )
        return render(request, "submissions/report_edit.html", context, status=422)
    entry = build_entry(report)
    refused = request.session.pop(SUBMIT_REFUSED_KEY.format(pk=report.pk), False)
    context = _edit_context(
        report, entry, report_figures(report), refused_submit=refused
    )
    return render(request, "submissions/report_edit.html", context)


@filler_required
@post_only
def report_validate(request, pk):
    """Live validation of the unsaved form: a findings fragment; nothing is saved."""
    report = report_to_fill(request, pk)
    entry = build_entry(report, request.POST)
    entry.is_valid()
    figures = entry_figures(
        report, entry.values(), definitions=entry.defined.definitions
    )
    findings = findings_of(entry, figures)
    return render(
        request,
        "submissions/_live.html",
        {
            "report": report,
            "findings": findings,
            "findings_by_field": by_field(findings),
            "error_total": sum(1 for f in findings if f.is_error),
            "warning_total": sum(1 for f in findings if not f.is_error),
            "sections": printed(
                figures,
                bureau_profile(report.centre.bureau_id),
                rates=rate_specs(report),
            ),
            "keys": all_keys(entry),
            "live": True,
        },
    )


_RULE_LENGTH = FindingExplanation._meta.get_field("rule").max_length
_SUBJECT_LENGTH = FindingExplanation._meta.get_field("subject").max_length


def _explanation_count(value) -> int:
    """The posted number of explanation rows, bounded; junk reads as none."""
    try:
        return max(0, min(int(value or 0), MAX_EXPLANATIONS))
    except ValueError:
        return 0


@filler_required
@post_only
def report_submit(request, pk):
    report = report_to_fill(request, pk)
    texts = {}
    for index in range(_explanation_count(request.POST.get("explanation-count"))):
        rule = request.POST.get(f"explanation-{index}-rule", "")
        subject = request.POST.get(f"explanation-{index}-subject", "")
        if rule and len(rule) <= _RULE_LENGTH and len(subject) <= _SUBJECT_LENGTH:
            texts[(rule, subject)] = request.POST.get(f"explanation-{index}-text", "")
    refusals = [refusal(text, "说明") for text in texts.values()]
    if any(refusals):
        messages.error(request, next(r for r in refusals if r))
        return redirect(report)
    page = confirmation(
        request,
        Step(
            title=f"提交审核：{report}",
            consequences=[
                "提交后报送交编辑审核，审核期间不能修改；如需修改，须由编辑退回。",
                "审核通过后，数据将编入当期《政务服务动态》。",
            ],
            label="提交审核",
            back=report.get_absolute_url(),
        ),
    )
    if page is not None:
        return page
    try:
        services.report_submit(report=report, user=request.user, explanations=texts)
    except WorkflowError as exc:
        messages.error(request, str(exc))
        # The page then leads to the first field that needs attention.
        request.session[SUBMIT_REFUSED_KEY.format(pk=report.pk)] = True
        return redirect(report)
    messages.success(request, SUBMITTED)
    if report.backfilled_by_id and not request.user.has_perm(FILL):
        return redirect("submissions:report_review", pk=report.pk)
    return redirect("submissions:todo")


EXPORT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
