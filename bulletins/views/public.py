"""The public site: home, archive, issue pages, PDF, open data, search, preview.

Everything renders from a published issue's snapshot; an issue that is not
published does not exist for the public (404, never 403). The issue page is
conditional (ETag/Last-Modified, so a repeat visit gets 304) and its rendered
bulletin is cached under the issue and revision, so a correction, which adds a
revision, is served fresh at once.
"""

from __future__ import annotations

import hashlib
import json
import re
from itertools import groupby

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition

from bulletins import opendata
from bulletins.document import Document
from bulletins.html import contents, document_context
from bulletins.models import Issue, IssueRevision
from bulletins.search import clean_query, hits, search_issues
from bureaus.models import Bureau
from bureaus.site import site_texts
from config.methods import read_only

ARCHIVE_PAGE_SIZE = 24
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
SEARCH_PAGE_SIZE = 10
RECENT_ON_HOME = 6
CACHE_SECONDS = 24 * 60 * 60
# An issue's snapshot and text are tens of KB each: lists and the cached issue
# page leave them in the database (a page that needs the snapshot loads it).
HEAVY = ("snapshot", "search_text")


def published_issue(bureau: str, series: str, year: int, number: int) -> Issue:
    """The published issue at this canonical address; 404 otherwise."""
    issue = (
        Issue.objects.published()
        .at_address(bureau, series, year, number)
        .select_related("series__bureau")
        .defer(*HEAVY)
        .first()
    )
    if issue is None:
        raise Http404("没有这一期。")
    return issue


def _issue_for_request(request, bureau, series, year, number) -> Issue:
    # condition() asks for the ETag and Last-Modified before the view runs: fetch
    # the issue's identity once per request, and only that, for the cached page.
    address = (bureau, series, year, number)
    cached = getattr(request, "_bulletin_issue", None)
    if cached is None or cached[0] != address:
        issue = (
            Issue.objects.published()
            .at_address(*address)
            .only("id", "number", "revision", "revised_at", "published_at")
            .first()
        )
        if issue is None:
            raise Http404("没有这一期。")
        cached = request._bulletin_issue = (address, issue)
    return cached[1]


def _viewer(request) -> str:
    # The page header differs for a logged-in user; the session already names
    # them, so this costs no user query.
    session = getattr(request, "session", None)
    return session.get("_auth_user_id", "") if session is not None else ""


def issue_etag(request, bureau, series, year, number, revision=None):
    issue = _issue_for_request(request, bureau, series, year, number)
    return f"{issue.pk}.{revision or issue.revision}.{_viewer(request)}"


def issue_last_modified(request, bureau, series, year, number, revision=None):
    issue = _issue_for_request(request, bureau, series, year, number)
    return issue.revised_at or issue.published_at


# --- pages ---------------------------------------------------------------------------


def _publication_state() -> str:
    """Changes whenever an issue is published or corrected (one small query):
    the published issues' count and latest change (``updated_at`` moves on
    every save)."""
    state = Issue.objects.published().aggregate(count=Count("id"), at=Max("updated_at"))
    return f"{state['count']}|{state['at']}"


def _shared_page(request, name: str, build):
    """An anonymous reader's page from the cache until the next publication or
    correction; anyone else's (or a miss) built by ``build()``."""
    if not _anonymous(request):
        return build()
    parts = f"{name}|{_publication_state()}|{request.GET.urlencode()}"
    key = "bulletins:page:" + hashlib.sha256(parts.encode()).hexdigest()
    body = cache.get(key)
    if body is not None:
        return HttpResponse(body)
    response = build()
    if response.status_code == 200:
        cache.set(key, response.content, CACHE_SECONDS)
    return response


@read_only
def home(request):
    return _shared_page(request, "home", lambda: _home(request))


