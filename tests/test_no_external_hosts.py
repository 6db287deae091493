"""Nothing our pages load may come from another host (intranets have no internet)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)

# A URL that would make a browser fetch something: in an attribute that loads, in
# CSS url()/@import, or a protocol-relative //host.
TEMPLATE_LOADS = re.compile(
    r"""(?:src|href|action|poster|data)\s*=\s*["']\s*(?:https?:)?//""", re.I
)
CSS_LOADS = re.compile(r"""(?:url\(\s*["']?|@import\s+["']?)\s*(?:https?:)?//""", re.I)
JS_LOADS = re.compile(
    r"""(?:fetch|import|importScripts|XMLHttpRequest\(\)\.open)\s*\(\s*["'](?:https?:)?//"""
    r"""|\.src\s*=\s*["'](?:https?:)?//""",
    re.I,
)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def project_files(pattern):
    for root in ("templates", "static", "submissions", "transactions", "bulletins"):
        yield from (BASE_DIR / root).rglob(pattern)


def test_there_are_templates_and_static_files_to_check():
    assert any(project_files("*.html"))
    assert any(project_files("*.css"))


@pytest.mark.parametrize("suffix", ["*.html", "*.txt", "*.xml"])
def test_no_template_loads_from_another_host(suffix):
    offenders = [
        str(path.relative_to(BASE_DIR))
        for path in project_files(suffix)
        if TEMPLATE_LOADS.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert offenders == []


def test_no_stylesheet_loads_from_another_host():
    offenders = [
        str(path.relative_to(BASE_DIR))
        for path in project_files("*.css")
        if CSS_LOADS.search(CSS_COMMENT.sub("", path.read_text(encoding="utf-8")))
    ]
    assert offenders == []


def test_no_script_loads_from_another_host():
    offenders = [
        str(path.relative_to(BASE_DIR))
        for path in project_files("*.js")
        if JS_LOADS.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert offenders == []


def test_the_checks_catch_an_external_load():
    assert TEMPLATE_LOADS.search('<script src="https://cdn.example.com/x.js">')
    assert TEMPLATE_LOADS.search("<link href='//cdn.example.com/x.css'>")
    assert CSS_LOADS.search("a{background:url(https://example.com/a.png)}")
    assert CSS_LOADS.search('@import "https://fonts.example.com/css";')
    assert JS_LOADS.search('fetch("https://api.example.com/")')
    assert not TEMPLATE_LOADS.search('<a href="/issues/63/">')
