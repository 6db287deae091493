"""Hostile input through every form and importer (issue 7, "hostile input").

One table of inputs (``CASES``) is run through every place a person types or
uploads something: the report form's figures (the hall's department grid
among them) and work items, the clerk's explanations, the editor's return
comment and paragraph override, the trade form, the manual totals form, and
the trade importer. Each input is either normalised to the right value or
rejected with a Chinese message; after a rejection the relevant tables are
exactly as before (compared as a dump). Whole files (merged cells, formulas,
password-protected or truncated workbooks, GB18030, 50 MB) have their own
table, and exported spreadsheets are checked for formula injection.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from unittest import mock
from urllib.parse import urlencode

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bulletins import services as bulletin_services
from bulletins.models import Issue
from config.xmltext import illegal_characters
from submissions.models import (
    FigureValue,
    FindingExplanation,
    MonthlyReport,
    OptionNote,
    WorkItem,
)
from submissions.validation import rules as validation_rules
from submissions.validation.types import Rule
from tests.factories import (
    ClerkFactory,
    EditorFactory,
    HallFactory,
    IssueFactory,
    LeaderFactory,
    PublishedIssueFactory,
    TradeFactory,
    case_inputs,
    cases_of,
    default_bureau,
    department,
    department_inputs,
    department_of,
    filled_report,
    sample_document,
    trade_category,
)
from tests.submissions.test_views_clerk import form_data
from transactions.models import MonthlyTradeTotal, Trade
from transactions.services import trades_import

pytestmark = pytest.mark.django_db

REJECT = "REJECT"  # refused with a Chinese message, nothing saved
SAME = "SAME"  # free text: kept as typed (surrounding whitespace stripped)
JUNE = datetime.date(2021, 6, 1)
YI = Decimal(100_000_000)
HUGE = "9" * 25  # beyond 64 bits
LONG = "长" * 100_000


@dataclass(frozen=True)
class Case:
    """One hostile input and what each kind of field should make of it.

    ``count``: a whole count (int, None for blank, or REJECT); ``amount``: an
    amount as typed in its field's unit (Decimal, None, or REJECT); ``text``:
    free text (SAME, or REJECT). ``only`` overrides the expectation for named
    targets.
    """

    id: str
    raw: str
    count: object = REJECT
    amount: object = REJECT
    text: object = SAME
    only: dict = field(default_factory=dict)


# Targets that read thousands separators differently are listed in ``only``:
# the report form and both importers normalise 29,447; Django's number fields
# (trade form, manual totals) refuse it with a message.
STRICT_NUMBER = {"trade_form.amount": REJECT, "totals.count": REJECT}

CASES = [
    # --- numbers ---------------------------------------------------------------------
    Case("negative", "-5"),
    Case("negative zero", "-0", count=0, amount=Decimal(0)),
    Case("negative full-width", "－３"),
    Case("beyond 64 bits", HUGE),
    Case("2**63", str(2**63)),
    Case("decimal count", "1.5", amount=Decimal("1.5")),
    Case("integral decimal", "12.0", count=12, amount=Decimal(12)),
    Case("too many decimals", "1.123456789"),
    Case("full-width digits", "２９４４７", count=29447, amount=Decimal(29447)),
    Case(
        "thousands separator",
        "29,447",
        count=29447,
        amount=Decimal(29447),
        only=STRICT_NUMBER | {"totals.amount": REJECT},
    ),
    Case(
        "full-width separator",
        "29，447",
        count=29447,
        amount=Decimal(29447),
        only=STRICT_NUMBER | {"totals.amount": REJECT},
    ),
    Case(
        "space separator",
        "29 447",
        count=29447,
        amount=Decimal(29447),
        only=STRICT_NUMBER | {"totals.amount": REJECT},
    ),
    Case("blank", "", count=None, amount=None),
    Case("zero", "0", count=0, amount=Decimal(0)),
    # Django's number fields (manual totals) refuse it; the others read blank.
    Case(
        "whitespace only",
        " \t\u3000 ",
        count=None,
        amount=None,
        text=None,
        only={"totals.count": REJECT, "totals.amount": REJECT},
    ),
    Case("padded number", "  42  ", count=42, amount=Decimal(42)),
    Case("plus sign", "+7", count=7, amount=Decimal(7)),
    Case("exponent", "1e3", amount=Decimal(1000)),
    Case("NaN", "NaN"),
    Case("Infinity", "Infinity"),
    Case("hexadecimal", "0x1F"),
    Case("number with unit", "12件"),
    Case("number with NUL", "12\x00", text=REJECT),
    # --- text ------------------------------------------------------------------------
    Case("script tag", "<script>alert('x')</script>"),
    Case("img onerror", '<img src=x onerror="alert(1)">'),
    Case("reportlab para", "<para autoLeading='max'><b>粗</b></para>"),
    Case("reportlab img", '<img src="/etc/passwd" width="100"/>'),
    Case("entities", "&amp; &lt;b&gt; &#x3c;"),
    Case("100,000 characters", LONG),
    Case("NUL byte", "工作\x00总结", text=REJECT),
    Case("lone surrogate", "工作\ud800总结"),
    Case("bidi override", "\u202e结总作工\u202c"),
    Case("emoji", "👍🏽政务服务🎉"),
    Case("surrounding whitespace", "\t工作总结 \r\n"),
    Case("formula", "=1+1"),
    Case("DDE formula", "=cmd|' /C calc'!A0"),
    Case("at formula", "@SUM(A1:A2)"),
    Case("SQL", "'; DROP TABLE submissions_monthlyreport; --"),
    Case("template", "{{ settings.SECRET_KEY }}{% debug %}"),
    Case("format string", "%(code)s {report} %s"),
    # Characters XML 1.0 cannot hold (the feeds, .xlsx, the PDF): refused.
    Case("zero-width and control", "工\u200b作\x07总\x1b结", text=REJECT),
    Case("vertical tab", "工作\x0b总结", text=REJECT),
    Case("form feed", "工作\x0c总结", text=REJECT),
    Case("non-character U+FFFE", "工作\ufffe总结", text=REJECT),
    Case("zero-width only", "工\u200b作\u2028总结"),
]

# --- the world ------------------------------------------------------------------------


@pytest.fixture
def world(settings, tmp_path, client):
    settings.MEDIA_ROOT = tmp_path
    return World(client)


class World:
    def __init__(self, client):
        self.client = client
        self.hall = HallFactory()
        self.department = department("市公安局", bureau=self.hall.bureau, order=1)
        self.clerk = ClerkFactory(username="hall_clerk", centre=self.hall)
        self.editor = EditorFactory(username="editor")
        self.report = filled_report(self.hall, JUNE)
        self.leaf = trade_category("municipal")

    def as_clerk(self):
        self.client.force_login(
            self.clerk, backend="django.contrib.auth.backends.ModelBackend"
        )
        return self.client

    def as_editor(self):
        self.client.force_login(
            self.editor, backend="django.contrib.auth.backends.ModelBackend"
        )
        return self.client


def dump() -> dict:
    """The tables any target writes, row by row."""
    models = [
        MonthlyReport,
        WorkItem,
        FindingExplanation,
        FigureValue,
        OptionNote,
        Trade,
        MonthlyTradeTotal,
        Issue,
    ]
    from submissions.models import ReportTransition

    models += [ReportTransition]
    return {
        m._meta.label: [
            {k: v for k, v in row.items() if k != "updated_at"}
            for row in m.objects.order_by("pk").values()
        ]
        for m in models
    }


def post(client, url, data):
    """POST form data as a browser sends it: UTF-8 bytes; a lone surrogate goes
    as the ill-formed bytes a broken client would send."""
    pairs = [
        (k, v.encode("utf-8", "surrogatepass") if isinstance(v, str) else str(v))
        for k, v in data.items()
    ]
    return client.post(
        url, urlencode(pairs), content_type="application/x-www-form-urlencoded"
    )


def as_posted(text: str) -> str:
    """What the server reads back from ``post``: ill-formed bytes become U+FFFD."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def csv_bytes(rows, encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding, "surrogatepass")