def _home(request):
    from bulletins.views.places import bureau_list

    texts = site_texts()
    if texts["several"]:
        return bureau_list(request, list(Bureau.objects.in_order()))
    published = Issue.objects.published().select_related("series__bureau").defer(*HEAVY)
    recent = list(published.order_by("-period_start", "-number")[: RECENT_ON_HOME + 1])
    latest = recent[0] if recent else None
    context = {
        "latest": latest,
        "recent": recent[1:],
        "bureau": texts["only_bureau"],
    }
    if latest is not None:
        document = Document.from_dict(latest.snapshot)
        context["latest_title"] = document.title
        context["latest_toc"] = [f"{s.number}{s.title}" for s in document.sections]
        context["latest_summary"] = next(
            (p.text for p in document.iter_paragraphs() if p.text), ""
        )
    return render(request, "bulletins/home.html", context)


@read_only
def archive(request):
    return _shared_page(request, "archive", lambda: _archive(request))


def _archive(request):
    issues = (
        Issue.objects.published()
        .select_related("series__bureau")
        .defer(*HEAVY)
        .order_by("-period_start", "-number")
    )
    page = Paginator(issues, ARCHIVE_PAGE_SIZE).get_page(request.GET.get("page"))
    years = [
        (year, list(group))
        for year, group in groupby(page.object_list, key=lambda i: i.period_start.year)
    ]
    return render(request, "bulletins/archive.html", {"page": page, "years": years})


