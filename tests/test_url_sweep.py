"""A property-based sweep over every URL pattern: no input makes a 500.

For each pattern of the URLconf (enumerated, so that new URLs are swept without
edits), hypothesis draws path values for its converters and a query string —
integers at the edges (0, 2^31, 2^63, 10^30), the ids of real objects, dates far
in the past and future, non-ASCII and control characters, very long strings —
and requests it as anonymous, a clerk, the editor, the leader and the admin,
with each method the view declares (form pages and actions also get drawn form
data). Any unhandled exception or 500 fails the test. The number of examples is
bounded (``EXAMPLES`` per pattern) so that the sweep stays well under a minute
and a half on CI's two cores.
"""

import datetime
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from config.methods import declared_methods
from tests.factories import (
    AdminFactory,
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
from tests.urlconf import converter_kind, url_patterns

EXAMPLES = 15
PATTERNS = list(url_patterns())
ROLES = ("anonymous", "clerk", "editor", "leader", "admin")

EDGE_INTEGERS = st.sampled_from(
    [0, 1, 2, 63, 999_999, 2**31 - 1, 2**31, 2**63 - 1, 2**63, 10**30]
)
FAR_PERIODS = st.sampled_from(
    [
        "9999-12",
        "0001-01",
        "2021-13",
        "9999-Q4",
        "1999-12",
        "2021-06",
        "99999999999999999999-01",
        "9999-12-31",
    ]
)
HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=3000),
    st.sampled_from(
        [
            "平安区",
            "五级联动",
            "\x00",
            "\x0b",
            "\ufeff",
            "\u202e",
            "%",
            "../../etc/passwd",
            "' OR 1=1 --",
            "{{ 7*7 }}",
            "x" * 10_000,
        ]
    ),
)
VALUES = st.one_of(EDGE_INTEGERS.map(str), FAR_PERIODS, HOSTILE_TEXT)
NUMBERS = st.one_of(EDGE_INTEGERS.map(str), HOSTILE_TEXT)
# Each parameter the views read, with the values most likely to hurt it; any
# subset of them per request.
QUERY = st.fixed_dictionaries(
    {},
    optional={
        "month": st.one_of(FAR_PERIODS, VALUES),
        "year": st.one_of(FAR_PERIODS, NUMBERS),
        "quarter": FAR_PERIODS,
        "page": NUMBERS,
        "q": HOSTILE_TEXT,
        "category": NUMBERS,
        "series": NUMBERS,
        "fmt": HOSTILE_TEXT,
    },
)
FORM_KEYS = st.sampled_from(
    [
        "month",
        "period",
        "number",
        "comment",
        "note",
        "text",
        "version",
        "working_days",
        "code",
        "name",
        "date",
        "amount",
        "category",
        "series",
        "publication_date",
        "explanation-count",
        "items-TOTAL_FORMS",
        "revert",
    ]
)


@pytest.fixture
def world(db):
    hall = HallFactory()
    department("市公安局", bureau=hall.bureau, order=1)
    report = filled_report(hall, datetime.date(2021, 6, 1))
    # Explicit months: the factory's month sequence wraps in a long session.
    issue = PublishedIssueFactory(number=63, period_start=datetime.date(2021, 6, 1))
    draft = IssueFactory(number=64, period_start=datetime.date(2021, 7, 1))
    trade = TradeFactory()
    users = {
        "clerk": ClerkFactory(username="sweep_clerk", centre=hall),
        "editor": EditorFactory(username="sweep_editor"),
        "leader": LeaderFactory(username="sweep_leader"),
        "admin": AdminFactory(username="sweep_admin"),
    }
    ids = [report.pk, issue.number, issue.pk, draft.pk, draft.number, trade.pk]
    return users, ids


def path_value(kind: str, ids: list[int]):
    if kind == "int":
        return st.one_of(EDGE_INTEGERS, st.sampled_from(ids))
    if kind == "month":
        return FAR_PERIODS
    if kind == "slug":
        return st.one_of(
            st.from_regex(r"[-a-zA-Z0-9_]{1,300}", fullmatch=True),
            st.sampled_from(["sign-off", "publish", "submit", "return", "correct"]),
        )
    # str and path: anything without a slash (path: anything at all)
    alphabet = st.characters(codec="utf-8", exclude_characters="/")
    return st.one_of(
        st.text(alphabet=alphabet, min_size=1, max_size=40),
        st.text(alphabet=alphabet, min_size=500, max_size=3000),
        st.sampled_from(["csv", "xlsx", "json", "hall.cases", "workitem.1"]),
    )


def request_for(data, name, pattern, ids):
    kwargs = {
        key: data.draw(path_value(converter_kind(converter), ids), label=key)
        for key, converter in pattern.pattern.converters.items()
    }
    try:
        url = reverse(name, kwargs=kwargs)
    except Exception:  # a drawn value the converter's regex refuses
        url = None
    query = data.draw(QUERY, label="query")
    return url, query


# Deterministic edges, asked before the drawn examples: every path value and
# every query parameter at once.
EDGES = [
    {"int": 2**63, "text": "9999-12", "query": "9999-12"},
    {"int": 0, "text": "0001-01", "query": "0001-01"},
    {"int": 10**30, "text": "长" * 2000, "query": "长" * 2000},
    {"int": 1, "text": "\x0b\u202e%", "query": "2021-13"},
]


def edge_request(edge, name, pattern):
    kwargs = {
        key: edge["int"] if converter_kind(converter) == "int" else edge["text"]
        for key, converter in pattern.pattern.converters.items()
    }
    try:
        url = reverse(name, kwargs=kwargs)
    except Exception:  # the converter refuses the value: no such URL
        return None, {}
    return url, {key: edge["query"] for key in ("month", "year", "quarter", "page")}


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[n for n, _ in PATTERNS])
def test_no_generated_request_is_answered_with_a_500(client, world, name, pattern):
    users, ids = world
    methods = sorted(m for m in declared_methods(pattern.callback) if m != "HEAD")

    def hit(role, method, url, query, form):
        client.logout()
        if role != "anonymous":
            client.force_login(
                users[role], backend="django.contrib.auth.backends.ModelBackend"
            )
        if method == "GET":
            response = client.get(url, query)
        else:
            response = client.post(f"{url}?{urlencode(query)}", form)
        assert response.status_code < 500, (role, method, url, query, form)

    for edge in EDGES:
        url, query = edge_request(edge, name, pattern)
        if url is None:
            continue
        for role in ROLES:
            for method in methods:
                hit(role, method, url, query, dict(query, comment=edge["query"]))

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.filter_too_much,
        ],
    )
    @given(data=st.data())
    def sweep(data):
        url, query = request_for(data, name, pattern, ids)
        if url is None:
            return
        role = data.draw(st.sampled_from(ROLES), label="role")
        method = data.draw(st.sampled_from(methods), label="method")
        form = {}
        if method == "POST":
            form = data.draw(st.dictionaries(FORM_KEYS, VALUES, max_size=6))
        hit(role, method, url, query, form)

    sweep()
