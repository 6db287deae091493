"""Opening a report: the clerk's month (新建报送) or quarter (新建季报), within
the opening window; an existing report is opened, a report covering part of the
period refuses with the reason (docs/workflow.md, "Quarterly reports")."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils import timezone

from config.methods import post_only

from .. import catchup, periods, services
from ..forms import CreateQuarterForm, CreateReportForm
from ..models import MonthlyReport
from .common import NO_CENTRE, clerk_centre, clerk_required

CREATED = "已创建{month}的报送。"
BAD_MONTH = "月份无效。"
BAD_QUARTER = "季度无效。"
QUARTER_NOT_ENDED = "{quarter}尚未结束或不在可填报的范围内，不能建立季报。"


@clerk_required
@post_only
def report_create(request):
    centre = clerk_centre(request)
    if centre is None:
        raise PermissionDenied(NO_CENTRE)
    form = CreateReportForm(request.POST)
    window = catchup.open_months(timezone.localdate(), centre.bureau)
    if not form.is_valid():
        # A date outside the accepted range (9999-12, 0001-01) is refused with
        # the clerk's window, which lies inside that range; anything else is no
        # month at all.
        month = _posted_date(form)
        refusal = catchup.outside_window(month, window) if month else BAD_MONTH
        messages.error(request, refusal)
        return redirect("submissions:todo")
    month = periods.month_start(form.cleaned_data["month"])
    refusal = catchup.outside_window(month, window)
    if (
        refusal
        and not MonthlyReport.objects.filter(centre=centre).for_month(month).exists()
    ):
        messages.error(request, refusal)
        return redirect("submissions:todo")
    return _open(request, centre, month, periods.MONTH)


@clerk_required
@post_only
def quarter_create(request):
    """Open the centre's report of an ended quarter (only quarterly figures)."""
    centre = clerk_centre(request)
    if centre is None:
        raise PermissionDenied(NO_CENTRE)
    form = CreateQuarterForm(request.POST)
    if not form.is_valid():
        messages.error(request, BAD_QUARTER)
        return redirect("submissions:todo")
    start = form.cleaned_data["quarter"]
    window = catchup.open_months(timezone.localdate(), centre.bureau)
    if start not in periods.ended_quarters(window) and not (
        MonthlyReport.objects.filter(centre=centre)
        .for_period(start, periods.QUARTER)
        .exists()
    ):
        messages.error(
            request,
            QUARTER_NOT_ENDED.format(
                quarter=periods.period_label(start, periods.QUARTER)
            ),
        )
        return redirect("submissions:todo")
    return _open(request, centre, start, periods.QUARTER)


def _open(request, centre, start, period_type):
    """Create the period's report and go to it; an existing one is opened, a
    report covering part of the period refuses with the reason."""
    try:
        report = services.report_create(
            centre=centre, month=start, user=request.user, period_type=period_type
        )
    except services.ReportExistsError as exc:
        messages.info(request, str(exc))
        report = MonthlyReport.objects.get(
            centre=centre, month=start, period_type=period_type
        )
        return redirect(report)
    except services.PeriodTakenError as exc:
        messages.error(request, str(exc))
        return redirect("submissions:todo")
    messages.success(request, CREATED.format(month=report.period_label))
    return redirect(report)


def _posted_date(form):
    """The posted month as a date when it is one, whatever its range."""
    try:
        return form.fields["month"].to_python(form.data.get("month"))
    except ValidationError:
        return None