def page_messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def form_errors(form) -> list[str]:
    return [m for errors in form.errors.values() for m in errors]


@dataclass
class Outcome:
    saved: bool
    value: object = None
    messages: list = field(default_factory=list)


# --- targets: each puts ``raw`` in one field and reports what happened ----------------


def report_count(w: World, raw: str) -> Outcome:
    client = w.as_clerk()
    data = form_data(client, w.report)
    data.update(case_inputs(w.report, accepted_total=raw))
    response = post(
        client, reverse("submissions:report_edit", args=[w.report.pk]), data
    )
    if response.status_code == 302:
        return Outcome(True, cases_of(w.report)[0][0])
    assert response.status_code == 422
    return Outcome(
        False, messages=[m for _k, _i, m in response.context["input_errors"]]
    )


def _work_item(w: World, title: str, body: str) -> Outcome:
    client = w.as_clerk()
    data = form_data(client, w.report)
    index = int(data["items-TOTAL_FORMS"])
    data["items-TOTAL_FORMS"] = index + 1
    data.update({f"items-{index}-title": title, f"items-{index}-body": body})
    data[f"items-{index}-id"] = ""
    data[f"items-{index}-ORDER"] = ""
    before = set(WorkItem.objects.values_list("pk", flat=True))
    response = post(
        client, reverse("submissions:report_edit", args=[w.report.pk]), data
    )
    if response.status_code == 302:
        new = WorkItem.objects.exclude(pk__in=before)
        item = new.first()
        return Outcome(True, (item.title, item.body) if item else None)
    assert response.status_code == 422
    return Outcome(
        False, messages=[m for _k, _i, m in response.context["input_errors"]]
    )


