"""The report's defined figures as a spreadsheet: export (the report's clerks
and the reviewers), and import with a dry run (whoever may fill the report's
form: its clerks, or the editor who opened it on the centre's behalf)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from config.methods import form_page, post_only, read_only

from .. import services
from ..defined import AMOUNT
from ..defined_forms import figure_inputs
from ..figure_sheets import figure_dataset, parse_figure_sheet, sheet_changes
from ..forms import SheetUploadForm
from ..workflow import WorkflowError
from .clerk import EXPORT_TYPES, IMPORT_EXPIRED, READ_ONLY
from .common import (
    filler_required,
    report_definitions,
    report_for,
    report_to_fill,
    stored_defined,
)

NO_DEFINITIONS = "本单位没有设置其他指标。"
FIGURES_FILE = "其他指标表（.xlsx 或 .csv）"
FIGURES_IMPORTED = "已从表格导入{count}项指标数据。"
SESSION_KEY = "figures-import-{pk}"


def _definitions(report):
    definitions = report_definitions(report)
    if not definitions:
        raise Http404(NO_DEFINITIONS)
    return definitions


@read_only
def figures_export(request, pk, fmt):
    """The report's defined figures as .xlsx or .csv, filled or blank: the
    template to fill offline."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    report = report_for(request, pk)
    if fmt not in EXPORT_TYPES:
        raise Http404
    definitions = _definitions(report)
    month = f"{report.month.year}年{report.month.month}月"
    dataset = figure_dataset(
        definitions, stored_defined(report), title=f"{month}其他指标"
    )
    content = dataset.export(fmt)
    if fmt == "csv":
        content = "\ufeff" + content  # Excel opens UTF-8 CSV with a BOM correctly
    response = HttpResponse(content, content_type=EXPORT_TYPES[fmt])
    filename = f"figures-{report.month:%Y-%m}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _pending(values: dict) -> list:
    """Values as the session keeps them (JSON): amounts as exact text."""
    return [
        [definition, option, None if value is None else str(value)]
        for (definition, option), value in values.items()
    ]


def _restored(pending: list, definitions) -> dict | None:
    """The session's values again, or None when one no longer names an input
    of the report's form (a definition or option changed meanwhile)."""
    types = {}
    for definition in definitions:
        for item in figure_inputs(definition):
            types[item.key] = definition.value_type
    values = {}
    for definition, option, text in pending:
        key = (definition, option)
        if key not in types:
            return None
        if text is None:
            values[key] = None
        else:
            values[key] = Decimal(text) if types[key] == AMOUNT else int(text)
    return values


@filler_required
@form_page
def figures_import(request, pk):
    """Upload the sheet; a preview of what would change, nothing saved. Who
    may fill the report's form may import (``report_to_fill``)."""
    report = report_to_fill(request, pk)
    definitions = _definitions(report)
    parsed = changes = None
    form = SheetUploadForm(label=FIGURES_FILE)
    if request.method == "POST":
        if not report.is_editable:
            messages.error(
                request,
                READ_ONLY.format(status=report.get_status_display(), action="导入"),
            )
            return redirect(report)
        # A new upload replaces any earlier preview, good or not.
        request.session.pop(SESSION_KEY.format(pk=report.pk), None)
        form = SheetUploadForm(request.POST, request.FILES, label=FIGURES_FILE)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            parsed = parse_figure_sheet(upload.read(), upload.name, definitions)
            if parsed.ok:
                stored = stored_defined(report)
                changes = sheet_changes(parsed, definitions, stored)
                changed = {
                    key: value
                    for key, value in parsed.values.items()
                    if stored.get(key) != value
                }
                if changed:
                    request.session[SESSION_KEY.format(pk=report.pk)] = {
                        "version": report.version,
                        "values": _pending(changed),
                    }
    return render(
        request,
        "submissions/figures_import.html",
        {
            "report": report,
            "form": form,
            "parsed": parsed,
            "changes": changes,
            "refusal": ""
            if report.is_editable
            else READ_ONLY.format(status=report.get_status_display(), action="导入"),
        },
        status=422 if parsed is not None and not parsed.ok else 200,
    )


@filler_required
@post_only
def figures_import_confirm(request, pk):
    """Save the previewed figures, as the form saves them."""
    report = report_to_fill(request, pk)
    pending = request.session.get(SESSION_KEY.format(pk=report.pk))
    values = pending and _restored(pending["values"], report_definitions(report))
    if not values:
        messages.error(request, IMPORT_EXPIRED)
        return redirect("submissions:figures_import", pk=report.pk)
    try:
        count = services.defined_figures_import(
            report=report,
            user=request.user,
            expected_version=pending["version"],
            values=values,
        )
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("submissions:figures_import", pk=report.pk)
    del request.session[SESSION_KEY.format(pk=report.pk)]
    messages.success(request, FIGURES_IMPORTED.format(count=count))
    return redirect(report)
