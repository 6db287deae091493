"""Numbering comes from the items present (issue 11): whichever block of 第63期
is empty — the hall's report, a district's report, every work item, every
trade, the department table, an item the editor left out — the published
issue numbers its parts, sections, items and attachments without a gap, and
its web page and PDF print exactly the numbers of the signed document (the
feed, which carries the first paragraph, its number).
"""

import datetime
import io
import re
from html import escape as html_escape

import pytest
from django.core.files.storage import default_storage
from pypdf import PdfReader

from bulletins import services, signoff
from bulletins.chinese import part_number, section_number
from bulletins.composition import document_text
from bulletins.document import Document, Paragraph, Section
from submissions.models import (
    Centre,
    FigureValue,
    MonthlyReport,
    OptionNote,
    WorkItem,
)
from tests.factories import SeriesFactory, issue_url
from transactions.models import MonthlyTradeTotal, Trade

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

JUNE = datetime.date(2021, 6, 1)
LEAD_NUMBER = re.compile(r"(?:^|：)(\d+)\.")


def _unapprove(centre_filter):
    MonthlyReport.objects.filter(month=JUNE, **centre_filter).update(
        status=MonthlyReport.Status.SUBMITTED
    )


def _first_district():
    return Centre.objects.exclude(kind="hall").order_by("order", "pk").first()


def _first_hall_item_key():
    items = WorkItem.objects.filter(report__centre__kind="hall")
    return f"workitem.{items.order_by('order', 'pk').first().pk}"


SCENARIOS = {
    "hall_not_reported": lambda issue: _unapprove({"centre__kind": "hall"}),
    "district_not_reported": lambda issue: _unapprove({"centre": _first_district()}),
    "no_work_items": lambda issue: WorkItem.objects.all().delete(),
    "no_trades": lambda issue: (
        Trade.objects.all().delete(),
        MonthlyTradeTotal.objects.all().delete(),
    ),
    "no_department_table": lambda issue: (
        FigureValue.objects.filter(definition__code__startswith="hall_").delete(),
        OptionNote.objects.all().delete(),
    ),
    "first_hall_item_left_out": lambda issue: services.issue_set_items(
        issue=issue, order={}, omitted=[_first_hall_item_key()]
    ),
}


@pytest.fixture
def demo(db):
    from django.contrib.auth import get_user_model
    from django.core.cache import cache

    from submissions import demo as submissions_demo
    from transactions import demo as transactions_demo

    cache.clear()
    submissions_demo.load(io.StringIO())
    transactions_demo.load(io.StringIO())
    users = get_user_model().objects
    return users.get(username="editor"), users.get(username="leader")


def numbered(document: Document) -> tuple[list[str], list[str]]:
    """(problems, the numbered strings in reading order) of a document."""
    problems, strings = [], []

    def walk(blocks, where):
        sections = [b for b in blocks if isinstance(b, Section)]
        for n, section in enumerate(sections, start=1):
            expected = part_number(n) if section.level == 1 else section_number(n)
            if section.number != expected:
                problems.append(
                    f"{where}: {section.number}{section.title} ≠ {expected}"
                )
        leads = []
        for block in blocks:
            if isinstance(block, Section):
                strings.append(f"{block.number}{block.title}")
                walk(block.blocks, block.title)
            elif isinstance(block, Paragraph) and (
                match := LEAD_NUMBER.search(block.lead)
            ):
                leads.append(int(match.group(1)))
                strings.append(block.lead)
        if leads != list(range(1, len(leads) + 1)):
            problems.append(f"{where}: items numbered {leads}")

    walk(document.sections, "正文")
    labels = [a.label for a in document.attachments]
    if labels != [f"附件{n}" for n in range(1, len(labels) + 1)]:
        problems.append(f"attachments labelled {labels}")
    listed = [entry.split(".", 1)[0] for entry in document.attachment_list]
    if listed != [str(n) for n in range(1, len(listed) + 1)]:
        problems.append(f"attachment list numbered {listed}")
    return problems, strings


def in_order(strings, text) -> list[str]:
    """The strings not found in ``text`` in the given order (whitespace aside)."""
    flat, missing, at = "".join(text.split()), [], 0
    for string in strings:
        found = flat.find("".join(string.split()), at)
        if found < 0:
            missing.append(string)
        else:
            at = found
    return missing


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_numbering_has_no_gap_whichever_block_is_empty(client, demo, scenario):
    editor, leader = demo
    issue = services.issue_create(
        series=SeriesFactory(),
        period_start=JUNE,
        number=63,
        publication_date=datetime.date(2021, 7, 6),
        user=editor,
    )
    full = services.draft_document(issue)
    SCENARIOS[scenario](issue)
    issue.refresh_from_db()
    issue = signoff.issue_submit(issue=issue, user=editor, acknowledge_missing=True)
    issue = signoff.issue_sign_off(issue=issue, user=leader)
    issue = signoff.issue_publish(issue=issue, user=editor, acknowledge_missing=True)
    document = Document.from_dict(issue.snapshot)
    problems, strings = numbered(document)
    assert not problems, problems
    # The scenario did empty something.
    assert document_text(document) != document_text(full), "nothing changed"

    html = client.get(issue_url(63)).content.decode()
    pdf = default_storage.open(issue.pdf.name)
    pdf_text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    feed = client.get("/feed/").content.decode()
    headings = [f"{a.label}{a.title}" for a in document.attachments]
    for where, text in (("HTML", html), ("PDF", pdf_text)):
        assert not in_order(strings, text), (where, in_order(strings, text))
        assert not in_order(headings, text), (where, in_order(headings, text))
    # The feed carries the first paragraph, numbered as in the document.
    first = next(document.iter_paragraphs())
    assert html_escape(first.lead) in feed, first.lead