def workitem_title(w, raw):
    outcome = _work_item(w, raw, "正文。")
    if outcome.saved and outcome.value is not None:
        outcome.value = outcome.value[0]
    return outcome


def workitem_body(w, raw):
    outcome = _work_item(w, "标题", raw)
    if outcome.saved and outcome.value is not None:
        outcome.value = outcome.value[1]
    return outcome


def explanation(w, raw):
    rule = Rule(
        "hostile",
        "warning",
        "测试预警",
        lambda rule, f: [rule.finding("分类合计与总数不一致", subject="S")],
    )
    with mock.patch.object(validation_rules, "RULES", [rule]):
        client = w.as_clerk()
        response = post(
            client,
            reverse("submissions:report_submit", args=[w.report.pk]),
            {
                "explanation-count": "1",
                "explanation-0-rule": "hostile",
                "explanation-0-subject": "S",
                "explanation-0-text": raw,
                "confirmed": "1",
            },
        )
    w.report.refresh_from_db()
    if w.report.status == MonthlyReport.Status.SUBMITTED:
        return Outcome(True, w.report.explanations.get().text)
    return Outcome(False, messages=page_messages(response))


def return_comment(w, raw):
    MonthlyReport.objects.filter(pk=w.report.pk).update(
        status=MonthlyReport.Status.SUBMITTED
    )
    before = dump()  # the state change above is the starting point
    response = post(
        w.as_editor(),
        reverse("submissions:report_return", args=[w.report.pk]),
        {"comment": raw, "confirmed": "1"},
    )
    w.report.refresh_from_db()
    if w.report.status == MonthlyReport.Status.RETURNED:
        return Outcome(True, w.report.return_comment)
    outcome = Outcome(False, messages=page_messages(response))
    outcome.before = before
    return outcome


