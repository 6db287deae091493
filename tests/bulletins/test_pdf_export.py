"""python manage.py export_issue_pdf: the published issue's PDF, or a draft's."""

import datetime
import io

import pdfplumber
import pytest
from django.core.management import CommandError, call_command

from bulletins.models import Issue, Series
from bulletins.pdf import render_pdf
from tests.bulletins.pdf_samples import issue_63
from tests.factories import default_bureau


@pytest.fixture
def series(db):
    return Series.objects.create(
        bureau=default_bureau(),
        title="海东政务服务动态",
        publisher="海东市政务服务监督管理局",
    )


@pytest.fixture
def published(series):
    return Issue.objects.create(
        series=series,
        number=63,
        period_start=datetime.date(2021, 6, 1),
        publication_date=datetime.date(2021, 7, 6),
        status=Issue.Status.PUBLISHED,
        snapshot=issue_63().to_dict(),
    )


def test_a_published_issue_is_rendered_from_its_snapshot(published, tmp_path):
    target = tmp_path / "63.pdf"
    call_command("export_issue_pdf", "63", "-o", str(target))
    assert target.read_bytes() == render_pdf(issue_63())


def test_an_unknown_or_unpublished_number_is_refused(published, tmp_path):
    published.status = Issue.Status.DRAFT
    published.save()
    target = tmp_path / "63.pdf"
    with pytest.raises(CommandError, match="没有已发布的第63期"):
        call_command("export_issue_pdf", "63", "-o", str(target))
    assert not target.exists()


def test_a_draft_needs_its_period(series, tmp_path):
    with pytest.raises(CommandError, match="--month"):
        call_command("export_issue_pdf", "--draft", "-o", str(tmp_path / "x.pdf"))


def test_a_draft_is_composed_for_its_month(series, tmp_path):
    target = tmp_path / "draft.pdf"
    call_command(
        "export_issue_pdf", "64", "--draft", "--month", "2021-07", "-o", str(target)
    )
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert "第64期" in pdf.pages[0].extract_text()
