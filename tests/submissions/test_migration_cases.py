"""The case categories' migration from the previous schema with data (DESIGN 5.7).

The database holds 第63期 as the code before bureaus stored it
(``tests/data/pre_bureau_demo.json.gz``, see tests/bureaus/test_migration.py),
migrated up to the step before the case migrations: every report's stated
受理总数/办结总数 and its ``CaseCount`` rows, 平安区's accepted total entered as
4000 and corrected to 4069 in the report's history, a category's completed
cases corrected in the case count's history, and an explained 分类合计 warning.
Migrated to the leaf (0026 drops the former tables and fields), they are 海东's
definitions 受理, 办结 and 正在办理 on the breakdown 办件类别, every stored profile
names them (bulletins 0013) and the figure its trends page charts (0014), and
第63期 composes from them alone the same text and the same PDF, byte for byte;
migrated back, the rows and totals are there again and the profiles as they
were.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.bureaus.test_migration import BEFORE, DATA, PDF_SHA256, _insert, _migrate

MINE = {
    "submissions": "0022_option_short_label",
    "bulletins": "0012_cases_as_figures",
}
CODES = {"accepted": "cases_accepted", "completed": "cases_completed"}
TOTAL_CODES = {**CODES, "in_progress": "cases_in_progress"}
EXPLANATION = "另有部分件按其他口径统计（演示）。"
CHANGE_EXPLANATION = "本月集中办理不动产登记（演示）。"


def _before_mine():
    """Every app at its leaf, except the case migrations' apps just before
    them."""
    graph = MigrationExecutor(connection).loader.graph
    targets = []
    for app, name in graph.leaf_nodes():
        if app in MINE:
            parents = graph.node_map[(app, MINE[app])].parents
            (name,) = [p[1] for p in parents if p[0] == app]
        targets.append((app, name))
    return targets


def _leaf():
    return _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def _old_database():
    """The pre-bureau demo just before the case migrations, with corrected
    figures in the history and an explained 分类合计 warning."""
    objects = json.loads(
        gzip.decompress((DATA / "pre_bureau_demo.json.gz").read_bytes())
    )
    _insert(_migrate(BEFORE), objects)
    old = _migrate(_before_mine())
    HistoricalReport = old.get_model("submissions", "HistoricalMonthlyReport")
    CaseCount = old.get_model("submissions", "CaseCount")
    HistoricalCaseCount = old.get_model("submissions", "HistoricalCaseCount")
    FindingExplanation = old.get_model("submissions", "FindingExplanation")
    count = (
        CaseCount.objects.filter(
            completed__isnull=False,
            report__month__month=6,
            report__accepted_total__isnull=False,
        )
        .order_by("pk")
        .first()
    )
    report = count.report
    # The report's first record states 100 accepted fewer; a moment later the
    # clerk corrected it. The dump's rows were inserted with their ids: new
    # ones are numbered past them (the sequences were not moved).
    first = HistoricalReport.objects.filter(id=report.pk).order_by(
        "history_date", "history_id"
    )[0]
    HistoricalReport.objects.filter(pk=first.pk).update(
        accepted_total=report.accepted_total - 100
    )
    _corrected(HistoricalReport, first, "更正", accepted_total=report.accepted_total)
    created = HistoricalCaseCount.objects.get(id=count.pk, history_type="+")
    HistoricalCaseCount.objects.filter(pk=created.pk).update(completed=None)
    _corrected(HistoricalCaseCount, created, "补填", completed=count.completed)
    FindingExplanation.objects.create(
        id=(FindingExplanation.objects.order_by("-id").first() or count).id + 1,
        report_id=report.pk,
        rule="categories_sum_accepted",
        subject="",
        text=EXPLANATION,
    )
    FindingExplanation.objects.create(
        id=FindingExplanation.objects.order_by("-id").first().id + 1,
        report_id=report.pk,
        rule="monthly_change",
        subject="",
        text=CHANGE_EXPLANATION,
    )
    return old, objects, report.pk, count


def _corrected(Historical, record, reason, **fields):
    """A history record a microsecond after ``record``, with ``fields`` changed."""
    last = Historical.objects.order_by("-history_id").first().history_id
    record.history_id = last + 1
    record.history_date += datetime.timedelta(microseconds=1)
    record.history_type = "~"
    record.history_change_reason = reason
    for name, value in fields.items():
        setattr(record, name, value)
    record.save()


def _rows(apps):
    """Every report's totals and every case count, as comparable tuples."""
    Report = apps.get_model("submissions", "MonthlyReport")
    CaseCount = apps.get_model("submissions", "CaseCount")
    CaseCategory = apps.get_model("submissions", "CaseCategory")
    return (
        sorted(
            Report.objects.values_list(
                "pk", "accepted_total", "completed_total", "in_progress_total"
            )
        ),
        sorted(
            CaseCount.objects.values_list(
                "report_id", "category__name", "accepted", "completed"
            )
        ),
        sorted(
            CaseCategory.objects.values_list(
                "bureau_id", "name", "short_name", "order", "is_active"
            )
        ),
    )