def paragraph_override(w, raw):
    issue = IssueFactory(number=64, period_start=datetime.date(2021, 7, 1))
    document = bulletin_services.draft_document(issue)
    key = next(p.key for p in document.iter_paragraphs() if p.key)
    before = dump()
    response = post(
        w.as_editor(),
        reverse("bulletins:paragraph", args=[issue.pk, key]),
        {"text": raw},
    )
    issue.refresh_from_db()
    if response.status_code == 302:
        override = issue.overrides.get(key)
        return Outcome(True, override["text"] if override else None)
    outcome = Outcome(False, messages=form_errors(response.context["form"]))
    outcome.before = before
    return outcome


def issue_return_comment(w, raw):
    """The leader returns an issue awaiting sign-off, with a comment."""
    leader = LeaderFactory(username="leader")
    issue = IssueFactory(number=64, period_start=datetime.date(2021, 7, 1))
    issue.submit_for_sign_off(w.editor)
    before = dump()
    w.client.force_login(leader, backend="django.contrib.auth.backends.ModelBackend")
    response = post(
        w.client,
        reverse("bulletins:action", args=[issue.pk, "return"]),
        {"comment": raw, "confirmed": "1"},
    )
    issue.refresh_from_db()
    if issue.status == Issue.Status.DRAFT:
        return Outcome(True, issue.last_return_comment())
    outcome = Outcome(False, messages=page_messages(response))
    outcome.before = before
    return outcome


def correction_note(w, raw):
    """The editor sends a correction of a published issue for sign-off, with a
    note (the note is published with the signed correction)."""
    with (
        mock.patch.object(
            bulletin_services,
            "compose",
            lambda issue, omit=True: bulletin_services.draft_document(
                issue, sample_document(issue.label)
            ),
        ),
        mock.patch.object(
            bulletin_services, "render_pdf_bytes", lambda document: b"%PDF-1.4"
        ),
    ):
        issue = PublishedIssueFactory(number=63)
        before = dump()
        response = post(
            w.as_editor(),
            reverse("bulletins:action", args=[issue.pk, "correct"]),
            {"note": raw, "confirmed": "1"},
        )
    issue.refresh_from_db()
    if issue.correction == Issue.Correction.AWAITING_SIGN_OFF:
        return Outcome(True, issue.correction_note)
    outcome = Outcome(False, messages=page_messages(response))
    outcome.before = before
    return outcome


def _trade_form(w, **fields) -> Outcome:
    data = {
        "code": "HD-HOSTILE-1",
        "name": "测试项目",
        "category": w.leaf.pk,
        "date": "2021-06-15",
        "amount": "100.00",
        "notes": "",
        **fields,
    }
    response = post(w.as_editor(), reverse("transactions:trade_create"), data)
    if response.status_code == 302:
        return Outcome(True, Trade.objects.get())
    return Outcome(False, messages=form_errors(response.context["form"]))


def trade_form_amount(w, raw):
    outcome = _trade_form(w, amount=raw)
    if outcome.saved:
        outcome.value = outcome.value.amount
    return outcome


def trade_form_name(w, raw):
    outcome = _trade_form(w, name=raw)
    if outcome.saved:
        outcome.value = outcome.value.name
    return outcome


def trade_form_notes(w, raw):
    outcome = _trade_form(w, notes=raw)
    if outcome.saved:
        outcome.value = outcome.value.notes
    return outcome


def _totals(w, count: str, amount: str) -> Outcome:
    response = post(
        w.as_editor(),
        reverse("transactions:monthly_totals", args=[2021, 6]),
        {f"count_{w.leaf.pk}": count, f"amount_{w.leaf.pk}": amount},
    )
    if response.status_code == 302:
        return Outcome(True, MonthlyTradeTotal.objects.filter(category=w.leaf).first())
    return Outcome(False, messages=form_errors(response.context["form"]))


