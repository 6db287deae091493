"""Every URL pattern of the URLconf, for the sweeps that must cover new URLs
without edits (tests/test_http_methods.py, tests/test_url_sweep.py)."""

from django.urls import URLPattern, URLResolver, get_resolver


def url_patterns(resolver=None, namespace=""):
    """(full name, pattern) for every URL pattern of the URLconf, the admin's
    (Django's own views) left out."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", entry


def converter_kind(converter) -> str:
    """``int``, ``string``, ``slug``, ``path``, ``uuid``, ``month``, …"""
    return type(converter).__name__.removesuffix("Converter").lower()
