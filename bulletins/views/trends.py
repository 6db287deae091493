"""The public trends page and its data (DESIGN 3.9), from published snapshots.

Both are cached under the publication state (``public._publication_state``), so
a publication or a correction is charted at once: the series are cached as
data for everyone, the page whole for an anonymous reader, the JSON as bytes.
"""

from __future__ import annotations

import hashlib
import json

from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from bulletins import trends as trend_data
from bulletins.views.public import CACHE_SECONDS, _anonymous, _publication_state
from config.methods import read_only


def _key(kind: str, state: str) -> str:
    return f"bulletins:trends-{kind}:" + hashlib.sha256(state.encode()).hexdigest()


def _series(state: str) -> list[trend_data.TrendSeries]:
    key = _key("series", state)
    series = cache.get(key)
    if series is None:
        series = trend_data.published_series()
        cache.set(key, series, CACHE_SECONDS)
    return series


@read_only
def trends(request):
    state = _publication_state()
    shared = _anonymous(request)
    key = _key("page", state)
    if shared and (body := cache.get(key)) is not None:
        return HttpResponse(body)
    response = render(request, "bulletins/trends.html", {"series": _series(state)})
    if shared:
        cache.set(key, response.content, CACHE_SECONDS)
    return response


def _issue_url(number: int) -> str:
    return reverse("bulletins:issue", args=[number])


@read_only
def trends_data(request):
    # Nothing in it is personal: one copy for every reader.
    state = _publication_state()
    key = _key("json", state)
    body = cache.get(key)
    if body is None:
        data = trend_data.as_json(_series(state), issue_url=_issue_url)
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        cache.set(key, body, CACHE_SECONDS)
    return HttpResponse(body, content_type="application/json; charset=utf-8")