def totals_count(w, raw):
    blank = not raw.strip()
    outcome = _totals(w, raw, "" if blank else "0.5")
    if outcome.saved:
        outcome.value = outcome.value.count if outcome.value else None
    return outcome


def totals_amount(w, raw):
    blank = not raw.strip()
    outcome = _totals(w, "" if blank else "1", raw)
    if outcome.saved:
        outcome.value = outcome.value.amount / YI if outcome.value else None
    return outcome


def _department_form(w, name: str, raw: str) -> Outcome:
    """The hall's table in the clerk's form: ``name`` (the grid's input of
    市公安局's 行政许可事项受理, or its note) holding ``raw``."""
    client = w.as_clerk()
    data = form_data(client, w.report)
    inputs = department_inputs(w.report, w.department, licensing_accepted=5, note="")
    data.update(inputs)
    prefix = "defined-n" if name == "note" else "defined-d"
    key = next(k for k in inputs if k.startswith(prefix))
    data[key] = raw
    response = post(
        client, reverse("submissions:report_edit", args=[w.report.pk]), data
    )
    if response.status_code == 302:
        return Outcome(True, department_of(w.report, w.department))
    assert response.status_code == 422
    return Outcome(
        False, messages=[m for _k, _i, m in response.context["input_errors"]]
    )


def department_count(w, raw):
    outcome = _department_form(w, "count", raw)
    if outcome.saved:
        outcome.value = getattr(outcome.value, "licensing_accepted", None)
    return outcome


def department_note(w, raw):
    outcome = _department_form(w, "note", raw)
    if outcome.saved:
        outcome.value = outcome.value.note
    return outcome


TRADE_HEADER = [
    "项目编号",
    "项目名称",
    "交易类型",
    "成交日期",
    "成交金额（元）",
    "备注",
]


def _trade_import(content: bytes, name="trades.csv", size=None) -> Outcome:
    summary = trades_import(
        bureau=default_bureau(),
        source=io.BytesIO(content),
        name=name,
        size=len(content) if size is None else size,
    )
    if summary.saved:
        return Outcome(True, Trade.objects.get(code="HD-IMPORT-1"))
    return Outcome(
        False, messages=summary.file_errors + [str(p) for p in summary.problems]
    )


def trade_import_amount(w, raw):
    row = ["HD-IMPORT-1", "测试项目", "市政", "2021-06-15", raw, ""]
    outcome = _trade_import(csv_bytes([TRADE_HEADER, row]))
    if outcome.saved:
        outcome.value = outcome.value.amount
    return outcome


def trade_import_name(w, raw):
    row = ["HD-IMPORT-1", raw, "市政", "2021-06-15", "100", ""]
    outcome = _trade_import(csv_bytes([TRADE_HEADER, row]))
    if outcome.saved:
        outcome.value = outcome.value.name
    return outcome


def trade_import_notes(w, raw):
    row = ["HD-IMPORT-1", "测试项目", "市政", "2021-06-15", "100", raw]
    outcome = _trade_import(csv_bytes([TRADE_HEADER, row]))
    if outcome.saved:
        outcome.value = outcome.value.notes
    return outcome


# (target, function, kind, required, max length); kind picks the expectation.
TARGETS = [
    ("report.count", report_count, "count", False, None),
    ("totals.count", totals_count, "count", False, None),
    ("department.count", department_count, "count", False, None),
    ("trade_form.amount", trade_form_amount, "amount", True, None),
    ("totals.amount", totals_amount, "amount", False, None),
    ("trade_import.amount", trade_import_amount, "amount", True, None),
    ("workitem.title", workitem_title, "text", True, 200),
    ("workitem.body", workitem_body, "text", False, None),
    ("explanation", explanation, "text", True, None),
    ("return_comment", return_comment, "text", True, None),
    ("paragraph_override", paragraph_override, "text", True, None),
    ("issue_return_comment", issue_return_comment, "text", True, None),
    ("correction_note", correction_note, "text", True, None),
    ("trade_form.name", trade_form_name, "text", True, 300),
    ("trade_form.notes", trade_form_notes, "text", False, None),
    ("department.note", department_note, "text", False, 200),
    ("trade_import.name", trade_import_name, "text", True, 300),
    ("trade_import.notes", trade_import_notes, "text", False, 2000),
]
FILE_TARGETS = {t for t, *_ in TARGETS if t.startswith("trade_import")}


