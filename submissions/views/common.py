"""What the clerk's and the editor's views share: access, reference rows, findings."""

from __future__ import annotations

import re
from collections import defaultdict

from django.contrib.auth.decorators import (
    login_required,
    permission_required,
    user_passes_test,
)
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from bureaus.scoping import current_bureau

from ..defined import TO_DATE, stored_value
from ..defined_forms import DefinedFiguresForm
from ..forms import ReportEntry, WorkItemForm
from ..models import (
    FigureDefinition,
    FigureValue,
    MonthlyReport,
    RateDefinition,
)

FILL = "submissions.fill_monthlyreport"
REVIEW = "submissions.review_monthlyreport"


def role_required(perm):
    """Anonymous → login page; signed in without ``perm`` → 403."""

    def decorator(view):
        return login_required(permission_required(perm, raise_exception=True)(view))

    return decorator


clerk_required = role_required(FILL)
editor_required = role_required(REVIEW)
NO_CENTRE = "您的账户尚未关联报送单位，请联系系统管理员。"


def clerk_centre(request):
    """The clerk's centre, when it belongs to the bureau the user works in."""
    membership = getattr(request.user, "membership", None)
    bureau = current_bureau(request)
    if membership is None or bureau is None:
        return None
    return membership.centre if membership.centre.bureau_id == bureau.pk else None


NOT_BACKFILLED = "编辑只能填写由编辑代为建立（补报）的报送。"


def filler_required(view):
    """A clerk, or an editor (who may fill only reports opened on a centre's
    behalf: ``report_to_fill``). Anonymous → login page; anyone else → 403."""

    def allowed(user):
        if not (user.has_perm(FILL) or user.has_perm(REVIEW)):
            raise PermissionDenied
        return True

    return login_required(user_passes_test(allowed)(view))


def report_for(request, pk, queryset=None) -> MonthlyReport:
    """The report if the user may reach it; another centre's or another
    bureau's report is a 404."""
    queryset = queryset if queryset is not None else MonthlyReport.objects.all()
    visible = queryset.visible_to(request.user, current_bureau(request))
    return get_object_or_404(visible.select_related("centre"), pk=pk)


def report_to_fill(request, pk) -> MonthlyReport:
    """``report_for``, refused (403) to an editor unless the report was opened
    by an editor on the centre's behalf."""
    report = report_for(request, pk)
    if not request.user.has_perm(FILL) and report.backfilled_by_id is None:
        raise PermissionDenied(NOT_BACKFILLED)
    return report


def report_definitions(report) -> list[FigureDefinition]:
    """The definitions the report's form shows, with their active options (two
    queries): the bureau's active ones its unit reports (``unit_kind``), plus
    any other definition or option the report already has figures for."""
    return list(
        FigureDefinition.objects.filter(bureau_id=report.centre.bureau_id)
        .filter(
            Q(is_active=True, unit_kind__in=("", report.centre.kind))
            | Q(pk__in=FigureValue.objects.filter(report=report).values("definition"))
        )
        .with_options(report)
    )


def stored_defined(report) -> dict:
    """{(definition id, option id, None for the total, or ``TO_DATE``): value}
    of the report's stored figures, as the form shows them (one query)."""
    return {
        (v.definition_id, TO_DATE if v.to_date else v.option_id): stored_value(
            v.definition.value_type, v.value
        )
        for v in report.figure_values.select_related("definition")
    }


def rate_specs(report):
    """The bureau's active rate definitions, as the report's preview prints them."""
    return RateDefinition.objects.for_bureau(report.centre.bureau_id).active().specs()


def build_entry(report, data=None) -> ReportEntry:
    defined = DefinedFiguresForm(
        data,
        definitions=report_definitions(report),
        stored=stored_defined(report),
        notes=dict(report.option_notes.values_list("option_id", "text")),
    )
    return ReportEntry(report, data, defined=defined)


def slot_id(key: str) -> str:
    """An html id for a finding slot: "defined[7].total" → "fk-defined-7-total"."""
    return "fk-" + re.sub(r"[^A-Za-z0-9_]+", "-", key).strip("-")


def by_field(findings) -> dict[str, list]:
    grouped = defaultdict(list)
    for finding in findings:
        grouped[finding.field or ""].append(finding)
    return dict(grouped)


def all_keys(entry: ReportEntry) -> list[str]:
    keys = []
    for form in entry.parts():
        if isinstance(form, WorkItemForm):
            continue  # work items have no per-field slot
        for name in form.fields:
            if name not in ("id", "ORDER", "DELETE", "version"):
                keys.append(form.finding_key(name))
    keys += [f"defined[{d.pk}]" for d in entry.defined.definitions if d.required]
    return keys