def _bulletin_html(issue: Issue, revision: IssueRevision | None = None) -> str:
    """The rendered bulletin of a revision, from the cache when it is there."""
    number = revision.number if revision else issue.revision
    key = f"bulletins:issue:{issue.pk}:r{number}"
    html = cache.get(key)
    if html is None:
        snapshot = revision.snapshot if revision else issue.snapshot
        html = render_to_string(
            "bulletins/_document.html", document_context(Document.from_dict(snapshot))
        )
        cache.set(key, str(html), CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - our own template's output


@read_only
# Revalidate every time (a cheap 304): with only Last-Modified, browsers guess
# a freshness (10% of the page's age, months for a back-dated issue) and keep
# showing a corrected issue's old text without asking.
@cache_control(no_cache=True)
@condition(etag_func=issue_etag, last_modified_func=issue_last_modified)
def issue_detail(request, bureau, series, year, number):
    stamp = _issue_for_request(request, bureau, series, year, number)
    # The whole page is the same for every anonymous reader of a revision: it
    # is cached under the issue and revision (a correction is served fresh).
    shared = _anonymous(request)
    key = f"bulletins:issue-page:{stamp.pk}:r{stamp.revision}"
    if shared and (body := cache.get(key)) is not None:
        return HttpResponse(body)
    issue = (
        Issue.objects.select_related("series__bureau")
        .defer("search_text")
        .get(pk=stamp.pk)
    )
    revisions = []
    if issue.revision > 1:
        revisions = list(issue.revisions.defer("snapshot").order_by("-number"))
    response = render(
        request,
        "bulletins/issue.html",
        {
            "issue": issue,
            "bureau": issue.series.bureau,
            "bulletin": _bulletin_html(issue),
            "toc": contents(Document.from_dict(issue.snapshot)),
            "revisions": revisions,
            "current": revisions[0] if revisions else None,
        },
    )
    if shared:
        cache.set(key, response.content, CACHE_SECONDS)
    return response


def _anonymous(request) -> bool:
    """No session and no pending message: the page holds nothing personal."""
    return not (
        request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        or "messages" in request.COOKIES
    )


@read_only
def revision_detail(request, bureau, series, year, number, revision):
    issue = published_issue(bureau, series, year, number)
    if revision == issue.revision:
        return redirect(issue)
    try:
        old = issue.revisions.get(number=revision)
    except IssueRevision.DoesNotExist:
        raise Http404("没有这一版。") from None
    return render(
        request,
        "bulletins/revision.html",
        {
            "issue": issue,
            "bureau": issue.series.bureau,
            "revision": old,
            "bulletin": _bulletin_html(issue, old),
            "revisions": list(issue.revisions.defer("snapshot").order_by("-number")),
        },
    )


def _pdf_response(issue: Issue, field, suffix: str = ""):
    if not field:
        raise Http404("本期暂无PDF。")
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404("本期暂无PDF。") from None
    filename = f"{issue.series.title}{issue.label}{suffix}.pdf"
    response = FileResponse(handle, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    if issue.pdf_sha256 and not suffix:
        response["X-Checksum-SHA256"] = issue.pdf_sha256
    return response


@read_only
def issue_pdf(request, bureau, series, year, number):
    issue = published_issue(bureau, series, year, number)
    return _pdf_response(issue, issue.pdf)


@read_only
def revision_pdf(request, bureau, series, year, number, revision):
    issue = published_issue(bureau, series, year, number)
    try:
        old = issue.revisions.get(number=revision)
    except IssueRevision.DoesNotExist:
        raise Http404("没有这一版。") from None
    return _pdf_response(issue, old.pdf, f"（第{old.number}版）")


@read_only
def issue_data(request, bureau, series, year, number, fmt):
    issue = published_issue(bureau, series, year, number)
    base = f"{issue.series.title}{issue.label}数据"
    if fmt == "csv":
        body = opendata.as_csv(issue)
        content_type = "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body = opendata.as_xlsx(issue)
        content_type = (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    elif fmt == "json":
        body = json.dumps(opendata.as_json(issue), ensure_ascii=False, indent=2)
        return HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{base}.{fmt}")
    return response


def _search_results(query: str, page_number, *, bureau: str, series: str):
    """The page and hits of a search, cached until the next publication or
    correction, so a new revision is searched at once."""
    digest = hashlib.sha256(
        f"{_publication_state()}|{query}|{page_number}|{bureau}|{series}".encode()
    ).hexdigest()
    key = f"bulletins:search:{digest}"
    cached = cache.get(key)
    if cached is None:
        found = search_issues(query, bureau=bureau, series=series)
        page = Paginator(found, SEARCH_PAGE_SIZE).get_page(page_number)
        results = hits(page.object_list, query)
        for hit in results:
            hit.issue.search_text = ""  # it made the snippets; the cache skips it
        cached = (page.paginator.count, page.number, results)
        cache.set(key, cached, CACHE_SECONDS)
    count, number, results = cached
    # A stand-in paginator of the same count: what the template reads.
    page = Paginator(range(count), SEARCH_PAGE_SIZE).get_page(number)
    return page, results


def _slug_param(request, name: str) -> str:
    """A bureau or series slug from the query string; anything no slug can be
    (a NUL among them, which PostgreSQL refuses) narrows nothing."""
    value = request.GET.get(name, "")[:40]
    return value if SLUG.fullmatch(value) else ""


@read_only
def search(request):
    return _shared_page(request, "search", lambda: _search(request))


def _search(request):
    query = clean_query(request.GET.get("q", ""))
    bureau = _slug_param(request, "bureau")
    series = _slug_param(request, "series")
    page = None
    results = []
    if query:
        page, results = _search_results(
            query, request.GET.get("page"), bureau=bureau, series=series
        )
    bureaus = list(Bureau.objects.in_order().prefetch_related("series"))
    return render(
        request,
        "bulletins/search.html",
        {
            "query": query,
            "page": page,
            "results": results,
            "bureaus": bureaus,
            "chosen_bureau": bureau,
            "chosen_series": series,
        },
    )


@read_only
def preview(request, token):
    """A draft, read-only, exactly as it was when the link was made (no login);
    410 with the reason once the link is dead."""
    from bulletins.models import PreviewLink
    from bulletins.previews import PreviewDead, preview_document

    link = (
        PreviewLink.objects.select_related("issue__series").filter(token=token).first()
    )
    if link is None:
        raise Http404("预览链接无效。")
    try:
        document = preview_document(link)
    except PreviewDead as dead:
        response = render(
            request,
            "bulletins/preview_expired.html",
            {"message": str(dead)},
            status=410,
        )
    else:
        response = render(
            request,
            "bulletins/preview.html",
            {"issue": link.issue, "link": link, **document_context(document)},
        )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response
