"""The report period type migration from the previous schema with data (DESIGN
5.7): every stored report, and every row of its history, becomes a month's
report, composed and validated as before."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.submissions.test_migration_definitions import _migrate


@pytest.mark.django_db(transaction=True)
def test_every_existing_report_becomes_a_month_report():
    old = _migrate([("submissions", "0012_stated_year_to_date")])
    Bureau = old.get_model("bureaus", "Bureau")
    Centre = old.get_model("submissions", "Centre")
    MonthlyReport = old.get_model("submissions", "MonthlyReport")
    History = old.get_model("submissions", "HistoricalMonthlyReport")
    bureau = Bureau.objects.get(slug="haidong")
    centre = Centre.objects.create(
        bureau=bureau, name="互助县政务服务中心", short_name="互助县", kind="county"
    )
    reports = [
        MonthlyReport.objects.create(
            centre=centre,
            month=datetime.date(2021, month, 1),
            status="approved",
            accepted_total=accepted,
            completed_total=accepted,
            working_days=21,
        )
        for month, accepted in [(4, 100), (5, 200), (6, 300)]
    ]
    for report in reports:
        History.objects.create(
            id=report.pk,
            centre_id=centre.pk,
            month=report.month,
            status="draft",
            version=1,
            created_at=report.created_at,
            updated_at=report.updated_at,
            history_date=report.created_at,
            history_type="+",
        )

    executor = MigrationExecutor(connection)
    _migrate(executor.loader.graph.leaf_nodes())

    from bulletins.periods import Period
    from bulletins.selectors import period_figures
    from bureaus.models import Bureau as NewBureau
    from submissions.models import MonthlyReport as NewReport
    from tests.factories import unit_cases

    haidong = NewBureau.objects.get(pk=bureau.pk)

    migrated = NewReport.objects.filter(centre_id=centre.pk).order_by("month")
    assert [(r.period_type, r.period_label) for r in migrated] == [
        ("monthly", "2021年4月"),
        ("monthly", "2021年5月"),
        ("monthly", "2021年6月"),
    ]
    assert set(
        NewReport.history.filter(id__in=[r.pk for r in reports]).values_list(
            "period_type", flat=True
        )
    ) == {"monthly"}
    quarter = period_figures(Period.quarter(2021, 2), bureau=haidong)
    (figures,) = quarter.centres
    assert (unit_cases(figures).accepted, figures.complete) == (600, True)
    june = period_figures(Period.month(2021, 6), bureau=haidong)
    assert unit_cases(june.centres[0]).accepted == 300