def expected(case: Case, target: str, kind: str, required: bool, max_length):
    if target in case.only:
        return case.only[target]
    if kind == "count":
        return case.count
    if kind == "amount":
        if case.amount is None and required:
            return REJECT
        return case.amount
    # free text
    if case.text == REJECT:
        return REJECT
    text = as_posted(case.raw)
    if target in FILE_TARGETS and text != case.raw:
        # a file with ill-formed UTF-8 is read as GB18030: its header no longer
        # matches, and the whole file is refused
        return REJECT
    text = text.strip()
    if not text or case.text is None:
        return REJECT if required else ""
    if max_length is not None and len(text) > max_length:
        return REJECT
    return text


CHINESE = re.compile(r"[\u3400-\u9fff]")
ENGLISH_SENTENCE = re.compile(r"\b[A-Za-z]{3,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}")


def assert_chinese(messages, raw=""):
    assert messages, "rejected without a message"
    for message in messages:
        bare = message.replace(raw, "") if raw else message
        assert CHINESE.search(bare), f"not a Chinese message: {message!r}"
        assert not ENGLISH_SENTENCE.search(bare), f"English in message: {message!r}"


PARAMS = [
    pytest.param(
        case, target, function, kind, required, max_length, id=f"{target}-{case.id}"
    )
    for target, function, kind, required, max_length in TARGETS
    for case in CASES
]


@pytest.mark.parametrize(
    ("case", "target", "function", "kind", "required", "max_length"), PARAMS
)
def test_hostile_input(world, case, target, function, kind, required, max_length):
    want = expected(case, target, kind, required, max_length)
    before = dump()
    outcome = function(world, case.raw)
    if want == REJECT:
        assert not outcome.saved, (
            f"{target} accepted {case.raw[:50]!r}: {outcome.value!r}"
        )
        assert_chinese(outcome.messages, case.raw)
        assert dump() == getattr(outcome, "before", before), "a refused input wrote"
    else:
        assert outcome.saved, f"{target} refused {case.raw[:50]!r}: {outcome.messages}"
        if kind == "amount" and want is not None:
            assert outcome.value == Decimal(want)
        else:
            assert outcome.value == want


def test_at_least_forty_hostile_inputs():
    assert len(CASES) + len(FILE_CASES) >= 40


# --- what the pages make of stored hostile text ---------------------------------------


def test_hostile_text_is_escaped_on_every_page_that_shows_it(world):
    script = "<script>alert('x')</script>"
    item = world.report.work_items.first()
    item.title, item.body = script, '<img src=x onerror="alert(1)">'
    item.save()
    MonthlyReport.objects.filter(pk=world.report.pk).update(
        status=MonthlyReport.Status.SUBMITTED
    )
    pages = [
        (world.as_clerk, reverse("submissions:report_edit", args=[world.report.pk])),
        (world.as_editor, reverse("submissions:report_review", args=[world.report.pk])),
    ]
    for log_in, url in pages:
        body = log_in().get(url).content.decode()
        assert "&lt;script&gt;alert(" in body, url
        assert script not in body and "<img src=x" not in body, url


# --- whole files ----------------------------------------------------------------------


