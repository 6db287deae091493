"""Query budgets: every public and staff page, at two sizes of the scale data.

The SYNTHETIC data set (``bench/scale.py``) is built twice, small and large
(more centres, more work items, more months and trades), each in a transaction
rolled back afterwards; every page is requested as its user would request it
and its queries are counted. A page passes when its count is the same at both
sizes (nothing grows with the data: no N+1) and within its budget. The budgets
are today's counts: a page that needs a new query changes its budget here, on
purpose, in review. (Bureaus added one query to every staff page — the user's
bureau, once per request — and to the public pages that name bureaus or series:
the site texts on the first page after a change, the bureau list of the search
form, one sitemap section each for bureaus and series; none grows with the data.
Figure definitions (docs/figures.md) added to composition the figure values and
two for the year to date; to validation the figure values, the child units' sums
and the figure history; to the report pages the definitions and their options
and the figure values' history — constant at every size. Rate definitions added
one to composition and to the report pages' printed figures, and two more for
their options when a bureau has any. Quarterly reports added none: a quarter
mixing quarterly and monthly reports composes in the same queries as a month.)
"""

from __future__ import annotations

import tempfile

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from bench import scale
from bulletins import previews, services
from bulletins.composition import compose_document
from bulletins.models import Issue, Series
from bulletins.periods import Period
from submissions.models import Centre, MonthlyReport
from tests.factories import ClerkFactory, EditorFactory, LeaderFactory

# The databases are set up only for a session with tests that ask for them.
pytestmark = pytest.mark.django_db

SIZES = {
    "small": scale.Size(
        years=1, month_count=2, centres=3, items=2, trades_per_year=60, seed=1
    ),
    "large": scale.Size(
        years=1, month_count=3, centres=20, items=10, trades_per_year=600, seed=2
    ),
}

# URL name (with a variant after a space) → the most queries it may make.
BUDGETS = {
    # The public site (anonymous).
    "home": 5,
    "bulletins:archive": 3,
    "bulletins:issue": 2,
    "bulletins:issue_pdf": 1,
    "bulletins:issue_data csv": 2,
    "bulletins:issue_data xlsx": 2,
    "bulletins:issue_data json": 2,
    "bulletins:search": 6,
    "bulletins:trends": 5,  # + the series' profiles' charts and their names
    "bulletins:trends_data": 2,
    "bulletins:feed": 3,
    "bulletins:feed_atom": 4,
    "bulletins:sitemap": 6,
    "bulletins:bureau": 7,
    "bulletins:series": 4,
    "bulletins:bureau_feed": 2,
    "bulletins:series_feed": 2,
    "bulletins:preview": 18,  # + the series' profile (版式)
    # The clerk's screens.
    "submissions:todo": 12,  # + the bureau's first reporting month
    "submissions:report_edit": 32,  # + the bureau's profile (the panel's wording)
    # The editor's screens.
    "submissions:review_overview": 20,  # + the month's reminders
    "submissions:report_review": 38,  # + the bureau's profile
    "transactions:trade_list": 17,  # + the month's lock and its reopenings
    "transactions:monthly_totals": 14,
    "bulletins:issue_list": 12,
    "bulletins:compose": 42,  # + the preview links, the series' profile
    "bulletins:settings": 10,
    "bulletins:items": 26,  # + the series' profile
    # Not a page: composing a month for every active centre (3 vs 20 centres).
    "compose_document": 15,
    # Composing the first quarter where every other centre reports it as one
    # quarterly report and the others as monthly reports (3 vs 20 centres).
    "compose_document quarter": 15,
}