@pytest.mark.no_bureau
@pytest.mark.django_db(transaction=True)
def test_the_cases_migrate_into_definitions_and_63_prints_the_same(settings):
    try:
        _check_forwards()
    finally:
        _leaf()


def _check_forwards():
    old, objects, report_id, count = _old_database()
    category = count.category.name  # before its table goes (0026)
    totals, counts, categories = _rows(old)
    assert len(counts) > 10 and any(a is None for _, a, _, _ in totals)
    assert any(p is not None for *_, p in totals)
    old_snapshot = next(o for o in objects if o["model"] == "bulletins.issue")[
        "fields"
    ]["snapshot"]

    _leaf()
    cache.clear()

    from bulletins import services
    from bulletins.document import Document
    from bulletins.models import Issue
    from submissions.models import (
        FigureDefinition,
        FigureValue,
        FindingExplanation,
        RateDefinition,
    )

    # Every value copied exactly: a blank figure has no row, a 0 is a row.
    values = FigureValue.objects.filter(
        definition__code__startswith="cases_"
    ).select_related("definition", "option")
    got = sorted(
        (
            v.report_id,
            v.definition.code,
            v.option.name if v.option_id else "",
            int(v.value),
        )
        for v in values
    )
    expected = sorted(
        [
            (pk, TOTAL_CODES[field], "", value)
            for pk, *figures in totals
            for field, value in zip(TOTAL_CODES, figures, strict=True)
            if value is not None
        ]
        + [
            (pk, CODES[field], name, value)
            for pk, name, *figures in counts
            for field, value in zip(CODES, figures, strict=True)
            if value is not None
        ]
    )
    assert got == expected
    accepted = FigureDefinition.objects.get(code="cases_accepted")
    completed = FigureDefinition.objects.get(code="cases_completed")
    in_progress = FigureDefinition.objects.get(code="cases_in_progress")
    assert (accepted.name, accepted.unit, accepted.has_total, accepted.parts_rule) == (
        "受理",
        "件",
        True,
        "sum_warning",
    )
    # The fixed rules, now the definitions' fields: 受理 = 办结 + 正在办理, a
    # change of 受理 over 50% against the previous period, 办结率 under 90%.
    assert (
        in_progress.name,
        in_progress.unit,
        in_progress.breakdown,
        in_progress.aggregation,
    ) == ("正在办理", "件", None, "last")
    assert list(accepted.equals_sum_of.order_by("order")) == [completed, in_progress]
    assert accepted.change_limit == 50 and completed.change_limit is None
    assert completed.parts_rule == "sum_warning"
    # The hall table's columns (0020) sum to the case categories by link, no
    # longer by a category's name.
    assert {
        d.code: (d.sums_to.code, d.sums_to_option.name)
        for d in FigureDefinition.objects.filter(
            bureau=accepted.bureau, code__startswith="hall_", sums_to__isnull=False
        ).select_related("sums_to", "sums_to_option")
    } == {
        "hall_licensing_accepted": ("cases_accepted", "行政许可事项"),
        "hall_licensing_completed": ("cases_completed", "行政许可事项"),
        "hall_service_accepted": ("cases_accepted", "公共服务事项"),
        "hall_service_completed": ("cases_completed", "公共服务事项"),
    }
    assert (completed.name, completed.not_above, completed.breakdown) == (
        "办结",
        accepted,
        accepted.breakdown,
    )
    assert accepted.breakdown.name == "办件类别"
    assert sorted(
        (accepted.bureau_id, o.name, o.short_label or o.name, o.order, o.is_active)
        for o in accepted.breakdown.options.all()
    ) == [c for c in categories if c[0] == accepted.bureau_id]
    rate = RateDefinition.objects.get(bureau=accepted.bureau, code="cases_completion")
    assert (rate.name, rate.numerator, rate.denominator, rate.minimum) == (
        "办结率",
        completed,
        accepted,
        90,
    )
    # The history: the accepted total entered short by 100 and corrected; the
    # category's completed cases filled in later.
    total_history = FigureValue.history.filter(
        report_id=report_id, definition=accepted, option=None
    ).order_by("history_date")
    stated = next(t[1] for t in totals if t[0] == report_id)
    assert [(h.history_type, int(h.value)) for h in total_history] == [
        ("+", stated - 100),
        ("~", stated),
    ]
    assert total_history.last().history_change_reason == "更正"
    part_history = FigureValue.history.filter(
        report_id=report_id, definition=completed, option__name=category
    ).order_by("history_date")
    assert [(h.history_type, int(h.value)) for h in part_history] == [
        ("+", count.completed)
    ]
    assert part_history.get().history_change_reason == "补填"
    # The explained 分类合计 warning is the definition rule's, still explained.
    assert (
        "defined_parts_sum",
        "受理",
        EXPLANATION,
    ) in FindingExplanation.objects.filter(report_id=report_id).values_list(
        "rule", "subject", "text"
    )
    assert (
        "defined_change",
        "受理",
        CHANGE_EXPLANATION,
    ) in FindingExplanation.objects.filter(report_id=report_id).values_list(
        "rule", "subject", "text"
    )
    assert not FindingExplanation.objects.filter(
        rule__in=["categories_sum_accepted", "monthly_change"]
    ).exists()

    # 第63期, composed afresh from the migrated data, is what it was.
    issue = Issue.objects.get(number=63)
    document = services.draft_document(issue)
    printed = Document.from_dict(old_snapshot)
    assert services.plain_text(document) == services.plain_text(printed)
    pdf = services.render_pdf_bytes(document)
    assert hashlib.sha256(pdf).hexdigest() == PDF_SHA256
    # Every stored profile names the case figures it composed with.
    from bulletins.models import Profile

    assert Profile.objects.exists()
    assert {tuple(p.spec["cases"].items()) for p in Profile.objects.all()} == {
        tuple(TOTAL_CODES.items())
    }
    # … and charts on the trends page the figure it charted (bulletins 0014).
    assert {tuple(p.spec["charts"]) for p in Profile.objects.all()} == {
        ("hotline_received",)
    }


@pytest.mark.no_bureau
@pytest.mark.django_db(transaction=True)
def test_the_cases_migration_goes_back():
    try:
        old, _, report_id, _ = _old_database()
        before = _rows(old)
        _leaf()
        back = _migrate(_before_mine())
        assert _rows(back) == before
        FindingExplanation = back.get_model("submissions", "FindingExplanation")
        assert FindingExplanation.objects.filter(
            report_id=report_id, rule="categories_sum_accepted", subject=""
        ).exists()
        assert FindingExplanation.objects.filter(
            report_id=report_id, rule="monthly_change", subject=""
        ).exists()
        FigureDefinition = back.get_model("submissions", "FigureDefinition")
        assert not FigureDefinition.objects.filter(code__startswith="cases_").exists()
        assert not FigureDefinition.objects.filter(
            code__startswith="hall_", sums_to__isnull=False
        ).exists()
        RateDefinition = back.get_model("submissions", "RateDefinition")
        assert not RateDefinition.objects.filter(code="cases_completion").exists()
        Profile = back.get_model("bulletins", "Profile")
        assert Profile.objects.exists()
        assert not any(
            "cases" in p.spec or "charts" in p.spec for p in Profile.objects.all()
        )
    finally:
        _leaf()
