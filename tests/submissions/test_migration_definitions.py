"""The figure-definition and trade-measure migrations from the previous schema
with data (DESIGN 5.7): every stored figure is kept, new measures start blank,
every category counts in the total and prints its amount, and the bureau admin
may edit definitions."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("submissions", "0008_bureau_required"),
    ("transactions", "0005_bureau_required"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_reports_and_trades_survive_the_figure_migrations():
    old = _migrate(BEFORE)
    Bureau = old.get_model("bureaus", "Bureau")
    Centre = old.get_model("submissions", "Centre")
    MonthlyReport = old.get_model("submissions", "MonthlyReport")
    CaseCount = old.get_model("submissions", "CaseCount")
    CaseCategory = old.get_model("submissions", "CaseCategory")
    Trade = old.get_model("transactions", "Trade")
    TradeCategory = old.get_model("transactions", "TradeCategory")
    bureau = Bureau.objects.get(slug="haidong")
    centre = Centre.objects.create(
        bureau=bureau, name="民和县政务服务中心", short_name="民和县", kind="county"
    )
    report = MonthlyReport.objects.create(
        centre=centre,
        month=datetime.date(2021, 6, 1),
        accepted_total=12046,
        completed_total=12046,
        working_days=21,
    )
    CaseCount.objects.create(
        report=report,
        category=CaseCategory.objects.filter(bureau=bureau).first(),
        accepted=1973,
        completed=None,
    )
    housing = TradeCategory.objects.get(bureau=bureau, code="housing")
    Trade.objects.create(
        bureau=bureau,
        code="HD-1",
        name="综合楼",
        category=housing,
        date=datetime.date(2021, 6, 3),
        amount=Decimal("89340000.00"),
    )

    executor = MigrationExecutor(connection)
    _migrate(executor.loader.graph.leaf_nodes())

    from django.contrib.auth.models import Group

    from submissions.models import Centre as NewCentre
    from submissions.models import MonthlyReport as NewReport
    from transactions.models import Trade as NewTrade
    from transactions.models import TradeCategory as NewTradeCategory

    migrated = NewReport.objects.get(pk=report.pk)
    assert migrated.working_days == 21
    # The stated totals and the case count are the case definitions' (0023);
    # the former fields and tables are gone (0026).
    assert sorted(
        (v.definition.code, v.option.name if v.option_id else "", v.value)
        for v in migrated.figure_values.all()
    ) == [
        ("cases_accepted", "", 12046),
        ("cases_accepted", "行政许可事项", 1973),
        ("cases_completed", "", 12046),
    ]
    assert NewCentre.objects.get(pk=centre.pk).parent is None
    trade = NewTrade.objects.get(code="HD-1")
    assert trade.amount == Decimal("89340000.00")
    assert (trade.budget, trade.reserve_price, trade.venue) == (None, None, "")
    assert all(
        NewTradeCategory.objects.filter(bureau_id=bureau.pk).values_list(
            "in_total", flat=True
        )
    )
    admin_perms = set(
        Group.objects.get(name="管理员").permissions.values_list("codename", flat=True)
    )
    assert {"add_figuredefinition", "change_breakdown"} <= admin_perms


@pytest.mark.django_db(transaction=True)
def test_stated_figures_survive_the_rate_definitions_migration():
    old = _migrate([("submissions", "0010_definition_permissions")])
    Bureau = old.get_model("bureaus", "Bureau")
    Centre = old.get_model("submissions", "Centre")
    MonthlyReport = old.get_model("submissions", "MonthlyReport")
    FigureDefinition = old.get_model("submissions", "FigureDefinition")
    FigureValue = old.get_model("submissions", "FigureValue")
    bureau = Bureau.objects.get(slug="haidong")
    centre = Centre.objects.create(
        bureau=bureau, name="平安区政务服务中心", short_name="平安区", kind="district"
    )
    report = MonthlyReport.objects.create(
        centre=centre, month=datetime.date(2021, 6, 1), accepted_total=100
    )
    bad = FigureDefinition.objects.create(bureau=bureau, code="bad", name="差评")
    FigureValue.objects.create(report=report, definition=bad, value=Decimal("10"))

    executor = MigrationExecutor(connection)
    _migrate(executor.loader.graph.leaf_nodes())

    from django.contrib.auth.models import Group

    from submissions.models import FigureValue as NewFigureValue
    from submissions.models import RateDefinition

    (value,) = NewFigureValue.objects.filter(report_id=report.pk).exclude(
        definition__code__startswith="cases_"
    )
    assert (value.definition.name, value.value) == ("差评", Decimal("10.00"))
    # No rate but the ratings' 满意率 that 0017 gives each rating channel and
    # the hall table's 办结率 and the cases' (submissions/0020, 0023).
    assert set(RateDefinition.objects.values_list("code", flat=True)) == {
        "hall_licensing_rate",
        "hall_service_rate",
        "cases_completion",
        "rating_paper_satisfaction",
        "rating_online_satisfaction",
        "rating_device_satisfaction",
        "rating_sms_satisfaction",
    }
    admin_perms = set(
        Group.objects.get(name="管理员").permissions.values_list("codename", flat=True)
    )
    assert {"add_ratedefinition", "change_ratedefinition"} <= admin_perms
    editor_perms = set(
        Group.objects.get(name="编辑").permissions.values_list("codename", flat=True)
    )
    assert "view_ratedefinition" in editor_perms
    assert "add_ratedefinition" not in editor_perms


@pytest.mark.django_db(transaction=True)
def test_stated_figures_survive_the_stated_year_to_date_migration():
    old = _migrate([("submissions", "0011_rate_definitions")])
    Bureau = old.get_model("bureaus", "Bureau")
    Centre = old.get_model("submissions", "Centre")
    MonthlyReport = old.get_model("submissions", "MonthlyReport")
    FigureDefinition = old.get_model("submissions", "FigureDefinition")
    FigureValue = old.get_model("submissions", "FigureValue")
    bureau = Bureau.objects.get(slug="haidong")
    centre = Centre.objects.create(
        bureau=bureau, name="平安区政务服务中心", short_name="平安区", kind="district"
    )
    report = MonthlyReport.objects.create(
        centre=centre, month=datetime.date(2021, 6, 1), accepted_total=100
    )
    consult = FigureDefinition.objects.create(
        bureau=bureau, code="consult", name="咨询"
    )
    FigureValue.objects.create(report=report, definition=consult, value=Decimal("20"))

    executor = MigrationExecutor(connection)
    _migrate(executor.loader.graph.leaf_nodes())

    from submissions.models import FigureValue as NewFigureValue

    own = NewFigureValue.objects.filter(report_id=report.pk).exclude(
        definition__code__startswith="cases_"
    )
    (value,) = own
    assert (value.value, value.to_date) == (Decimal("20.00"), False)
    # The stated 1至本月 total now sits beside the month's own total.
    NewFigureValue.objects.create(
        report_id=report.pk, definition_id=consult.pk, value=120, to_date=True
    )
    assert own.all().count() == 2
