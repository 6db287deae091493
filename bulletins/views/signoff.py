"""The issue's steps: submit, sign, return, publish, correct, and the links.

Every irreversible or outward step is confirmed first (``config.confirm``:
a dialog with JavaScript, a page without); the confirmation says what will
happen. After a step the browser goes where ``after_step`` says (one place).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import content_disposition_header

from bulletins import previews, services, signoff
from bulletins.changes import snapshot_hash
from bulletins.document import Document
from bulletins.models import ILLEGAL_STEP, Issue, PreviewLink, may_sign_off
from bulletins.views.editor import _issue, _may_compose, editor_required
from config.confirm import Step, confirmation
from config.methods import post_only, read_only
from config.xmltext import refusal

PUBLISH_FAILED = (
    "发布失败，本期未发布：保存时出错。请稍后重试；如仍失败，请联系系统管理员查看日志。"
)
SIGN_OFF_FAILED = (
    "签发失败，本期未签发，也没有保存任何文件：生成或保存PDF时出错。"
    "请稍后重试；如仍失败，请联系系统管理员查看日志。"
)
MESSAGES = {
    "submit": "已提交签发。",
    "withdraw": "已撤回为草稿。",
    "sign-off": "已签发：发布时将原样发布您签发的这一稿。",
    "return": "已退回编辑修改。",
    "publish": "{label}已发布。",
    "correct": "更正已提交签发。",
    "withdraw-correction": "已撤回更正。",
    "publish-correction": "更正已发布（第{revision}版）。",
}
COMPOSE_ONLY = {"submit", "withdraw", "correct", "withdraw-correction"}
SIGNER_ONLY = {"sign-off", "return"}
PUBLISHER_ONLY = {"publish", "publish-correction"}
# The state each step starts from, checked before asking for confirmation (the
# model methods check again under the row lock).
STARTS_FROM = {
    "submit": ("提交签发", lambda i: i.status == Issue.Status.DRAFT),
    "sign-off": ("签发", lambda i: i.awaits_leader),
    "return": ("退回", lambda i: i.awaits_leader or i.is_signed),
    "publish": ("发布", lambda i: i.status == Issue.Status.SIGNED_OFF),
    "publish-correction": (
        "发布更正",
        lambda i: i.correction == Issue.Correction.SIGNED_OFF,
    ),
    "correct": (
        "提交更正",
        lambda i: i.is_published and i.correction == Issue.Correction.NONE,
    ),
}
logger = logging.getLogger(__name__)


def after_step(issue: Issue, action: str):
    """Where every step of the issue leads: back to its screen."""
    return redirect("bulletins:compose", pk=issue.pk)


def _signed_pdf_link(issue: Issue) -> tuple[str, str]:
    return (
        "打开将要发布的PDF（签发稿）",
        reverse("bulletins:draft_pdf", args=[issue.pk]),
    )


def _step(issue: Issue, action: str) -> Step:
    back = reverse("bulletins:compose", args=[issue.pk])
    pdf = [
        (
            "打开这份草稿的PDF（即发布时的样子）",
            reverse("bulletins:draft_pdf", args=[issue.pk]),
        )
    ]
    if action == "submit":
        return Step(
            title=f"{issue.label}提交签发",
            consequences=[
                "本期将交签发人审阅签发；在此期间不能修改（可撤回为草稿）。",
                "签发人签发的就是发布的：签发后数据或文字再有变化，发布会被拒绝并退回签发人。",
            ],
            label="提交签发",
            back=back,
            missing=signoff.missing_centres(services.pending_document(issue)),
            links=pdf,
        )
    if action == "sign-off":
        return Step(
            title=f"签发{issue.label}{'的更正' if issue.is_published else ''}",
            consequences=[
                "签发即认可这一稿：网页、PDF和开放数据将原样发布，一字不改。",
                "签发后如所依据的数据或文字有变化，发布会被拒绝，本期回到您这里重新签发。",
            ],
            label="签发",
            back=back,
            links=pdf,
        )
    if action == "return":
        return Step(
            title=f"退回{issue.label}",
            consequences=["本期回到编辑手中修改，您的意见会显示在编辑的页面上。"],
            label="退回",
            back=back,
            danger=True,
        )
    if action in ("publish", "publish-correction"):
        signed = issue.signed_snapshot
        missing = signoff.missing_centres(Document.from_dict(signed)) if signed else []
        return Step(
            title=f"发布{'更正' if issue.is_published else issue.label}",
            consequences=[
                "将原样发布签发人签发的这一稿：公众立即可以看到网页、下载PDF和数据，不能撤回。",
                "发布前会按现在的数据重新核对；如与签发稿不一致，将不发布并退回签发人。",
                "发布后如需修改，只能发布更正（同样需要签发）。",
            ],
            label=f"发布{'更正' if issue.is_published else ''}",
            back=back,
            missing=missing,
            links=[_signed_pdf_link(issue)],
            danger=True,
        )
    if action == "correct":
        return Step(
            title=f"{issue.label}的更正提交签发",
            consequences=[
                "更正将交签发人签发；签发并发布后，公开页面显示新的一版并注明更正说明，旧版仍可查阅。",
            ],
            label="提交更正",
            back=back,
        )
    raise Http404


@post_only
@editor_required
def issue_action(request, pk, action):
    issue = _issue(request, pk)
    user = request.user
    if action not in MESSAGES:
        raise Http404
    if action in COMPOSE_ONLY and not _may_compose(user):
        raise PermissionDenied
    if action in SIGNER_ONLY and not may_sign_off(user):
        raise PermissionDenied
    if action in PUBLISHER_ONLY and not user.has_perm("bulletins.publish_issue"):
        raise PermissionDenied
    if action in STARTS_FROM:
        label, allowed = STARTS_FROM[action]
        if not allowed(issue):
            messages.error(
                request, ILLEGAL_STEP.format(status=issue.state_label, action=label)
            )
            return after_step(issue, action)
    for field, what in (("comment", "退回意见"), ("note", "更正说明")):
        refused = refusal(request.POST.get(field, ""), what)
        if refused:
            messages.error(request, refused)
            return after_step(issue, action)
    if action not in ("withdraw", "withdraw-correction"):
        page = confirmation(request, _step(issue, action))
        if page is not None:
            return page
    ticked = request.POST.get("acknowledge_missing") == "1"
    try:
        if action == "submit":
            issue = signoff.issue_submit(
                issue=issue, user=user, acknowledge_missing=ticked
            )
        elif action == "withdraw":
            issue.withdraw(user)
        elif action == "sign-off":
            issue = signoff.issue_sign_off(
                issue=issue, user=user, seen_sha256=request.POST.get("seen", "")
            )
        elif action == "return":
            issue.return_to_draft(user, request.POST.get("comment", ""))
        elif action in ("publish", "publish-correction"):
            issue = signoff.issue_publish(
                issue=issue, user=user, acknowledge_missing=ticked
            )
        elif action == "correct":
            issue = signoff.issue_submit_correction(
                issue=issue,
                user=user,
                note=request.POST.get("note", ""),
                recompose=request.POST.get("recompose") in ("on", "1"),
            )
        elif action == "withdraw-correction":
            issue.withdraw_correction(user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return after_step(issue, action)
    except (PermissionDenied, Http404):
        raise
    except Exception:
        if action not in ("sign-off", "publish", "publish-correction"):
            raise
        # Both are all or nothing (bulletins.signoff): say so, not a 500.
        logger.exception("%s of %s failed", action, issue.label)
        messages.error(
            request, SIGN_OFF_FAILED if action == "sign-off" else PUBLISH_FAILED
        )
        return after_step(issue, action)
    messages.success(
        request, MESSAGES[action].format(label=issue.label, revision=issue.revision)
    )
    return after_step(issue, action)


@read_only
@editor_required
def draft_pdf(request, pk):
    """The PDF exactly as it will be published: the signed PDF once signed,
    else the one the current draft renders to (the same bytes sign-off keeps)."""
    issue = _issue(request, pk)
    name = f"{issue.series.title}{issue.label}（签发稿）.pdf"
    if issue.is_signed and issue.signed_pdf:
        response = FileResponse(
            issue.signed_pdf.open("rb"), content_type="application/pdf"
        )
    else:
        response = HttpResponse(
            services.render_pdf_bytes(services.pending_document(issue)),
            content_type="application/pdf",
        )
        name = f"{issue.series.title}{issue.label}（草稿）.pdf"
    response["Content-Disposition"] = content_disposition_header(False, name)
    response["Cache-Control"] = "private, no-store"
    return response


@post_only
@editor_required
def preview_link_create(request, pk):
    issue = _issue(request, pk)
    if not _may_compose(request.user):
        raise PermissionDenied
    previews.preview_link_create(issue=issue, user=request.user)
    messages.success(
        request,
        f"已生成预览链接（{settings.BULLETIN_PREVIEW_LINK_HOURS}小时内有效，"
        "草稿修改或发布后失效），见右侧“预览链接”。",
    )
    return redirect(reverse("bulletins:compose", args=[issue.pk]) + "#preview-links")


@post_only
@editor_required
def preview_link_revoke(request, pk, link):
    issue = _issue(request, pk)
    if not _may_compose(request.user):
        raise PermissionDenied
    found = get_object_or_404(PreviewLink, pk=link, issue=issue)
    previews.preview_link_revoke(link=found)
    messages.success(request, "预览链接已撤销。")
    return redirect(reverse("bulletins:compose", args=[issue.pk]) + "#preview-links")


def seen_hash(document: Document) -> str:
    """What the sign-off form posts back: the hash of the document shown."""
    return snapshot_hash(document.to_dict())
