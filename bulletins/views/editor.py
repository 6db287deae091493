"""The editor's and the leader's screens: create, compose, sign off, publish.

The compose screen shows the draft through the public page's own template
(``bulletins/_document.html``), with edit links beside each paragraph. Views
are thin: each action calls one model method or service and redirects.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from bulletins import selectors, services, signoff
from bulletins.changes import document_changes, paragraph_labels, snapshot_hash
from bulletins.document import Document
from bulletins.forms import (
    IssueCreateForm,
    IssueSettingsForm,
    OverrideForm,
    WorkItemsForm,
)
from bulletins.html import document_context
from bulletins.models import Issue, may_sign_off
from bureaus.scoping import require_bureau
from config.methods import form_page, read_only

COMPOSE_FAILED = "编排失败：{error}"


def _may_compose(user) -> bool:
    return user.has_perm("bulletins.compose_issue")


def _may_view(user) -> bool:
    return _may_compose(user) or may_sign_off(user)


def editor_required(view):
    """Logged in, and an editor or a leader; everyone else gets 403."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not _may_view(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _issue(request, pk) -> Issue:
    """The issue, if it is of the user's bureau; another bureau's is a 404."""
    issues = Issue.objects.for_bureau(require_bureau(request))
    return get_object_or_404(issues.select_related("series__bureau"), pk=pk)


def _current_document(issue: Issue) -> Document:
    """The draft with the editor's changes; for a published issue, its pending
    correction."""
    return services.pending_document(issue)


def _error_text(exc: ValidationError) -> str:
    return "；".join(exc.messages)


def _next_period(issues) -> dict:
    """Propose the period after the latest issue's, of that issue's series."""
    from bulletins.periods import period_for

    if not issues:
        return {}
    latest = issues[0]
    following = period_for(latest.period_start, latest.frequency)
    return {"series": latest.series_id, "period": following.next.key}


@editor_required
@form_page
def issue_list(request):
    bureau = require_bureau(request)
    issues = list(
        Issue.objects.for_bureau(bureau)
        .select_related("series__bureau")
        .order_by("-period_start")
    )
    form = None
    if _may_compose(request.user):
        form = IssueCreateForm(
            request.POST or None, initial=_next_period(issues), bureau=bureau
        )
        if request.method == "POST" and form.is_valid():
            try:
                issue = services.issue_create(
                    series=form.cleaned_data["series"],
                    period_start=form.cleaned_data["period_start"],
                    number=form.cleaned_data["number"],
                    publication_date=form.cleaned_data["publication_date"],
                    user=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"已创建{issue.label}草稿。")
                return redirect("bulletins:compose", pk=issue.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "bulletins/editor/issue_list.html",
        {
            "issues": issues,
            "form": form,
            "awaiting": [i for i in issues if i.awaits_leader],
        },
    )


@editor_required
@read_only
def issue_compose(request, pk):
    issue = _issue(request, pk)
    context = {
        "issue": issue,
        "may_compose": _may_compose(request.user),
        "may_sign_off": may_sign_off(request.user),
        "may_publish": request.user.has_perm("bulletins.publish_issue"),
        "events": issue.events.select_related("actor"),
        "preview_links": issue.preview_links.all()[:5],
        "revisions": issue.revisions.defer("snapshot").order_by("-number"),
        "return_comment": issue.last_return_comment()
        if issue.status == Issue.Status.DRAFT
        else "",
    }
    try:
        document = _current_document(issue)
    except Exception as exc:  # show the editor why, rather than a 500
        context["compose_error"] = COMPOSE_FAILED.format(error=exc)
        return render(request, "bulletins/editor/compose.html", context, status=500)
    stale = services.stale_overrides(issue, document)
    editable = issue.is_editable and context["may_compose"]
    period = issue.period()
    context.update(
        document_context(
            document,
            editing={
                "stale": stale,
                "edit_url": (
                    lambda key: reverse("bulletins:paragraph", args=[issue.pk, key])
                )
                if editable
                else None,
            }
            if editable or stale
            else None,
        )
    )
    labels = paragraph_labels(document)
    pending = []
    if issue.is_published:
        pending = document_changes(Document.from_dict(issue.snapshot), document)
    context.update(
        {
            "stale": [(key, labels.get(key, ""), text) for key, text in stale.items()],
            "editable": editable,
            "missing": selectors.missing_reports(period, bureau=issue.series.bureau),
            "missing_names": signoff.missing_centres(document),
            "warnings": selectors.month_warnings(period, bureau=issue.series.bureau),
            "rewritten": [
                (labels.get(p.key, p.key), p.generated, p.text)
                for p in document.iter_paragraphs()
                if p.edited
            ],
            "pending_changes": pending,
            "signed_missing": signoff.missing_centres(
                Document.from_dict(issue.signed_snapshot)
            )
            if issue.is_signed and issue.signed_snapshot
            else [],
            "seen": snapshot_hash(document.to_dict()),
        }
    )
    return render(request, "bulletins/editor/compose.html", context)


