"""Bureau A's staff against bureau B's objects: every URL answers 404 (issue 13).

``CROSS`` has a row for every named URL that takes an object or an address; each
states the answer for bureau A's clerk, editor, leader and bureau admin when the
arguments name bureau B's report, trade, issue or address. A role refused the
screen anyway answers 403 (it learns nothing either); a role that may use the
screen gets 404, so nobody learns that B's object exists. URLs without objects
(lists, the home page …) are in ``LISTS``: their pages must not show any of B's
rows. A URL in neither fails ``test_every_url_has_a_cross_bureau_row``.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from bulletins import previews
from submissions.models import FigureDefinition, MonthlyReport
from tests.factories import (
    BureauAdminFactory,
    CentreFactory,
    ClerkFactory,
    EditorFactory,
    IssueFactory,
    LeaderFactory,
    MonthlyReportFactory,
    PublishedIssueFactory,
    SeriesFactory,
    TradeFactory,
    default_bureau,
    filled_report,
    second_bureau,
)
from tests.test_access_matrix import url_names

pytestmark = pytest.mark.django_db

ROLES = ("clerk", "editor", "leader", "bureau_admin")
S = MonthlyReport.Status
B_MARK = "海西测试中心"  # B's centre name: must never show in A's lists
B_TRADE = "HX-SECRET-001"
B_SERIES = "海西测试通报"


def row(name, answers, *args, method="get", data=None, variant=""):
    answers = tuple(answers.split())
    assert len(answers) == len(ROLES), name
    return (name, variant, args, answers, method, data or {})


# Columns: clerk editor leader bureau_admin (all of bureau A)
CROSS = [
    row("submissions:report_edit", "404 404 403 404", "b_draft"),
    row(
        "submissions:report_edit",
        "404 404 403 404",
        "b_quarterly",
        variant="a quarter's report",
    ),
    row(
        "submissions:report_review",
        "403 404 403 404",
        "b_quarterly",
        variant="a quarter's report",
    ),
    row(
        "submissions:report_edit",
        "404 404 403 404",
        "b_draft",
        method="post",
        data={"version": "1", "working_days": "1"},
        variant="POST",
    ),
    row(
        "submissions:report_validate",
        "404 404 403 404",
        "b_draft",
        method="post",
        data={"working_days": "12"},
    ),
    row("submissions:report_submit", "404 404 403 404", "b_draft", method="post"),
    row("submissions:figures_import", "404 404 403 404", "b_draft"),
    row(
        "submissions:figures_import_confirm",
        "404 404 403 404",
        "b_draft",
        method="post",
    ),
    row("submissions:figures_export", "404 404 404 404", "b_draft", "xlsx"),
    # B's centre is no choice of A's editor: refused with a message, nothing made.
    row(
        "submissions:report_backfill",
        "403 302 403 302",
        method="post",
        data={"centre": "b_centre", "month": "2021-03-01"},
    ),
    row(
        "submissions:reminders_send",
        "403 302 403 302",
        method="post",
        data={"centre": "b_centre", "month": "2021-06-01"},
    ),
    row("submissions:report_review", "403 404 403 404", "b_submitted"),
    row(
        "submissions:report_return",
        "403 404 403 404",
        "b_submitted",
        method="post",
        data={"comment": "请核对。"},
    ),
    row("submissions:report_approve", "403 404 403 404", "b_submitted", method="post"),
    row(
        "submissions:report_reopen",
        "403 404 403 404",
        "b_approved",
        method="post",
        data={"comment": "重新核对"},
    ),
    row("transactions:trade_update", "403 404 403 404", "b_trade"),
    row(
        "transactions:trade_update",
        "403 404 403 404",
        "b_trade",
        method="post",
        data={"code": "X", "name": "X"},
        variant="POST",
    ),
    row("transactions:trade_delete", "403 404 403 404", "b_trade"),
    row(
        "transactions:trade_delete",
        "403 404 403 404",
        "b_trade",
        method="post",
        variant="POST",
    ),
    row("bulletins:profile_edit", "403 403 403 404", "b_series"),
    row(
        "bulletins:profile_edit",
        "403 403 403 404",
        "b_series",
        method="post",
        data={"text": "format: bulletin-profile/1\n"},
        variant="POST",
    ),
    row(
        "bulletins:profile_preview",
        "403 403 403 404",
        "b_series",
        method="post",
        data={"text": "", "month": "2022-06"},
    ),
    row("bulletins:compose", "403 404 404 404", "b_draft_issue"),
    row("bulletins:draft_pdf", "403 404 404 404", "b_draft_issue"),
    row(
        "bulletins:preview_link_create",
        "403 404 404 404",
        "b_draft_issue",
        method="post",
    ),
    row(
        "bulletins:preview_link_revoke",
        "403 404 404 404",
        "b_draft_issue",
        "b_preview_link",
        method="post",
    ),
    row("bulletins:settings", "403 404 404 404", "b_draft_issue"),
    row("bulletins:items", "403 404 404 404", "b_draft_issue"),
    row("bulletins:paragraph", "403 404 404 404", "b_draft_issue", "x"),
    row(
        "bulletins:action", "403 404 404 404", "b_draft_issue", "submit", method="post"
    ),
    row(
        "bulletins:action",
        "403 404 404 404",
        "b_draft_issue",
        "sign-off",
        method="post",
        variant="sign-off",
    ),
    # B's draft at B's address, and B's published issue under A's slugs.
    row(
        "bulletins:issue", "404 404 404 404", *"hx tb".split(), 2022, 7, variant="draft"
    ),
    row(
        "bulletins:issue",
        "404 404 404 404",
        "haidong",
        "tb",
        2022,
        6,
        variant="under A's bureau",
    ),
    row(
        "bulletins:issue",
        "404 404 404 404",
        "haidong",
        "dongtai",
        2022,
        6,
        variant="under A's series",
    ),
    row("bulletins:issue_pdf", "404 404 404 404", "hx", "tb", 2022, 7),
    row("bulletins:issue_data", "404 404 404 404", "hx", "tb", 2022, 7, "csv"),
    row("bulletins:revision", "404 404 404 404", "hx", "tb", 2022, 7, 1),
    row("bulletins:revision_pdf", "404 404 404 404", "hx", "tb", 2022, 7, 1),
    row(
        "bulletins:series",
        "404 404 404 404",
        "haidong",
        "tb",
        variant="B's series under A",
    ),
    row("bulletins:series_feed", "404 404 404 404", "haidong", "tb"),
    row("bulletins:series_feed_atom", "404 404 404 404", "haidong", "tb"),
]

# URLs that take no object of a bureau: their pages must show nothing of B's
# that is not public (the public pages show B's published issue by design).
LISTS = {
    "submissions:todo": "clerk",
    "submissions:review_overview": "editor",
    "transactions:trade_list": "editor",
    "bulletins:issue_list": "editor",
    "bulletins:profile_list": "bureau_admin",
}
# Public or object-free URLs, each with why it needs no cross-bureau row.
NO_OBJECTS = {
    "home",
    "healthz",
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "submissions:report_create",
    # Opens a quarter's report for the clerk's own centre only.
    "submissions:quarter_create",
    "bulletins:archive",
    "bulletins:search",
    "bulletins:trends_index",
    "bulletins:feed",
    "bulletins:feed_atom",
    "bulletins:sitemap",
    "bulletins:preview",
    "bulletins:legacy_issue",
    "bulletins:legacy_issue_child",
    "transactions:trade_create",
    "transactions:monthly_totals",
    # Imports write into the importer's own bureau (test_import_stays_in_its_bureau).
    "transactions:trade_import",
    "transactions:trade_import_confirm",
    "transactions:trade_import_progress",
    "landing",
    # A month's trade lock (issue 11) is still per month, not per bureau: see
    # docs/bureaus.md, "Not done".
    "transactions:month_reopen",
    # B's public pages are public: B's bureau page, trends and feeds of
    # published issues show B's published content to everyone by design.
    "bulletins:bureau",
    "bulletins:bureau_feed",
    "bulletins:bureau_feed_atom",
    "bulletins:trends",
    "bulletins:trends_data",
}


class World:
    def __init__(self):
        a = default_bureau()
        b = second_bureau()
        b.slug = "hx"
        b.save()
        self.a_centre = CentreFactory(name="平安区政务服务中心", bureau=a)
        self.b_centre = CentreFactory(name=B_MARK, bureau=b)
        self.users = {
            "clerk": ClerkFactory(username="a_clerk", centre=self.a_centre),
            "editor": EditorFactory(username="a_editor"),
            "leader": LeaderFactory(username="a_leader"),
            "bureau_admin": BureauAdminFactory(username="a_admin"),
        }
        self.b_draft = filled_report(self.b_centre, datetime.date(2021, 6, 1))
        # B has a figure sheet: A is refused B's report, not an absent sheet.
        FigureDefinition.objects.create(bureau=b, code="consult", name="咨询")
        self.b_submitted = filled_report(self.b_centre, datetime.date(2021, 5, 1))
        self.b_approved = filled_report(self.b_centre, datetime.date(2021, 4, 1))
        self.b_quarterly = filled_report(
            self.b_centre, datetime.date(2021, 1, 1), period_type="quarterly"
        )
        MonthlyReport.objects.filter(pk=self.b_submitted.pk).update(status=S.SUBMITTED)
        MonthlyReport.objects.filter(pk=self.b_approved.pk).update(status=S.APPROVED)
        self.b_trade = TradeFactory(bureau=b, code=B_TRADE)
        b_series = SeriesFactory(bureau=b, title=B_SERIES, slug="tb")
        self.b_series = b_series
        PublishedIssueFactory(
            series=b_series, number=6, period_start=datetime.date(2022, 6, 1)
        )
        self.b_editor = EditorFactory(username="b_editor", bureau=b)
        self.b_draft_issue = IssueFactory(
            series=b_series, number=7, period_start=datetime.date(2022, 7, 1)
        )
        self.b_preview_link = previews.preview_link_create(
            issue=self.b_draft_issue, user=self.b_editor
        )

    def resolve(self, arg):
        if isinstance(arg, str) and hasattr(self, arg):
            value = getattr(self, arg)
            return getattr(value, "pk", value)
        return arg


@pytest.fixture
def world():
    cache.clear()
    return World()


CASES = [
    (r, role, answer) for r in CROSS for role, answer in zip(ROLES, r[3], strict=True)
]


@pytest.mark.parametrize(
    ("r", "role", "expected"),
    CASES,
    ids=[f"{r[0]}[{r[1]}]-{role}" for r, role, _ in CASES],
)
def test_bureau_a_against_bureau_b(r, role, expected, world, client):
    name, _, args, _, method, data = r
    client.force_login(
        world.users[role], backend="django.contrib.auth.backends.ModelBackend"
    )
    url = reverse(name, args=[world.resolve(a) for a in args])
    data = {k: world.resolve(v) for k, v in data.items()}
    response = getattr(client, method)(url, data)
    assert str(response.status_code) == expected, (name, role, response.status_code)


def test_refused_cross_bureau_posts_change_nothing(world, client):
    from bulletins.models import Issue
    from submissions.models import Reminder
    from transactions.models import Trade

    def state():
        return (
            sorted(MonthlyReport.objects.values_list("pk", "status", "version")),
            sorted(Issue.objects.values_list("pk", "status")),
            sorted(Trade.objects.values_list("pk", "code", "name")),
            Reminder.objects.count(),
        )

    before = state()
    for name, _, args, _, method, data in CROSS:
        if method != "post":
            continue
        for role in ROLES:
            client.force_login(
                world.users[role], backend="django.contrib.auth.backends.ModelBackend"
            )
            data = {k: world.resolve(v) for k, v in data.items()}
            client.post(reverse(name, args=[world.resolve(a) for a in args]), data)
    assert state() == before


@pytest.mark.parametrize(("name", "role"), sorted(LISTS.items()))
def test_lists_show_nothing_of_bureau_b(name, role, world, client):
    client.force_login(
        world.users[role], backend="django.contrib.auth.backends.ModelBackend"
    )
    response = client.get(reverse(name))
    assert response.status_code == 200
    body = response.content.decode()
    for mark in (B_MARK, B_TRADE, B_SERIES):
        assert mark not in body, (name, mark)


def test_admin_lists_show_nothing_of_bureau_b(world, client):
    client.force_login(
        world.users["bureau_admin"], backend="django.contrib.auth.backends.ModelBackend"
    )
    for url in (
        reverse("admin:submissions_centre_changelist"),
        reverse("admin:submissions_monthlyreport_changelist"),
        reverse("admin:transactions_trade_changelist"),
        reverse("admin:bulletins_series_changelist"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for mark in (B_MARK, B_TRADE, B_SERIES):
            assert mark not in body, (url, mark)
    centre = reverse("admin:submissions_centre_change", args=[world.b_centre.pk])
    assert client.get(centre).status_code == 302  # "does not exist" → index


def test_admin_exports_hold_nothing_of_bureau_b(world, client):
    """The admin's export files are the bureau's rows only, as its lists are."""
    MonthlyReportFactory(centre=world.a_centre, month=datetime.date(2021, 7, 1))
    client.force_login(
        world.users["bureau_admin"], backend="django.contrib.auth.backends.ModelBackend"
    )
    exports = {  # the .csv format's index in each admin's list
        "admin:submissions_monthlyreport_export": (
            0,
            "monthlyreportresource",
            ("centre", "month", "period", "status"),
        ),
        "admin:transactions_trade_export": (
            1,
            "traderesource",
            ("code", "name", "category", "date", "amount", "notes"),
        ),
    }
    texts = {}
    for name, (csv, prefix, names) in exports.items():
        response = client.post(
            reverse(name),
            {"format": csv, "resource": 0, **{f"{prefix}_{f}": "on" for f in names}},
        )
        assert response.status_code == 200, name
        texts[name] = response.content.decode("utf-8-sig")
        for mark in (B_MARK, B_TRADE):
            assert mark not in texts[name], (name, mark)
    reports = texts["admin:submissions_monthlyreport_export"].splitlines()
    assert reports[0] == "报送单位,月份,报送期间,状态"
    assert reports[1:] == ["平安区政务服务中心,2021-07-01,2021年7月,草稿"]


def test_every_url_has_a_cross_bureau_row():
    names = {n for n in url_names() if not n.startswith("admin:")}
    covered = {r[0] for r in CROSS} | set(LISTS) | NO_OBJECTS
    missing = sorted(names - covered)
    assert not missing, f"URL patterns without a cross-bureau row: {missing}"
    assert not sorted(covered - names), "rows for URL patterns that do not exist"


def test_import_stays_in_its_bureau(world):
    """A's import of a code that B also uses makes A's trade; B's is untouched."""
    import io

    from transactions.models import Trade
    from transactions.services import trades_import

    content = (
        "项目编号,项目名称,交易类型,成交日期,成交金额（元）,备注\n"
        f"{B_TRADE},甲方项目,房屋建筑,2021-06-15,100.00,\n"
    ).encode()
    before = Trade.objects.filter(bureau__slug="hx").values_list("code", "name")
    before = list(before)
    summary = trades_import(
        bureau=default_bureau(),
        source=io.BytesIO(content),
        name="t.csv",
        size=len(content),
    )
    assert summary.ok, summary.problems
    assert Trade.objects.get(bureau=default_bureau(), code=B_TRADE).name == "甲方项目"
    assert (
        list(Trade.objects.filter(bureau__slug="hx").values_list("code", "name"))
        == before
    )
