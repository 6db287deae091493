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
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from bulletins import trends as trend_data
from bulletins.views.public import CACHE_SECONDS, _anonymous, _publication_state
from bureaus.models import Bureau
from config.methods import read_only


def _key(kind: str, state: str) -> str:
    return f"bulletins:trends-{kind}:" + hashlib.sha256(state.encode()).hexdigest()


def _bureau(slug: str) -> Bureau:
    return get_object_or_404(Bureau, slug=slug)


def _series(state: str, bureau: Bureau) -> list[trend_data.TrendSeries]:
    key = _key(f"series:{bureau.pk}", state)
    series = cache.get(key)
    if series is None:
        series = trend_data.published_series(bureau)
        cache.set(key, series, CACHE_SECONDS)
    return series


@read_only
def trends(request, bureau):
    state = _publication_state()
    shared = _anonymous(request)
    key = _key(f"page:{bureau}", state)
    if shared and (body := cache.get(key)) is not None:
        return HttpResponse(body)
    bureau = _bureau(bureau)
    unit, places = bureau.amount_unit, bureau.amount_places
    series = [
        (s, trend_data.chart_tables(s, unit, places)) for s in _series(state, bureau)
    ]
    response = render(
        request, "bulletins/trends.html", {"bureau": bureau, "series": series}
    )
    if shared:
        cache.set(key, response.content, CACHE_SECONDS)
    return response


def _issue_url(address: tuple) -> str:
    return reverse("bulletins:issue", args=address)


@read_only
def trends_data(request, bureau):
    # Nothing in it is personal: one copy for every reader.
    state = _publication_state()
    key = _key(f"json:{bureau}", state)
    body = cache.get(key)
    if body is None:
        bureau = _bureau(bureau)
        data = trend_data.as_json(
            _series(state, bureau),
            bureau.amount_unit,
            bureau.amount_places,
            issue_url=_issue_url,
        )
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        cache.set(key, body, CACHE_SECONDS)
    return HttpResponse(body, content_type="application/json; charset=utf-8")