@editor_required
@form_page
def issue_settings(request, pk):
    issue = _issue(request, pk)
    if not _may_compose(request.user):
        raise PermissionDenied
    form = IssueSettingsForm(request.POST or None, instance=issue)
    if request.method == "POST" and form.is_valid():
        try:
            services.issue_update(
                issue=issue,
                **{
                    name: form.cleaned_data[name]
                    for name in form.changed_data
                    if name in form.cleaned_data
                },
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("bulletins:compose", pk=issue.pk)
    return render(
        request, "bulletins/editor/settings.html", {"issue": issue, "form": form}
    )


@editor_required
@form_page
def issue_paragraph(request, pk, key):
    """Override one generated paragraph, or go back to the generated text."""
    issue = _issue(request, pk)
    if not _may_compose(request.user):
        raise PermissionDenied
    if request.method == "POST" and "revert" in request.POST:
        # Also for an override whose paragraph is no longer in the issue.
        try:
            services.issue_clear_override(issue=issue, key=key)
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, "已恢复自动生成的文字。")
        return redirect("bulletins:compose", pk=issue.pk)
    document = _current_document(issue)
    try:
        paragraph = services.find_paragraph(document, key)
    except ValidationError:
        raise Http404("没有这个段落。") from None
    generated = paragraph.generated if paragraph.edited else paragraph.text
    override = issue.overrides.get(key)
    stale = bool(override) and override.get("generated", "") != generated
    form = OverrideForm(
        request.POST or None,
        initial={"text": override["text"] if override else generated},
    )
    if request.method == "POST":
        try:
            if form.is_valid():
                services.issue_set_override(
                    issue=issue,
                    key=key,
                    text=form.cleaned_data["text"],
                    generated=generated,
                )
                messages.success(request, "段落已改写。")
                return redirect(
                    reverse("bulletins:compose", args=[issue.pk]) + f"#p-{key}"
                )
        except ValidationError as exc:
            form.add_error(None, exc)
    return render(
        request,
        "bulletins/editor/paragraph.html",
        {
            "issue": issue,
            "label": paragraph_labels(document).get(key, key),
            "paragraph": paragraph,
            "generated": generated,
            "override": override,
            "stale": stale,
            "form": form,
        },
    )


@editor_required
@form_page
def issue_items(request, pk):
    """Reorder or omit the work items of each section."""
    issue = _issue(request, pk)
    if not _may_compose(request.user):
        raise PermissionDenied
    if issue.is_published:
        messages.warning(request, "已发布的期刊不能调整工作条目；如需更正请发布更正。")
        return redirect("bulletins:compose", pk=issue.pk)
    document = services.compose(issue, omit=False)
    sections = services.work_items(document)
    form = WorkItemsForm(
        request.POST or None, sections=sections, omitted=set(issue.omitted_items)
    )
    if request.method == "POST" and form.is_valid():
        order, omitted = form.result()
        try:
            services.issue_set_items(issue=issue, order=order, omitted=omitted)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "工作条目的顺序已保存。")
            return redirect("bulletins:compose", pk=issue.pk)
    return render(
        request, "bulletins/editor/items.html", {"issue": issue, "form": form}
    )
