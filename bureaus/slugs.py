"""Slugs that name a bureau or a series in public addresses (DESIGN 5.6).

An issue's canonical address is ``/<bureau>/<series>/<year>/<number>/``. A bureau
slug must not be the first segment of a fixed path of the site (``/search/``,
``/admin/`` …) and a series slug must not be a fixed path under a bureau
(``/<bureau>/feed/`` …), or the fixed page would hide the bureau or the series. The
reserved words are read from the URLconf itself, so a new fixed page reserves its
word without anyone remembering to.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import URLPattern, URLResolver, get_resolver

RESERVED = "“{slug}”是本站的固定地址，不能用作{what}的网址名。"
BUREAU_PARAMETER = "<slug:bureau>/"


def _first_segment(route: str) -> str:
    return route.split("/", 1)[0]


def _routes(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route


def reserved_bureau_slugs() -> set[str]:
    """First path segments of every fixed page, static and media files included."""
    words = {
        _first_segment(route)
        for route in _routes()
        if route and not route.startswith("<")
    }
    for url in (settings.STATIC_URL, settings.MEDIA_URL):
        words.add(_first_segment(url.strip("/")))
    return {w for w in words if w}


def reserved_series_slugs() -> set[str]:
    """Fixed pages under a bureau: ``/<bureau>/feed/``, ``/<bureau>/trends/`` …"""
    return {
        _first_segment(route.removeprefix(BUREAU_PARAMETER))
        for route in _routes()
        if route.startswith(BUREAU_PARAMETER)
        and route != BUREAU_PARAMETER
        and not route.removeprefix(BUREAU_PARAMETER).startswith("<")
    }


def validate_bureau_slug(value: str) -> None:
    if value in reserved_bureau_slugs():
        raise ValidationError(
            RESERVED.format(slug=value, what="编发单位"), code="reserved"
        )


def validate_series_slug(value: str) -> None:
    if value in reserved_series_slugs():
        raise ValidationError(RESERVED.format(slug=value, what="刊物"), code="reserved")
