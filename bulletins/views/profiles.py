"""The bureau admin's profile (版式) screens: the series' profiles, and the
editor of one with a live preview of a chosen period (HTML beside the form, and
the PDF) and saving as a new version.

The profile is edited as its file (YAML, as ``export_profile`` writes it):
every block, heading, numbering, template, unit and word is there. Nothing is
saved until the whole profile validates; a refusal names the line.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string

from bulletins.composition import compose_document
from bulletins.html import document_context
from bulletins.models import Series
from bulletins.pdf import render_pdf
from bulletins.periods import Period
from bulletins.profiles import spec
from bulletins.profiles.services import export_profile, import_profile
from bureaus.scoping import require_bureau
from config.methods import form_page, post_only, read_only

SAVED = "版式已保存为第{version}版；之后编排的各期将采用新版式。"
PREVIEW_LABEL = "（预览）"


def _series(request, pk) -> Series:
    bureau = require_bureau(request)
    return get_object_or_404(
        Series.objects.select_related("bureau"), pk=pk, bureau=bureau
    )


@login_required
@permission_required("bulletins.change_profile", raise_exception=True)
@read_only
def profile_list(request):
    bureau = require_bureau(request)
    series = bureau.series.order_by("id").prefetch_related("profiles")
    rows = [
        (s, max(s.profiles.all(), key=lambda p: p.version, default=None))
        for s in series
    ]
    return render(request, "bulletins/editor/profile_list.html", {"rows": rows})


def _default_month(series: Series) -> str:
    issue = series.issues.order_by("-period_start").first()
    start = issue.period_start if issue else datetime.date.today().replace(day=1)
    return f"{start:%Y-%m}"


@login_required
@permission_required("bulletins.change_profile", raise_exception=True)
@form_page
def profile_edit(request, pk):
    series = _series(request, pk)
    current = series.current_profile()
    text, note, problems = export_profile(current), "", []
    month = request.GET.get("month") or _default_month(series)
    if request.method == "POST":
        text = request.POST.get("text", "")
        note = request.POST.get("note", "")
        month = request.POST.get("month", month)
        try:
            profile = import_profile(
                series, text, user=request.user, note=note or "在线编辑"
            )
        except spec.ProfileError as error:
            problems = error.problems
        else:
            messages.success(request, SAVED.format(version=profile.version))
            return redirect("bulletins:profile_edit", pk=series.pk)
    context = {
        "series": series,
        "current": current,
        "versions": series.profiles.order_by("-version")[:10],
        "text": text,
        "note": note,
        "month": month,
        "problems": problems,
        "preview": _preview_html(series, text, month) if not problems else None,
    }
    return render(request, "bulletins/editor/profile_edit.html", context)


def _compose(series: Series, text: str, month: str):
    """The preview document, or raises ``ProfileError``/``ValueError``."""
    profile = spec.load(text)
    try:
        period = Period.parse(month)
    except ValueError as error:
        raise spec.ProfileError([f"预览报告期：{error}"]) from None
    return compose_document(
        bureau=series.bureau,
        series_title=series.title,
        publisher=series.publisher,
        subtitle=series.subtitle,
        issue_label=PREVIEW_LABEL,
        publication_date=datetime.date.today(),
        period=period,
        profile=profile,
    )


def _preview_html(series, text, month) -> dict:
    try:
        document = _compose(series, text, month)
    except spec.ProfileError as error:
        return {"problems": error.problems, "html": ""}
    html = render_to_string("bulletins/_document.html", document_context(document))
    return {"problems": [], "html": html}


@login_required
@permission_required("bulletins.change_profile", raise_exception=True)
@post_only
def profile_preview(request, pk):
    """The live preview: JSON ``{"html", "problems"}``; with ``format=pdf`` the
    PDF itself (or the problems as JSON with status 400)."""
    series = _series(request, pk)
    text, month = request.POST.get("text", ""), request.POST.get("month", "")
    if request.POST.get("format") == "pdf":
        try:
            document = _compose(series, text, month)
        except spec.ProfileError as error:
            return JsonResponse({"problems": error.problems}, status=400)
        response = HttpResponse(render_pdf(document), content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="preview.pdf"'
        return response
    return JsonResponse(_preview_html(series, text, month))
