"""A bureau's and a series' public pages, and the old addresses' redirects.

With several bureaus the home page lists them (``bureau_list``); each bureau has
a page with its series and the archive of its issues, each series a page with
its own archive. ``/issues/<number>/…`` were the addresses when one series was
all there was: they answer 301 to the canonical address of the first series
(by creation) that published that number, so existing links keep working.
"""

from __future__ import annotations

from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import Resolver404, resolve

from bulletins.models import Issue, Series
from bulletins.views.public import ARCHIVE_PAGE_SIZE, HEAVY, _shared_page
from bureaus.models import Bureau
from config.methods import read_only

# What may follow an issue's address (the canonical views beneath it).
ISSUE_CHILDREN = {"issue", "issue_pdf", "issue_data", "revision", "revision_pdf"}


def latest_by_bureau(bureaus) -> dict[int, Issue]:
    """Bureau id → its latest published issue (two queries for any number)."""
    latest = (
        Issue.objects.published()
        .filter(series__bureau=OuterRef("pk"))
        .order_by("-period_start", "-number")
        .values("pk")[:1]
    )
    ids = dict(
        Bureau.objects.filter(pk__in=[b.pk for b in bureaus])
        .annotate(latest=Subquery(latest))
        .values_list("pk", "latest")
    )
    issues = Issue.objects.filter(pk__in=[i for i in ids.values() if i])
    by_pk = {i.pk: i for i in issues.select_related("series__bureau").defer(*HEAVY)}
    return {bureau: by_pk[pk] for bureau, pk in ids.items() if pk}


def bureau_list(request, bureaus):
    """The home page of a deployment with several bureaus."""
    latest = latest_by_bureau(bureaus)
    rows = [(bureau, latest.get(bureau.pk)) for bureau in bureaus]
    return render(request, "bulletins/bureau_list.html", {"rows": rows})


def _years(page):
    return [
        (year, list(group))
        for year, group in groupby(page.object_list, key=lambda i: i.period_start.year)
    ]


def _archive_page(request, issues):
    issues = (
        issues.select_related("series__bureau")
        .defer(*HEAVY)
        .order_by("-period_start", "-number")
    )
    return Paginator(issues, ARCHIVE_PAGE_SIZE).get_page(request.GET.get("page"))


@read_only
def bureau_page(request, bureau):
    return _shared_page(
        request, f"bureau:{bureau}", lambda: _bureau_page(request, bureau)
    )


def _bureau_page(request, slug):
    bureau = get_object_or_404(Bureau, slug=slug)
    series = list(Series.objects.filter(bureau=bureau).order_by("id"))
    page = _archive_page(request, Issue.objects.published().for_bureau(bureau))
    return render(
        request,
        "bulletins/bureau.html",
        {"bureau": bureau, "series": series, "page": page, "years": _years(page)},
    )


@read_only
def series_page(request, bureau, series):
    return _shared_page(
        request,
        f"series:{bureau}/{series}",
        lambda: _series_page(request, bureau, series),
    )


def _series_page(request, bureau, slug):
    series = get_object_or_404(
        Series.objects.select_related("bureau"), bureau__slug=bureau, slug=slug
    )
    page = _archive_page(request, Issue.objects.published().for_series(series))
    return render(
        request,
        "bulletins/series.html",
        {
            "bureau": series.bureau,
            "series": series,
            "page": page,
            "years": _years(page),
        },
    )


@read_only
def legacy_issue(request, number, rest=""):
    """``/issues/63/`` and everything beneath it: 301 to the canonical address."""
    issue = (
        Issue.objects.published()
        .filter(number=number)
        .select_related("series__bureau")
        .only("number", "publication_date", "series__slug", "series__bureau__slug")
        .order_by("series_id", "publication_date")
        .first()
    )
    if issue is None:
        raise Http404("没有这一期。")
    target = issue.get_absolute_url() + rest
    try:
        match = resolve(target)
    except Resolver404:
        raise Http404("没有这个地址。") from None
    if match.url_name not in ISSUE_CHILDREN:
        raise Http404("没有这个地址。")
    return HttpResponsePermanentRedirect(target)


@read_only
def trends_index(request):
    """The trends of the only bureau (as before bureaus: the nav's 数据趋势), or
    the list of bureaus' trends."""
    from bulletins.views.trends import trends

    bureaus = list(Bureau.objects.in_order())
    if len(bureaus) == 1:
        return trends(request, bureaus[0].slug)
    return render(request, "bulletins/trends_index.html", {"bureaus": bureaus})