def _get(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if getattr(response, "streaming", False):
        # Reading it to the end closes it, as a server would (the test client's
        # wrapper keeps the connection open inside the transaction).
        b"".join(response.streaming_content)
    return len(queries)


def _report_quarterly(quarter: Period, *, every_other) -> None:
    """Every other centre's reports of ``quarter`` become one quarterly report
    (its first month's, with that month's figures)."""
    for centre in list(every_other.order_by("order", "id"))[::2]:
        reports = MonthlyReport.objects.filter(
            centre=centre, month__in=quarter.months
        ).order_by("month")
        first = reports.first()
        reports.exclude(pk=first.pk).delete()
        MonthlyReport.objects.filter(pk=first.pk).update(
            period_type=MonthlyReport.PeriodType.QUARTER
        )


def _measure(size: scale.Size) -> dict[str, int]:
    cache.clear()
    scale.generate(size, pdf=False)
    latest = Issue.objects.published().latest("period_start")
    latest.pdf.save("budget.pdf", ContentFile(b"%PDF-1.4 synthetic"), save=True)
    month = latest.period_start
    # A draft of the latest month in a second series: the editor's screens
    # compose it from every centre's approved report.
    bureau = scale.synthetic_bureau()
    drafts = Series.objects.create(
        bureau=bureau, slug="drafts", title="合成测试数据（草稿）", publisher="合成测试"
    )
    editor = EditorFactory(username=f"budget_editor_{size.seed}", bureau=bureau)
    draft = services.issue_create(series=drafts, period_start=month, user=editor)
    centre = Centre.objects.get(name=f"{scale.CENTRE_PREFIX}02")
    clerk = ClerkFactory(username=f"budget_clerk_{size.seed}", centre=centre)
    LeaderFactory(username=f"budget_leader_{size.seed}", bureau=bureau)
    hall_report = MonthlyReport.objects.get(centre__kind="hall", month=month)
    clerk_report = MonthlyReport.objects.get(centre=centre, month=month)

    public = Client()
    as_clerk = Client()
    as_clerk.force_login(clerk, backend="django.contrib.auth.backends.ModelBackend")
    as_editor = Client()
    as_editor.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    address = latest.address
    slugs = address[:2]
    pages = {
        "home": (public, reverse("home")),
        "bulletins:archive": (public, reverse("bulletins:archive")),
        "bulletins:issue": (public, reverse("bulletins:issue", args=address)),
        "bulletins:issue_pdf": (public, reverse("bulletins:issue_pdf", args=address)),
        "bulletins:bureau": (public, reverse("bulletins:bureau", args=slugs[:1])),
        "bulletins:series": (public, reverse("bulletins:series", args=slugs)),
        "bulletins:bureau_feed": (
            public,
            reverse("bulletins:bureau_feed", args=slugs[:1]),
        ),
        "bulletins:series_feed": (public, reverse("bulletins:series_feed", args=slugs)),
        "bulletins:search": (
            public,
            reverse("bulletins:search") + f"?q={scale.SEARCH_PHRASE}",
        ),
        "bulletins:trends": (public, reverse("bulletins:trends", args=slugs[:1])),
        "bulletins:trends_data": (
            public,
            reverse("bulletins:trends_data", args=slugs[:1]),
        ),
        "bulletins:feed": (public, reverse("bulletins:feed")),
        "bulletins:feed_atom": (public, reverse("bulletins:feed_atom")),
        "bulletins:sitemap": (public, reverse("bulletins:sitemap")),
        "bulletins:preview": (
            public,
            previews.preview_link_create(issue=draft, user=editor).get_absolute_url(),
        ),
        "submissions:todo": (as_clerk, reverse("submissions:todo")),
        "submissions:report_edit": (
            as_clerk,
            reverse("submissions:report_edit", args=[clerk_report.pk]),
        ),
        "submissions:review_overview": (
            as_editor,
            reverse("submissions:review_overview") + f"?month={month:%Y-%m}",
        ),
        "submissions:report_review": (
            as_editor,
            reverse("submissions:report_review", args=[hall_report.pk]),
        ),
        "transactions:trade_list": (
            as_editor,
            reverse("transactions:trade_list") + f"?month={month:%Y-%m}",
        ),
        "transactions:monthly_totals": (
            as_editor,
            reverse("transactions:monthly_totals", args=[month.year, month.month]),
        ),
        "bulletins:issue_list": (as_editor, reverse("bulletins:issue_list")),
        "bulletins:compose": (as_editor, reverse("bulletins:compose", args=[draft.pk])),
        "bulletins:settings": (
            as_editor,
            reverse("bulletins:settings", args=[draft.pk]),
        ),
        "bulletins:items": (as_editor, reverse("bulletins:items", args=[draft.pk])),
    }
    for fmt in ("csv", "xlsx", "json"):
        pages[f"bulletins:issue_data {fmt}"] = (
            public,
            reverse("bulletins:issue_data", args=[*address, fmt]),
        )
    counts = {name: _get(client, url) for name, (client, url) in pages.items()}
    with CaptureQueriesContext(connection) as queries:
        compose_document(
            bureau=bureau,
            series_title=drafts.title,
            publisher=drafts.publisher,
            issue_label=draft.label,
            publication_date=draft.publication_date,
            period=draft.period(),
        )
    counts["compose_document"] = len(queries)
    quarter = Period.quarter(month.year, 1)
    _report_quarterly(quarter, every_other=Centre.objects.filter(bureau=bureau))
    with CaptureQueriesContext(connection) as queries:
        compose_document(
            bureau=bureau,
            series_title=drafts.title,
            publisher=drafts.publisher,
            issue_label=draft.label,
            publication_date=draft.publication_date,
            period=quarter,
        )
    counts["compose_document quarter"] = len(queries)
    counts["centres"] = Centre.objects.filter(is_active=True).count()
    return counts


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker):
    """Query counts per page at each size, the data rolled back after each."""
    measured = {}
    with django_db_blocker.unblock(), tempfile.TemporaryDirectory() as media:
        with override_settings(MEDIA_ROOT=media):
            for label, size in SIZES.items():
                with transaction.atomic():
                    measured[label] = _measure(size)
                    transaction.set_rollback(True)
    cache.clear()
    return measured


def test_the_sizes_differ(counts):
    assert counts["small"]["centres"] == 3
    assert counts["large"]["centres"] == 20


@pytest.mark.parametrize("page", sorted(BUDGETS))
def test_query_count_does_not_grow_with_the_data(counts, page):
    small, large = counts["small"][page], counts["large"][page]
    assert large == small, f"{page}: {small} queries small, {large} large"
    assert large <= BUDGETS[page], f"{page}: {large} queries, budget {BUDGETS[page]}"
