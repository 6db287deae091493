"""Who reaches what, for every URL the app serves (issue 7, "access matrix").

Every named URL pattern of the URLconf has at least one row below, and each row
states the answer for each role: anonymous, a clerk of centre A (the municipal
hall, owner of every report used here), a clerk of centre B (asking for A's
objects), the editor, the leader and the administrator. A new URL without a row
fails ``test_every_url_pattern_has_a_row``, so no page ships unreviewed.

Answers: ``200``; ``LOGIN`` (302 to the login page); ``302`` (any other
redirect: the action was taken or refused with a message); ``403`` (a screen or
action of another role); ``404`` (outside the user's scope — another centre's
report, an unpublished issue — so nobody learns that it exists); ``405``
(wrong method). For the admin only ``admin:index`` is checked: everyone but
staff is sent to the admin's login.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from bulletins import previews, services
from bulletins.models import IssueRevision
from submissions.models import FigureDefinition, MonthlyReport
from tests.factories import (
    AdminFactory,
    CentreFactory,
    ClerkFactory,
    EditorFactory,
    HallFactory,
    IssueFactory,
    LeaderFactory,
    PublishedIssueFactory,
    TradeFactory,
    department,
    filled_report,
)

pytestmark = pytest.mark.django_db

LOGIN = "login"
B = ("haidong",)  # the bureau of every object here
SER = ("haidong", "dongtai")  # its series
ROLES = ("anonymous", "clerk_a", "clerk_b", "editor", "leader", "admin")
S = MonthlyReport.Status


@dataclass(frozen=True)
class Row:
    """One request and its answer per role (in ``ROLES`` order)."""

    name: str
    variant: str
    args: tuple  # names of world objects or literals (see ``World.resolve``)
    answers: tuple
    method: str = "get"
    data: dict = field(default_factory=dict)
    query: str = ""

    @property
    def id(self) -> str:
        return f"{self.name}[{self.variant}]" if self.variant else self.name


def row(name, answers, *args, variant="", method="get", data=None, query=""):
    answers = tuple(answers.split()) if isinstance(answers, str) else answers
    assert len(answers) == len(ROLES), name
    return Row(name, variant, args, answers, method, data or {}, query)


# Columns: anonymous clerk_a clerk_b editor leader admin
MATRIX = [
    # --- the site around the app -------------------------------------------------
    row("home", "200 200 200 200 200 200"),
    row("healthz", "200 200 200 200 200 200"),
    row("login", "200 200 200 200 200 200"),
    row("logout", "405 405 405 405 405 405", variant="GET"),
    row("logout", "302 302 302 302 302 302", variant="POST", method="post"),
    # each role's work after login; anonymous to the login page
    row("landing", "login 302 302 302 302 302"),
    row("password_change", "login 200 200 200 200 200"),
    row("password_change_done", "login 200 200 200 200 200"),
    # --- the clerk's screens -------------------------------------------------------
    row("submissions:todo", "login 200 200 403 403 200"),
    row("submissions:report_create", "login 405 405 403 403 405", variant="GET"),
    row(
        "submissions:report_create",
        # admin has no centre: refused, nothing created
        "login 302 302 403 403 403",
        variant="POST",
        method="post",
        data={"month": "2021-07-01"},
    ),
    row(
        "submissions:report_edit", "login 200 404 403 403 200", "draft", variant="draft"
    ),
    row("submissions:quarter_create", "login 405 405 403 403 405", variant="GET"),
    row(
        "submissions:quarter_create",
        # opened, or refused with a message (admin: no centre)
        "login 302 302 403 403 403",
        variant="POST",
        method="post",
        data={"quarter": "2021-Q3"},
    ),
    row(
        "submissions:report_edit",
        "login 200 404 403 403 200",
        "quarterly",
        variant="a quarter's report",
    ),
    row(
        "submissions:report_edit",
        "login 200 404 403 403 200",
        "submitted",
        variant="submitted (read-only)",
    ),
    # the editor may fill a report opened on a centre's behalf: an unknown one is 404
    row("submissions:report_edit", "login 404 404 404 403 404", 999999, variant="none"),
    row(
        "submissions:report_edit",
        "login 302 404 403 403 302",
        "submitted",
        variant="POST submitted",
        method="post",
        data={"version": "1", "working_days": "1"},
    ),
    row(
        "submissions:report_validate",
        "login 405 405 405 403 405",
        "draft",
        variant="GET",
    ),
    row(
        "submissions:report_validate",
        "login 200 404 403 403 200",
        "draft",
        variant="POST",
        method="post",
        data={"working_days": "12"},
    ),
    row(
        "submissions:report_submit", "login 405 405 405 403 405", "draft", variant="GET"
    ),
    row(
        "submissions:report_submit",
        # the clerk is asked to confirm first (the confirmation page)
        "login 200 404 403 403 200",
        "draft",
        variant="POST",
        method="post",
    ),
    row(
        "submissions:report_submit",
        "login 302 404 403 403 302",
        "draft",
        variant="POST confirmed",
        method="post",
        data={"confirmed": "1"},
    ),
    # The defined figures' sheet: imported by whoever may fill the form.
    row("submissions:figures_import", "login 200 404 403 403 200", "draft"),
    row(
        "submissions:figures_import_confirm",
        "login 405 405 405 403 405",
        "draft",
        variant="GET",
    ),
    row(
        "submissions:figures_import_confirm",
        "login 302 404 403 403 302",
        "draft",
        variant="POST",
        method="post",
    ),
    row(
        "submissions:figures_export",
        "login 200 404 200 404 200",
        "draft",
        "xlsx",
        variant="xlsx",
    ),
    row(
        "submissions:figures_export",
        "login 200 404 200 404 200",
        "draft",
        "csv",
        variant="csv",
    ),
    row(
        "submissions:figures_export",
        "login 404 404 404 404 404",
        "draft",
        "pdf",
        variant="unknown format",
    ),
    # --- the editor's review screens -----------------------------------------------
    row("submissions:review_overview", "login 403 403 200 403 200"),
    row("submissions:report_review", "login 403 403 200 403 200", "submitted"),
    row(
        "submissions:report_review",
        "login 403 403 200 403 200",
        "quarterly",
        variant="a quarter's report",
    ),
    row("submissions:report_backfill", "login 403 403 405 403 405", variant="GET"),
    row("submissions:reminders_send", "login 403 403 405 403 405", variant="GET"),
    row(
        "submissions:reminders_send",
        # no month given: refused with a message, nothing sent
        "login 403 403 302 403 302",
        variant="POST",
        method="post",
    ),
    row(
        "submissions:report_backfill",
        # no centre given: refused with a message, nothing created
        "login 403 403 302 403 302",
        variant="POST",
        method="post",
        data={"month": "2021-08-01"},
    ),
    row(
        "submissions:report_review",
        "login 403 403 404 403 404",
        999999,
        variant="none",
    ),
    row(
        "submissions:report_return",
        "login 403 403 405 403 405",
        "submitted",
        variant="GET",
    ),
    row(
        "submissions:report_return",
        "login 403 403 200 403 200",
        "submitted",
        variant="POST",
        method="post",
        data={"comment": "请核对受理总数。"},
    ),
    row(
        "submissions:report_return",
        "login 403 403 302 403 302",
        "submitted",
        variant="POST confirmed",
        method="post",
        data={"comment": "请核对受理总数。", "confirmed": "1"},
    ),
    row(
        "submissions:report_approve",
        "login 403 403 405 403 405",
        "submitted",
        variant="GET",
    ),
    row(
        "submissions:report_approve",
        "login 403 403 200 403 200",
        "submitted",
        variant="POST",
        method="post",
    ),
    row(
        "submissions:report_approve",
        "login 403 403 302 403 302",
        "submitted",
        variant="POST confirmed",
        method="post",
        data={"confirmed": "1"},
    ),
    row(
        "submissions:report_reopen",
        "login 403 403 405 403 405",
        "approved",
        variant="GET",
    ),
    row(
        "submissions:report_reopen",
        "login 403 403 200 403 200",
        "approved",
        variant="POST",
        method="post",
        data={"comment": "重新核对"},
    ),
    row(
        "submissions:report_reopen",
        "login 403 403 302 403 302",
        "approved",
        variant="POST confirmed",
        method="post",
        data={"comment": "重新核对", "confirmed": "1"},
    ),
    # --- trades -----------------------------------------------------------------------
    # The leader reads the trades (read-only); adding or changing them is 403.
    row("transactions:trade_list", "login 403 403 200 200 200"),
    row("transactions:trade_create", "login 403 403 200 403 200"),
    row("transactions:trade_import", "login 403 403 200 403 200"),
    row(
        "transactions:trade_import_confirm",
        "login 403 403 405 403 405",
        variant="GET",
    ),
    row(
        "transactions:trade_import_confirm",
        # nothing previewed: refused with a message, nothing saved
        "login 403 403 302 403 302",
        variant="POST",
        method="post",
    ),
    row("transactions:trade_import_progress", "login 403 403 200 403 200", "0" * 32),
    row("transactions:trade_update", "login 403 403 200 403 200", "trade"),
    row(
        "transactions:trade_update", "login 403 403 404 403 404", 999999, variant="none"
    ),
    row("transactions:trade_delete", "login 403 403 200 403 200", "trade"),
    row(
        "transactions:trade_delete",
        "login 403 403 302 403 302",
        "trade",
        variant="POST",
        method="post",
    ),
    row("transactions:monthly_totals", "login 403 403 200 403 200", 2021, 6),
    row(
        "transactions:month_reopen",
        "login 403 403 405 403 405",
        2021,
        6,
        variant="GET",
    ),
    row(
        "transactions:month_reopen",
        # not locked in this world: refused with a message after confirming
        "login 403 403 302 403 302",
        2021,
        6,
        variant="POST",
        method="post",
        data={"reason": "核对", "confirmed": "1"},
    ),
    row(
        "transactions:monthly_totals",
        "login 403 403 404 403 404",
        2021,
        13,
        variant="no such month",
    ),
    # --- the public site --------------------------------------------------------------
    row("bulletins:archive", "200 200 200 200 200 200"),
    row("bulletins:search", "200 200 200 200 200 200", query="q=五级联动"),
    row(
        "bulletins:search",
        "200 200 200 200 200 200",
        query="q=五级联动&bureau=haidong&series=dongtai",
        variant="narrowed",
    ),
    row("bulletins:trends_index", "200 200 200 200 200 200"),
    row("bulletins:trends", "200 200 200 200 200 200", *B),
    row("bulletins:trends", "404 404 404 404 404 404", "nosuch", variant="none"),
    row("bulletins:trends_data", "200 200 200 200 200 200", *B),
    row("bulletins:feed", "200 200 200 200 200 200"),
    row("bulletins:feed_atom", "200 200 200 200 200 200"),
    row("bulletins:bureau_feed", "200 200 200 200 200 200", *B),
    row("bulletins:bureau_feed_atom", "200 200 200 200 200 200", *B),
    row("bulletins:series_feed", "200 200 200 200 200 200", *SER),
    row("bulletins:series_feed_atom", "200 200 200 200 200 200", *SER),
    row(
        "bulletins:series_feed",
        "404 404 404 404 404 404",
        "haidong",
        "x",
        variant="none",
    ),
    row("bulletins:sitemap", "200 200 200 200 200 200"),
    row("bulletins:bureau", "200 200 200 200 200 200", *B),
    row("bulletins:bureau", "404 404 404 404 404 404", "nosuch", variant="none"),
    row("bulletins:series", "200 200 200 200 200 200", *SER),
    row("bulletins:series", "404 404 404 404 404 404", "haidong", "x", variant="none"),
    row(
        "bulletins:issue",
        "200 200 200 200 200 200",
        *SER,
        2021,
        63,
        variant="published",
    ),
    row("bulletins:issue", "404 404 404 404 404 404", *SER, 2021, 64, variant="draft"),
    row("bulletins:issue", "404 404 404 404 404 404", *SER, 2021, 999, variant="none"),
    row(
        "bulletins:issue",
        "404 404 404 404 404 404",
        *SER,
        2022,
        63,
        variant="other year",
    ),
    row(
        "bulletins:issue_pdf",
        "200 200 200 200 200 200",
        *SER,
        2021,
        63,
        variant="published",
    ),
    row(
        "bulletins:issue_pdf",
        "404 404 404 404 404 404",
        *SER,
        2021,
        64,
        variant="draft",
    ),
    *[
        row(
            "bulletins:issue_data",
            "200 200 200 200 200 200",
            *SER,
            2021,
            63,
            fmt,
            variant=f"published {fmt}",
        )
        for fmt in ("csv", "xlsx", "json")
    ],
    row(
        "bulletins:issue_data",
        "404 404 404 404 404 404",
        *SER,
        2021,
        64,
        "csv",
        variant="draft",
    ),
    row(
        "bulletins:issue_data",
        "404 404 404 404 404 404",
        *SER,
        2021,
        63,
        "exe",
        variant="bad fmt",
    ),
    row(
        "bulletins:revision",
        "200 200 200 200 200 200",
        *SER,
        2021,
        63,
        1,
        variant="earlier",
    ),
    row(
        "bulletins:revision",
        "302 302 302 302 302 302",
        *SER,
        2021,
        63,
        2,
        variant="current",
    ),
    row(
        "bulletins:revision",
        "404 404 404 404 404 404",
        *SER,
        2021,
        63,
        9,
        variant="none",
    ),
    row(
        "bulletins:revision",
        "404 404 404 404 404 404",
        *SER,
        2021,
        64,
        1,
        variant="draft",
    ),
    row(
        "bulletins:revision_pdf",
        "200 200 200 200 200 200",
        *SER,
        2021,
        63,
        1,
        variant="earlier",
    ),
    row(
        "bulletins:revision_pdf",
        "404 404 404 404 404 404",
        *SER,
        2021,
        64,
        1,
        variant="draft",
    ),
    # The old addresses: 301 to the canonical one, for the page and every child.
    row("bulletins:legacy_issue", "301 301 301 301 301 301", 63),
    row("bulletins:legacy_issue", "404 404 404 404 404 404", 64, variant="draft"),
    *[
        row(
            "bulletins:legacy_issue_child",
            "301 301 301 301 301 301",
            63,
            rest,
            variant=rest,
        )
        for rest in ("pdf/", "data.csv", "r/1/", "r/1/pdf/")
    ],
    row(
        "bulletins:legacy_issue_child",
        "404 404 404 404 404 404",
        63,
        "nothing/",
        variant="unknown child",
    ),
    # A preview link shows the draft to whoever holds it; a made-up one is a 404.
    row(
        "bulletins:preview", "200 200 200 200 200 200", "preview_token", variant="valid"
    ),
    row(
        "bulletins:preview", "404 404 404 404 404 404", "forged-token", variant="forged"
    ),
    # --- the editor's and the leader's issue screens ---------------------------------
    row("bulletins:issue_list", "login 403 403 200 200 200"),
    row(
        "bulletins:issue_list",
        "login 403 403 200 403 200",
        variant="POST",
        method="post",
        data={"period": "bad"},
    ),
    row(
        "bulletins:compose", "login 403 403 200 200 200", "draft_issue", variant="draft"
    ),
    row(
        "bulletins:compose",
        "login 403 403 200 200 200",
        "published_issue",
        variant="published",
    ),
    row("bulletins:compose", "login 403 403 404 404 404", 999999, variant="none"),
    row("bulletins:settings", "login 403 403 200 403 200", "draft_issue"),
    row("bulletins:items", "login 403 403 200 403 200", "draft_issue"),
    row(
        "bulletins:paragraph",
        "login 403 403 200 403 200",
        "draft_issue",
        "paragraph_key",
    ),
    row(
        "bulletins:paragraph",
        "login 403 403 404 403 404",
        "draft_issue",
        "no.such.key",
        variant="no such paragraph",
    ),
    row(
        "bulletins:action",
        "405 405 405 405 405 405",
        "draft_issue",
        "submit",
        variant="GET",
    ),
    row(
        "bulletins:action",
        # an editor is asked to confirm first (the confirmation page)
        "login 403 403 200 403 200",
        "draft_issue",
        "submit",
        variant="submit",
        method="post",
    ),
    row(
        "bulletins:action",
        "login 403 403 302 403 302",
        "draft_issue",
        "submit",
        variant="submit confirmed",
        method="post",
        data={"confirmed": "1"},
    ),
    row(
        "bulletins:draft_pdf",
        "login 403 403 200 200 200",
        "draft_issue",
        variant="draft",
    ),
    row(
        "bulletins:preview_link_create",
        "login 403 403 302 403 302",
        "draft_issue",
        method="post",
    ),
    row(
        "bulletins:preview_link_revoke",
        "login 403 403 302 403 302",
        "draft_issue",
        "preview_link",
        method="post",
    ),
    row(
        "bulletins:action",
        # only a signer may act (the editor may not by default); a draft is not
        # awaiting sign-off, so the leader is refused with a message
        "login 403 403 403 302 302",
        "draft_issue",
        "sign-off",
        variant="sign-off",
        method="post",
    ),
    row(
        "bulletins:action",
        "login 403 403 404 404 404",
        "draft_issue",
        "explode",
        variant="unknown action",
        method="post",
    ),
    # --- profiles (版式): the bureau admin's -----------------------------------------
    row("bulletins:profile_list", "login 403 403 403 403 200"),
    row("bulletins:profile_edit", "login 403 403 403 403 200", "series"),
    row(
        "bulletins:profile_edit",
        "login 403 403 403 403 404",
        999999,
        variant="no such series",
    ),
    row(
        "bulletins:profile_edit",
        # a refused (invalid) profile shows the form again with its problems
        "login 403 403 403 403 200",
        "series",
        variant="POST invalid",
        method="post",
        data={"text": "format: bulletin-profile/1\nname: x\nblocks: [{kind: x}]\n"},
    ),
    row(
        "bulletins:profile_preview",
        "login 403 403 403 403 200",
        "series",
        method="post",
        data={"text": "", "month": "2021-06"},
    ),
    row(
        "bulletins:profile_preview",
        "login 403 403 403 403 405",
        "series",
        variant="GET",
    ),
    # --- the admin (index only) -------------------------------------------------------
    row(
        "admin:index", "admin_login admin_login admin_login admin_login admin_login 200"
    ),
]


# --- the world the URLs point into ----------------------------------------------------


class World:
    def __init__(self, tmp_media):
        self.hall = HallFactory()  # centre A: has the department table
        department("市公安局", bureau=self.hall.bureau)
        FigureDefinition.objects.create(
            bureau=self.hall.bureau, code="consult", name="咨询"
        )
        self.district = CentreFactory(name="乐都区政务服务中心", short_name="乐都区")
        self.users = {
            "clerk_a": ClerkFactory(username="clerk_a", centre=self.hall),
            "clerk_b": ClerkFactory(username="clerk_b", centre=self.district),
            "editor": EditorFactory(username="editor"),
            "leader": LeaderFactory(username="leader"),
            "admin": AdminFactory(username="admin"),
        }
        self.draft = filled_report(self.hall, datetime.date(2021, 6, 1))
        self.submitted = filled_report(self.hall, datetime.date(2021, 5, 1))
        self.approved = filled_report(self.hall, datetime.date(2021, 4, 1))
        MonthlyReport.objects.filter(pk=self.submitted.pk).update(status=S.SUBMITTED)
        MonthlyReport.objects.filter(pk=self.approved.pk).update(status=S.APPROVED)
        self.district_report = filled_report(self.district, datetime.date(2021, 6, 1))
        self.quarterly = filled_report(
            self.hall, datetime.date(2021, 1, 1), period_type="quarterly"
        )
        self.trade = TradeFactory()

        self.published_issue = PublishedIssueFactory(
            number=63, period_start=datetime.date(2021, 6, 1)
        )
        self.published_issue.pdf.save("63.pdf", ContentFile(b"%PDF-1.4 r2"), save=False)
        self.published_issue.revision = 2
        self.published_issue.save()
        first = self.published_issue.revisions.get(number=1)
        first.pdf.save("63-r1.pdf", ContentFile(b"%PDF-1.4 r1"), save=True)
        IssueRevision.objects.create(
            issue=self.published_issue,
            number=2,
            snapshot=self.published_issue.snapshot,
            published_at=self.published_issue.published_at,
            note="更正",
        )
        self.draft_issue = IssueFactory(
            number=64, period_start=datetime.date(2021, 7, 1)
        )
        self.preview_link = previews.preview_link_create(
            issue=self.draft_issue, user=self.users["editor"]
        )
        self.preview_token = self.preview_link.token
        self.series = self.draft_issue.series
        document = services.draft_document(self.draft_issue)
        self.paragraph_key = next(p.key for p in document.iter_paragraphs() if p.key)

    def resolve(self, arg):
        if isinstance(arg, str) and hasattr(self, arg):
            value = getattr(self, arg)
            return getattr(value, "pk", value)
        return arg


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return World(tmp_path)


def client_for(role, world, client):
    if role != "anonymous":
        client.force_login(
            world.users[role], backend="django.contrib.auth.backends.ModelBackend"
        )
    return client


def answer_of(response) -> str:
    if response.status_code == 302:
        target = response.url
        if target.startswith(reverse("admin:login")):
            return "admin_login"
        if target.startswith(reverse("login")):
            return LOGIN
    return str(response.status_code)


def request(row: Row, role: str, world: World, client):
    url = reverse(row.name, args=[world.resolve(a) for a in row.args])
    if row.query:
        url = f"{url}?{row.query}"
    client = client_for(role, world, client)
    response = getattr(client, row.method)(url, row.data)
    if getattr(response, "streaming", False):
        # The test client closes the response at the end of the content, with
        # the database connection kept (closing it by hand would drop it).
        b"".join(response.streaming_content)
    return response


CASES = [
    (r, role, answer)
    for r in MATRIX
    for role, answer in zip(ROLES, r.answers, strict=True)
]


@pytest.mark.parametrize(
    ("row", "role", "expected"),
    CASES,
    ids=[f"{r.id}-{role}" for r, role, _ in CASES],
)
def test_access(row, role, expected, world, client):
    response = request(row, role, world, client)
    assert answer_of(response) == expected, (row.id, role, response.status_code)


def test_no_state_changes_for_refused_posts(world, client):
    """A refused POST (403/404/login) leaves the reports and issues as they were."""
    before = _state()
    for r in MATRIX:
        if r.method != "post":
            continue
        for role, answer in zip(ROLES, r.answers, strict=True):
            if answer in ("403", "404", LOGIN):
                client.logout()
                response = request(r, role, world, client)
                assert answer_of(response) == answer, (r.id, role)
    assert _state() == before


def _state():
    from bulletins.models import Issue
    from transactions.models import Trade

    return (
        sorted(
            MonthlyReport.objects.values_list("pk", "status", "working_days", "version")
        ),
        sorted(Issue.objects.values_list("pk", "status", "revision")),
        sorted(Trade.objects.values_list("pk", "code")),
    )


# --- every URL pattern has a row ------------------------------------------------------


def url_names(resolver=None, namespace="") -> set[str]:
    """Every named pattern of the URLconf, with its namespace, recursively."""
    resolver = resolver or get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            prefix = f"{namespace}{inner}:" if inner else namespace
            names |= url_names(pattern, prefix)
        elif isinstance(pattern, URLPattern):
            if namespace.startswith("admin:"):
                # Django's admin names only some of its patterns; index is checked.
                if pattern.name:
                    names.add(f"{namespace}{pattern.name}")
                continue
            assert pattern.name, f"unnamed URL pattern {pattern.pattern}"
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_pattern_has_a_row():
    names = {n for n in url_names() if not n.startswith("admin:")}
    covered = {r.name for r in MATRIX}
    missing = sorted(names - covered)
    assert not missing, f"URL patterns without a row in the access matrix: {missing}"
    stale = sorted(covered - names - {"admin:index"})
    assert not stale, f"rows for URL patterns that no longer exist: {stale}"


def test_matrix_size():
    """At least every app URL × every role, plus the variants."""
    names = {n for n in url_names() if not n.startswith("admin:")}
    assert len(CASES) >= len(names) * len(ROLES)
