"""Reading an issue on a phone (issue 16, finding 10): the downloads and a table
of contents come before the text; every contents entry leads to its heading.
What a 390 px reader sees is checked in tests/test_journey_everyday.py."""

import re

import pytest
from django.core.files.base import ContentFile

from bulletins.document import Document
from bulletins.html import contents
from tests.factories import PublishedIssueFactory

pytestmark = pytest.mark.django_db


def test_downloads_and_contents_come_before_the_text(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    issue = PublishedIssueFactory(number=63)
    issue.pdf.save("63.pdf", ContentFile(b"%PDF-1.4"), save=True)
    html = client.get(issue.get_absolute_url()).content.decode()
    top = html.index('class="issue-top')
    pdf = html.index(f'href="{issue.pdf_url}"')
    assert top < pdf < html.index('class="bulletin"')
    toc = html[html.index('class="issue-toc"') : html.index("</details>")]
    anchors = re.findall(r'href="#([^"]+)"', toc)
    assert anchors, toc
    for anchor in anchors:
        assert f'id="{anchor}"' in html, anchor


def test_contents_follow_the_section_numbering_with_subsections():
    issue = PublishedIssueFactory.build(number=63)
    document = Document.from_dict(issue.snapshot)
    entries = contents(document)
    labels = [e["label"] for e in entries]
    top = [f"{s.number}{s.title}" for s in document.sections]
    assert labels[: len(top)] == top
    # ids are unique and follow the sections' pre-order numbering
    assert len({e["id"] for e in entries}) == len(entries)
