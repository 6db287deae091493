"""Query budgets of the defined figures' sheet (tests/test_query_budgets.py
pattern): the export, the import page and the dry run make the same number of
queries for 2 definitions of 2 options as for 30 of 12, each within its budget.
(Confirming writes one row and its history per changed figure, as the form.)"""

import csv
import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from submissions.models import (
    Breakdown,
    BreakdownOption,
    FigureDefinition,
    FigureValue,
    RateDefinition,
)
from tests.factories import (
    CentreFactory,
    ClerkFactory,
    MonthlyReportFactory,
    default_bureau,
)
from tests.submissions.test_figure_sheets import JUNE

pytestmark = pytest.mark.django_db

SIZES = {"small": (2, 2), "large": (30, 12)}  # definitions, options each
# The user's session, permissions, bureau and centre (and the session's save),
# the report, the definitions and their options, the stored figures; the pages
# also the site's texts (once, then cached).
BUDGETS = {
    "export xlsx": 13,
    "export csv": 13,
    "import page": 15,
    "dry run": 14,
}


def build(definitions: int, options: int, login, label: str):
    bureau = default_bureau()
    centre = CentreFactory()
    report = MonthlyReportFactory(centre=centre, month=JUNE)
    for d in range(definitions):
        breakdown = Breakdown.objects.create(bureau=bureau, name=f"分类{d}")
        BreakdownOption.objects.bulk_create(
            BreakdownOption(breakdown=breakdown, name=f"选项{o}", order=o)
            for o in range(options)
        )
        definition = FigureDefinition.objects.create(
            bureau=bureau,
            code=f"d{d}",
            name=f"指标{d}",
            breakdown=breakdown,
            value_type="amount" if d % 2 else "count",
            unit="万元" if d % 2 else "件",
            order=d,
        )
        FigureValue.objects.create(report=report, definition=definition, value=d)
        FigureValue.objects.bulk_create(
            FigureValue(report=report, definition=definition, option=o, value=1)
            for o in breakdown.options.all()
        )
    return report, login(ClerkFactory(username=f"clerk_{label}", centre=centre))


def measure(client, report) -> dict[str, int]:
    cache.clear()  # the site texts are read once per change, then cached
    counts = {}
    for fmt in ("xlsx", "csv"):
        url = reverse("submissions:figures_export", args=[report.pk, fmt])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts[f"export {fmt}"] = len(queries)
    url = reverse("submissions:figures_import", args=[report.pk])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    counts["import page"] = len(queries)
    # Every figure changed: the dry run compares all of them.
    text = response.content.decode("utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    for row in rows[1:]:
        row[2] = "1000"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    upload = SimpleUploadedFile("f.csv", out.getvalue().encode("utf-8"))
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"file": upload})
    assert response.status_code == 200, response.context["parsed"].errors
    assert len(response.context["changes"]) == len(rows) - 1
    counts["dry run"] = len(queries)
    return counts


def test_the_sheet_queries_do_not_grow_with_definitions_and_options(login):
    measured = {}
    for label, size in SIZES.items():
        report, client = build(*size, login, label)
        measured[label] = measure(client, report)
        FigureValue.objects.all().delete()
        RateDefinition.objects.all().delete()
        FigureDefinition.objects.update(parts_of=None, not_above=None, sums_to=None)
        FigureDefinition.objects.all().delete()
        Breakdown.objects.all().delete()
    for page, budget in BUDGETS.items():
        small, large = measured["small"][page], measured["large"][page]
        assert small == large, f"{page}: {small} queries small, {large} large"
        assert large <= budget, f"{page}: {large} queries, budget {budget}"
