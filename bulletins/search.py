"""Full-text search over published issues, for Chinese.

Chinese has no spaces between words, so a query is matched as a substring of
the issue's plain text (``Issue.search_text``): ``icontains``, which on
PostgreSQL the pg_trgm GIN index serves for queries of three or more characters
(migration 0002; docs/search.md shows the plan). Each hit shows the passages
around its matches, escaped first and then wrapped in ``<mark>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from bulletins.models import Issue
from config.xmltext import xml_safe

MAX_QUERY = 50
SNIPPET_RADIUS = 40
MAX_SNIPPETS = 3


@dataclass(frozen=True)
class Passage:
    text: SafeString
    match: int  # which match of the query in the issue's text, from 1: #hit-<match>


@dataclass
class Hit:
    issue: Issue
    passages: list[Passage] = field(default_factory=list)

    @property
    def snippets(self) -> list[SafeString]:
        return [p.text for p in self.passages]


def clean_query(text: str) -> str:
    """Collapse whitespace, drop what no stored text holds (NUL and the other
    characters XML refuses: PostgreSQL rejects a NUL in a query) and cap the
    length; "" for nothing to search.

    >>> clean_query(" 五级\\x00联动  服务 ")
    '五级联动 服务'
    """
    return " ".join(xml_safe(text or "").split())[:MAX_QUERY]


def search_issues(query: str, *, bureau: str = "", series: str = ""):
    """Published issues whose text contains ``query``, newest first (a QuerySet),
    of the bureau and the series with these slugs when given."""
    query = clean_query(query)
    if not query:
        return Issue.objects.none()
    issues = Issue.objects.published().filter(search_text__icontains=query)
    if bureau:
        issues = issues.filter(series__bureau__slug=bureau)
    if series:
        issues = issues.filter(series__slug=series)
    return (
        issues.select_related("series__bureau")
        .defer("snapshot")
        .order_by("-period_start", "-number")
    )


def hits(issues, query: str) -> list[Hit]:
    return [Hit(issue, passages(issue.search_text, query)) for issue in issues]


def snippets(text: str, query: str) -> list[SafeString]:
    """Up to three passages of ``text`` around ``query``, highlighted.

    >>> str(snippets("一是推动五级联动建设。", "五级联动")[0])
    '一是推动<mark>五级联动</mark>建设。'
    """
    return [p.text for p in passages(text, query)]


def passages(text: str, query: str) -> list[Passage]:
    """``snippets`` with the number of the match each passage is about, so a
    result can link to that place in the issue (the issue page numbers its
    highlighted matches ``#hit-1``, ``#hit-2``, … in reading order)."""
    query = clean_query(query)
    if not query:
        return []
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    result, end_of_last = [], -1
    for ordinal, match in enumerate(pattern.finditer(text), start=1):
        if match.start() < end_of_last:
            continue
        start = max(0, match.start() - SNIPPET_RADIUS)
        end = min(len(text), match.end() + SNIPPET_RADIUS)
        # Keep the passage within its paragraph (one line of search_text).
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        start = max(start, line_start)
        end = min(end, line_end if line_end != -1 else len(text))
        passage = highlight(text[start:end], pattern)
        prefix = "…" if start > line_start else ""
        suffix = "…" if end < (line_end if line_end != -1 else len(text)) else ""
        result.append(
            Passage(mark_safe(f"{prefix}{passage}{suffix}"), ordinal)  # noqa: S308
        )
        end_of_last = end
        if len(result) == MAX_SNIPPETS:
            break
    return result


def highlight(passage: str, pattern: re.Pattern) -> str:
    """Escape the passage, then wrap each match in <mark>: the text is escaped
    piece by piece so a query can never open a tag."""
    out, pos = [], 0
    for match in pattern.finditer(passage):
        out.append(escape(passage[pos : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        pos = match.end()
    out.append(escape(passage[pos:]))
    return "".join(out)