def _xlsx(rows, *, merge=None, formulas=None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cell_range in merge or []:
        sheet.merge_cells(cell_range)
    for ref, formula in (formulas or {}).items():
        sheet[ref] = formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD_TRADE = [
    TRADE_HEADER,
    ["HD-IMPORT-1", "测试项目", "市政", "2021-06-15", "100", ""],
]
# An encrypted .xlsx is an OLE2 compound file, not a zip: this is how it starts.
OLE_HEADER = bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504 + b"EncryptedPackage"


def _truncated(content: bytes) -> bytes:
    return content[: len(content) // 2]


def _zip_of_junk() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "不是表格")
    return out.getvalue()


@dataclass(frozen=True)
class FileCase:
    id: str
    trade: tuple  # (file name, bytes) for the trade import
    trade_expect: object  # amount of HD-IMPORT-1, or REJECT


FILE_CASES = [
    FileCase(
        "merged title row",
        ("t.xlsx", _xlsx(GOOD_TRADE)),
        Decimal(100),
    ),
    FileCase(
        "merged data cells",
        (
            "t.xlsx",
            _xlsx(
                [
                    TRADE_HEADER,
                    ["HD-IMPORT-1", "测试项目", "市政", "2021-06-15", 100, ""],
                    ["HD-IMPORT-2", "测试项目二", None, "2021-06-15", 100, ""],
                ],
                merge=["C2:C3"],
            ),
        ),
        REJECT,
    ),
    FileCase(
        "formula cells without a cached value",
        ("t.xlsx", _xlsx(GOOD_TRADE, formulas={"E2": "=50+50"})),
        REJECT,
    ),
    FileCase(
        "DDE formula as text",
        (
            "t.csv",
            csv_bytes(
                [
                    TRADE_HEADER,
                    ["HD-IMPORT-1", "测试", "市政", "2021-06-15", "=cmd|' /C calc'!A0"],
                ]
            ),
        ),
        REJECT,
    ),
    FileCase(
        "password-protected workbook",
        ("t.xlsx", OLE_HEADER),
        REJECT,
    ),
    FileCase(
        "truncated workbook",
        ("t.xlsx", _truncated(_xlsx(GOOD_TRADE))),
        REJECT,
    ),
    FileCase(
        "a zip that is no workbook",
        ("t.xlsx", _zip_of_junk()),
        REJECT,
    ),
    FileCase(
        "CSV in GB18030",
        ("t.csv", csv_bytes(GOOD_TRADE, "gb18030")),
        Decimal(100),
    ),
    FileCase(
        "CSV with NUL bytes",
        ("t.csv", csv_bytes(GOOD_TRADE).replace(b"100", b"1\x0000", 1)),
        REJECT,
    ),
    FileCase(
        "empty file",
        ("t.csv", b""),
        REJECT,
    ),
    FileCase(
        "an image named .xlsx",
        ("t.xlsx", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
        REJECT,
    ),
]


@pytest.mark.parametrize("case", FILE_CASES, ids=[c.id for c in FILE_CASES])
def test_trade_import_files(world, case):
    name, content = case.trade
    before = dump()
    outcome = _trade_import(content, name)
    if case.trade_expect == REJECT:
        assert not outcome.saved, outcome.value
        assert_chinese(outcome.messages)
        assert dump() == before
    else:
        assert outcome.saved, outcome.messages
        assert outcome.value.amount == case.trade_expect


FIFTY_MB = 50 * 2**20


def test_50mb_trade_import_is_refused_before_parsing(world):
    before = dump()
    with mock.patch("transactions.services.open_sheet") as opened:
        outcome = _trade_import(b"", "t.csv", size=FIFTY_MB)
    opened.assert_not_called()
    assert not outcome.saved
    assert any("文件过大" in m for m in outcome.messages)
    assert dump() == before


def test_50mb_admin_trade_import_is_refused_before_parsing(world, client):
    from tests.factories import AdminFactory

    client.force_login(
        AdminFactory(username="admin"),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    before = dump()
    with mock.patch("transactions.formats.open_sheet") as opened:
        response = client.post(
            reverse("admin:transactions_trade_import"),
            {
                "format": 1,
                "resource": 0,
                "import_file": SimpleUploadedFile("t.csv", b"0" * FIFTY_MB),
            },
        )
    opened.assert_not_called()
    assert "文件过大" in response.content.decode()
    assert dump() == before


# --- exported spreadsheets carry no formulas ------------------------------------------

FORMULAS = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "=cmd|' /C calc'!A0", "\t=1+1"]


def _formula_free_csv(text: str):
    for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))):
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell


