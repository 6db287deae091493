"""The editor's trade import inside the app: upload, a dry run with every
rejected row in plain sight, then confirm; progress for big files.

The upload is kept in the default storage (under ``imports/``, never served)
between the preview and the confirmation; the session remembers which file.
While the server works through the rows it writes how far it got to the cache
under the page's token; ``static/js/trade-import.js`` polls that and shows it.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render

from bureaus.scoping import require_bureau
from config.methods import form_page, post_only, read_only

from .services import trades_import
from .spreadsheets import SheetError, check_size
from .trade_columns import HEADERS

IMPORT_PERMISSIONS = ("transactions.add_trade", "transactions.change_trade")
SESSION_KEY = "trade-import"
PROGRESS_KEY = "trade-import-progress-{token}"
PROGRESS_SECONDS = 60 * 60
EXPIRED = "预览已失效，请重新上传文件。"
IMPORTED = "已导入交易项目：新增{created}项，更新{updated}项，未变{unchanged}项。"
REFUSED = "导入未完成，未保存任何数据：{reason}"
_TOKEN = re.compile(r"^[0-9a-f]{32}$")


class TradeUploadForm(forms.Form):
    file = forms.FileField(
        label="交易项目表格（.xlsx 或 .csv）",
        error_messages={"required": "请选择要上传的文件。"},
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_file(self):
        """Refused before it is stored or parsed when over ``UPLOAD_MAX_BYTES``."""
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size, settings.UPLOAD_MAX_BYTES)
        except SheetError as exc:
            raise forms.ValidationError(str(exc), code="too_big") from exc
        return upload

    def clean_token(self):
        token = self.cleaned_data["token"]
        return token if _TOKEN.match(token or "") else uuid.uuid4().hex


def _progress(token: str):
    """Callbacks for ``trades_import`` that write how far it got to the cache."""
    key = PROGRESS_KEY.format(token=token)
    state = {"done": 0, "total": None}

    def on_start(total):
        state["total"] = total
        cache.set(key, dict(state), PROGRESS_SECONDS)

    def on_rows(count):
        state["done"] += count
        cache.set(key, dict(state), PROGRESS_SECONDS)

    return {"on_start": on_start, "on_rows": on_rows}


def _run(stored: dict, *, bureau, dry_run: bool, user, token: str):
    with default_storage.open(stored["path"], "rb") as source:
        return trades_import(
            bureau=bureau,
            source=source,
            name=stored["name"],
            size=stored["size"],
            dry_run=dry_run,
            user=user,
            **_progress(token),
        )


def _discard(request) -> None:
    stored = request.session.pop(SESSION_KEY, None)
    if stored and default_storage.exists(stored["path"]):
        default_storage.delete(stored["path"])


@login_required
@permission_required(IMPORT_PERMISSIONS, raise_exception=True)
@form_page
def trade_import(request):
    """Upload and dry run: nothing is saved; the rows found bad are listed."""
    summary = None
    form = TradeUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        _discard(request)
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        path = default_storage.save(f"imports/{uuid.uuid4().hex}{suffix}", upload)
        stored = {"path": path, "name": upload.name, "size": upload.size}
        token = form.cleaned_data["token"]
        summary = _run(
            stored,
            bureau=require_bureau(request),
            dry_run=True,
            user=request.user,
            token=token,
        )
        if summary.ok:
            request.session[SESSION_KEY] = stored
        else:
            default_storage.delete(path)
    return render(
        request,
        "transactions/trade_import.html",
        {
            "form": form,
            "summary": summary,
            "headers": HEADERS,
            "token": uuid.uuid4().hex,
        },
        status=422 if form.errors or (summary is not None and not summary.ok) else 200,
    )


@login_required
@permission_required(IMPORT_PERMISSIONS, raise_exception=True)
@post_only
def trade_import_confirm(request):
    stored = request.session.get(SESSION_KEY)
    if not stored or not default_storage.exists(stored["path"]):
        messages.error(request, EXPIRED)
        return redirect("transactions:trade_import")
    token = request.POST.get("token", "")
    if not _TOKEN.match(token):
        token = uuid.uuid4().hex
    summary = _run(
        stored,
        bureau=require_bureau(request),
        dry_run=False,
        user=request.user,
        token=token,
    )
    _discard(request)
    if not summary.saved:
        reasons = summary.file_errors + [str(p) for p in summary.problems[:3]]
        messages.error(request, REFUSED.format(reason="；".join(reasons)))
        return redirect("transactions:trade_import")
    messages.success(
        request,
        IMPORTED.format(
            created=summary.created,
            updated=summary.updated,
            unchanged=summary.unchanged,
        ),
    )
    return redirect("transactions:trade_list")


@login_required
@permission_required(IMPORT_PERMISSIONS, raise_exception=True)
@read_only
def trade_import_progress(request, token: str):
    """How far the import under ``token`` got: {"done": rows, "total": rows|null}."""
    if not _TOKEN.match(token):
        raise Http404
    state = cache.get(PROGRESS_KEY.format(token=token))
    return JsonResponse(state or {"done": 0, "total": None})
