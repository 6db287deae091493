"""The editor's screens: the month overview, the review page, and the decisions."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from bulletins.profiles.panel import bureau_profile
from bureaus.scoping import require_bureau
from config.confirm import Step, confirmation
from config.methods import post_only, read_only
from config.periods import PeriodError, last_month, neighbours, parse_month
from config.xmltext import refusal

from .. import periods, reminders, services
from ..defined import value_text
from ..derived import comparison_rows, printed
from ..figure_grids import review_grids
from ..forms import (
    BackfillForm,
    CommentForm,
    ReminderForm,
    ReturnForm,
)
from ..history import changes_since, field_history
from ..models import Centre, MonthlyReport
from ..validation import findings_for_month, report_figures, validate
from ..workflow import WorkflowError, reopen_refusals
from .common import editor_required, rate_specs, report_definitions, report_for

RETURNED = "已退回{report}，并通知填报单位修改。"
APPROVED = "已审核通过{report}。"
REOPENED = "已重新打开{report}，填报单位可以修改后再次提交。"
BACKFILL_CREATED = "已代{centre}建立{month}的报送（补报），请填写后提交。"
BACKFILL_REFUSED = "不能代为建立：单位或月份无效，或月份（季度）尚未结束。"
NEXT_WAITING = "下一份待审核：{report}。"
REMINDED = "已向{count}个单位发送催报邮件：{names}。"
BAD_REMINDER = "不能催报：月份或单位无效。"
NOTHING_TO_REMIND = "没有需要催报的单位（均已报送或已催报过）。"
ALREADY_REMINDED = (
    "{names}本月已催报过，未重复发送；如需再次催报，请点该单位的“再次催报”。"
)
NO_ADDRESS = "{names}没有填报员邮箱，未能催报，请在系统管理中补充。"
NONE_WAITING = "没有其他待审核的报送。"


def _month_from(request, bureau):
    """``?month=2021-06`` (404 when malformed or out of range), else the latest
    month with a report of ``bureau`` in the accepted range."""
    text = request.GET.get("month", "")
    if text:
        try:
            return parse_month(text)
        except PeriodError as exc:
            raise Http404(str(exc)) from None
    latest = (
        MonthlyReport.objects.for_bureau(bureau)
        .filter(month__lte=last_month())
        .order_by("-month")
        .values_list("month", flat=True)
    )
    return latest.first() or periods.reporting_month(timezone.localdate())


@editor_required
@read_only
def review_overview(request):
    """Every active centre × its report covering the month (the month's, or
    its quarter's report), in constant queries."""
    bureau = require_bureau(request)
    month = _month_from(request, bureau)
    due = periods.deadline(month)
    today = timezone.localdate()
    centres = list(
        Centre.objects.filter(bureau=bureau, is_active=True).order_by("order", "id")
    )
    quarter = periods.quarter_months(month)
    # The quarter's reports in one query: the month's or the quarter's report
    # covers the month; the quarter's other monthly reports say whether a
    # missing centre may instead be given the quarter's report (last month).
    in_quarter = list(
        MonthlyReport.objects.for_bureau(bureau)
        .filter(month__in=quarter)
        .select_related("centre")
    )
    reports = {r.centre_id: r for r in in_quarter if month in r.months}
    monthly_in_quarter = {r.centre_id for r in in_quarter if not r.is_quarterly}
    findings = findings_for_month(month, bureau=bureau)
    sent = reminders.last_sent(month, bureau=bureau)
    before, after = neighbours(month)
    rows = []
    for centre in centres:
        report = reports.get(centre.pk)
        found = findings.get(report.pk, []) if report else []
        late = report.is_late if report else today > due
        rows.append(
            {
                "centre": centre,
                "report": report,
                "errors": sum(1 for f in found if f.is_error),
                "warnings": sum(1 for f in found if not f.is_error),
                "late": late,
                "reminder": sent.get(centre.pk),
                "remindable": reminders.chased(report, month),
                "quarter_backfill": report is None
                and month == quarter[-1]
                and centre.pk not in monthly_in_quarter,
            }
        )
    counts = {
        status: sum(
            1 for row in rows if row["report"] and row["report"].status == status
        )
        for status in MonthlyReport.Status.values
    }
    return render(
        request,
        "submissions/review_overview.html",
        {
            "month": month,
            "previous_month": before,
            "next_month": after,
            "due": due,
            "quarter_label": periods.period_label(quarter[0], periods.QUARTER),
            "rows": rows,
            "counts": counts,
            "missing": sum(1 for row in rows if row["report"] is None),
            "to_remind": sum(
                1 for row in rows if row["remindable"] and row["reminder"] is None
            ),
            "statuses": MonthlyReport.Status,
        },
    )


@editor_required
@read_only
def report_review(request, pk):
    report = report_for(
        request,
        pk,
        MonthlyReport.objects.select_related(
            "submitted_by", "approved_by", "backfilled_by"
        ),
    )
    figures = report_figures(report)
    findings = validate(figures)
    explanations = {(e.rule, e.subject): e for e in report.explanations.all()}
    transitions = list(report.transitions.select_related("actor"))
    previous, comparison = comparison_rows(report, figures)
    since_return = None
    last_return = next(
        (
            t
            for t in reversed(transitions)
            if t.to_status == MonthlyReport.Status.RETURNED
        ),
        None,
    )
    if last_return is not None and report.status != MonthlyReport.Status.RETURNED:
        since_return = changes_since(report, last_return.at)
    grids, in_grids = review_grids(
        report_definitions(report),
        figures.defined,
        dict(report.option_notes.values_list("option_id", "text")),
    )
    return render(
        request,
        "submissions/report_review.html",
        {
            "report": report,
            "sections": printed(
                figures,
                bureau_profile(report.centre.bureau_id),
                rates=rate_specs(report),
            ),
            "figures": figures,
            "grids": grids,
            "listed": [
                f for f in figures.defined.values() if f.definition_id not in in_grids
            ],
            "to_date": [
                (f.name, value_text(f, f.total))
                for f in sorted(figures.to_date.values(), key=lambda f: f.order)
            ],
            "findings": [(f, explanations.get(f.key)) for f in findings],
            "error_count": sum(1 for f in findings if f.is_error),
            "transitions": transitions,
            "previous": previous,
            "comparison": comparison,
            "history": field_history(report),
            "last_return": last_return,
            "since_return": since_return,
            "work_items": list(report.work_items.all()),
            "return_form": ReturnForm(),
            "comment_form": CommentForm(),
            "reopen_refusals": reopen_refusals(report)
            if report.status == MonthlyReport.Status.APPROVED
            else [],
        },
    )


STEPS = {
    "return": (
        "退回修改",
        "报送将退回填报单位修改，您的意见会显示给填报员；修改后再次提交审核。",
    ),
    "approve": (
        "审核通过",
        "审核通过后，这份报送的数据将编入当期《政务服务动态》；"
        "之后如需修改，须重新打开（将被记录）。",
    ),
    "reopen": (
        "重新打开",
        "已审核通过的报送将退回填报单位修改（将被记录）；如已有签发的期刊使用了它，"
        "该期发布时会发现数据变化并退回签发人重新签发。",
    ),
}


@editor_required
@post_only
def report_backfill(request):
    """Open a report for any centre and any ended month (or ended quarter) on
    its behalf."""
    form = BackfillForm(request.POST, bureau=require_bureau(request))
    if not form.is_valid():
        messages.error(request, BACKFILL_REFUSED)
        return redirect("submissions:review_overview")
    centre = form.cleaned_data["centre"]
    period_type = form.cleaned_data["period_type"]
    start = form.cleaned_data["month"]
    if period_type == periods.QUARTER:
        start = periods.quarter_start(start)
    months = periods.period_months(start, period_type)
    if months[-1] > periods.reporting_month(timezone.localdate()):
        messages.error(request, BACKFILL_REFUSED)
        return redirect("submissions:review_overview")
    try:
        report = services.report_create(
            centre=centre,
            month=start,
            user=request.user,
            backfill=True,
            period_type=period_type,
        )
    except services.ReportExistsError as exc:
        messages.info(request, str(exc))
        report = MonthlyReport.objects.get(
            centre=centre, month=start, period_type=period_type
        )
        return redirect("submissions:report_review", pk=report.pk)
    except services.PeriodTakenError as exc:
        messages.error(request, str(exc))
        return redirect("submissions:review_overview")
    messages.success(
        request,
        BACKFILL_CREATED.format(centre=centre.short_name, month=report.period_label),
    )
    return redirect(report)


@editor_required
@post_only
def reminders_send(request):
    """催报 the month's late centres not reminded yet, or one centre again."""
    bureau = require_bureau(request)
    form = ReminderForm(request.POST, bureau=bureau)
    if not form.is_valid():
        messages.error(request, BAD_REMINDER)
        return redirect("submissions:review_overview")
    month = periods.month_start(form.cleaned_data["month"])
    centre = form.cleaned_data["centre"]
    outcome = reminders.reminders_send(
        bureau=bureau,
        month=month,
        user=request.user,
        site_url=request.build_absolute_uri("/"),
        centre_ids=[centre.pk] if centre else None,
        resend=centre is not None,
    )

    def names(centres):
        return "、".join(c.short_name for c in centres)

    if outcome.sent:
        messages.success(
            request, REMINDED.format(count=len(outcome.sent), names=names(outcome.sent))
        )
    if outcome.already:
        messages.info(request, ALREADY_REMINDED.format(names=names(outcome.already)))
    if outcome.no_address:
        messages.warning(request, NO_ADDRESS.format(names=names(outcome.no_address)))
    if outcome.error:
        messages.error(request, outcome.error)
    if not (outcome.sent or outcome.already or outcome.no_address or outcome.error):
        messages.info(request, NOTHING_TO_REMIND)
    return redirect(reverse("submissions:review_overview") + f"?month={month:%Y-%m}")


def next_waiting(report):
    """Where the editor goes after deciding on ``report``: the next submitted
    report (same month first, then the oldest month), else the month overview."""
    waiting = (
        MonthlyReport.objects.pending_review()
        .filter(centre__bureau_id=report.centre.bureau_id)
        .exclude(pk=report.pk)
    )
    following = (
        waiting.filter(month=report.month).order_by("centre__order", "centre_id")
        or waiting.order_by("month", "centre__order", "centre_id")
    ).first()
    if following is None:
        url = reverse("submissions:review_overview") + f"?month={report.month:%Y-%m}"
        return url, NONE_WAITING
    return (
        reverse("submissions:report_review", args=[following.pk]),
        NEXT_WAITING.format(report=following),
    )


def _decide(request, pk, action, done_message, step, *, lead_on=False):
    report = report_for(request, pk)
    refused = refusal(request.POST.get("comment", ""), "意见")
    if refused:
        messages.error(request, refused)
        return redirect("submissions:report_review", pk=report.pk)
    label, consequence = STEPS[step]
    page = confirmation(
        request,
        Step(
            title=f"{label}：{report}",
            consequences=[consequence],
            label=label,
            back=reverse("submissions:report_review", args=[report.pk]),
            danger=step != "approve",
        ),
    )
    if page is not None:
        return page
    try:
        action(report)
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("submissions:report_review", pk=report.pk)
    messages.success(request, done_message.format(report=report))
    if lead_on:
        # Approved or returned: on to the next report waiting for review.
        url, note = next_waiting(report)
        messages.info(request, note)
        return redirect(url)
    return redirect("submissions:report_review", pk=report.pk)


@editor_required
@post_only
def report_return(request, pk):
    form = ReturnForm(request.POST)
    comment = form.data.get("comment", "")
    return _decide(
        request,
        pk,
        lambda report: report.return_for_changes(request.user, comment),
        RETURNED,
        "return",
        lead_on=True,
    )


@editor_required
@post_only
def report_approve(request, pk):
    comment = request.POST.get("comment", "")
    return _decide(
        request,
        pk,
        lambda report: report.approve(request.user, comment),
        APPROVED,
        "approve",
        lead_on=True,
    )


@editor_required
@post_only
def report_reopen(request, pk):
    comment = request.POST.get("comment", "")
    return _decide(
        request,
        pk,
        lambda report: report.reopen(request.user, comment),
        REOPENED,
        "reopen",
    )