def _formula_free_xlsx(content: bytes):
    book = openpyxl.load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.value[:1] not in ("=", "+", "-", "@", "\t", "\r"), (
                        cell.value
                    )


def test_open_data_neutralises_formulas(world):
    from bulletins import opendata
    from bulletins.document import Attachment, Cell, Column, Table
    from tests.factories import sample_document

    document = sample_document()
    table = Table(
        columns=[Column("单位"), Column("受理"), Column("备注")],
        rows=[[Cell(f"{f}局"), Cell("1", 1), Cell(f)] for f in FORMULAS],
    )
    document.attachments.append(Attachment("附件1", '=HYPERLINK("x")', table))
    issue = PublishedIssueFactory(number=63, snapshot=document.to_dict())
    _formula_free_csv(opendata.as_csv(issue).decode("utf-8"))
    _formula_free_xlsx(opendata.as_xlsx(issue))


def test_trade_export_neutralises_formulas(world):
    from transactions.resources import TradeResource

    for index, formula in enumerate(FORMULAS):
        TradeFactory(code=f"HD-F-{index}", name=formula, notes=formula)
    dataset = TradeResource(bureau=default_bureau()).export()
    _formula_free_csv(dataset.export("csv"))
    _formula_free_xlsx(dataset.export("xlsx"))
    # and a re-import of the export restores the text as typed
    content = dataset.export("csv").encode("utf-8")
    Trade.objects.all().delete()
    summary = trades_import(
        bureau=default_bureau(),
        source=io.BytesIO(content),
        name="t.csv",
        size=len(content),
    )
    assert summary.saved, summary.problems
    assert sorted(Trade.objects.values_list("name", flat=True)) == sorted(FORMULAS)


@pytest.mark.parametrize("count", ["abc", "-3", "99999999999", "1e9", "\x00"])
def test_crafted_explanation_count_neither_crashes_nor_loops(world, count):
    before = dump()
    response = post(
        world.as_clerk(),
        reverse("submissions:report_submit", args=[world.report.pk]),
        {"explanation-count": count, "confirmed": "1"},
    )
    assert response.status_code == 302
    # the submission is judged on the report alone (this one still has an
    # error: the hall's department table is empty), and nothing is written
    assert_chinese(page_messages(response))
    assert dump() == before


def test_explanation_for_an_overlong_rule_name_is_ignored(world):
    post(
        world.as_clerk(),
        reverse("submissions:report_submit", args=[world.report.pk]),
        {
            "explanation-count": "1",
            "explanation-0-rule": "r" * 1000,
            "explanation-0-subject": "S",
            "explanation-0-text": "说明",
            "confirmed": "1",
        },
    )
    assert not FindingExplanation.objects.exists()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_the_confirmation_page_carries_hostile_input_safely(world, case):
    """Before confirming, the step's page re-posts what was sent as hidden
    fields: escaped, never crashing, nothing written."""
    MonthlyReport.objects.filter(pk=world.report.pk).update(
        status=MonthlyReport.Status.SUBMITTED
    )
    before = dump()
    response = post(
        world.as_editor(),
        reverse("submissions:report_return", args=[world.report.pk]),
        {"comment": case.raw},
    )
    assert dump() == before
    # refused before asking: text XML (and, for NUL, the database) cannot hold
    if illegal_characters(as_posted(case.raw)):
        assert response.status_code == 302
        assert_chinese(page_messages(response))
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert "请确认：退回修改" in html
    assert "<script>alert" not in html and "<img src=x" not in html
    assert dump() == before
