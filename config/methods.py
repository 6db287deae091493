"""Which HTTP methods each view accepts, declared on the view and enforced.

Django runs a function view for any method: PUT, DELETE, PATCH or TRACE on a
report page or ``/healthz`` used to be answered as a GET. Every view of the site
now declares its methods with one of the decorators below (405 otherwise; HEAD
wherever GET is); class-based views list theirs in ``http_method_names``.
``MethodMiddleware`` refuses, site-wide and before anything runs, the methods no
view accepts (the Django admin's views included). ``declared_methods`` reads a
view's declaration back, so that tests/test_http_methods.py can check every URL
pattern, including the ones added later.

    >>> @read_only
    ... def page(request): ...
    >>> sorted(declared_methods(page))
    ['GET', 'HEAD']
"""

from __future__ import annotations

from django.http import HttpResponseNotAllowed
from django.views.decorators.http import require_http_methods

SITE_METHODS = ("GET", "HEAD", "POST")


def accepts(*methods: str):
    """Accept ``methods`` (plus HEAD with GET); 405 for any other."""
    allowed = {m.upper() for m in methods}
    if "GET" in allowed:
        allowed.add("HEAD")
    enforce = require_http_methods(sorted(allowed))

    def decorator(view):
        wrapped = enforce(view)
        wrapped.accepted_methods = frozenset(allowed)
        return wrapped

    return decorator


read_only = accepts("GET")  # a page: GET and HEAD
post_only = accepts("POST")  # an action
form_page = accepts("GET", "POST")  # a page with a form that posts to itself


def declared_methods(callback) -> frozenset[str] | None:
    """The methods a URL pattern's view declares, or None if it declares none."""
    declared = getattr(callback, "accepted_methods", None)
    if declared is not None:
        return declared
    view_class = getattr(callback, "view_class", None)
    if view_class is None:
        return None
    initkwargs = getattr(callback, "view_initkwargs", {})
    names = initkwargs.get("http_method_names", view_class.http_method_names)
    methods = {
        name.upper()
        for name in names
        if name != "options" and hasattr(view_class, name)
    }
    if "GET" in methods:
        methods.add("HEAD")
    return frozenset(methods)


class MethodMiddleware:
    """405 for any method outside ``SITE_METHODS``, whatever the URL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SITE_METHODS:
            return HttpResponseNotAllowed(SITE_METHODS)
        return self.get_response(request)
