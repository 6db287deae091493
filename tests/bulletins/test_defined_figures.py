"""Defined figures over time and across levels (DESIGN 5.2, 5.3): quarters and
year-to-date summed from stored months with rates recomputed from the sums,
rankings with stated ties, parent units printed as stated beside their sum."""

import datetime
import doctest
from decimal import Decimal

import pytest

from bulletins.composition import open_figures
from bulletins.periods import Period
from bulletins.selectors import period_figures
from submissions import defined
from submissions.defined import DefinedFigure, Part, aggregate, ranking
from submissions.figures import format_percent
from submissions.models import (
    Breakdown,
    BreakdownOption,
    Centre,
    FigureDefinition,
    FigureValue,
    MonthlyReport,
    RateDefinition,
)
from tests.factories import (
    SHIPPED_CASES,
    CentreFactory,
    MonthlyReportFactory,
    compose_june,
    default_bureau,
    unit_cases,
)

APPROVED = MonthlyReport.Status.APPROVED


def test_the_pure_functions_examples_hold():
    assert doctest.testmod(defined).failed == 0


def test_a_ranking_orders_ties_stably_and_says_so():
    parts = [
        Part(1, "州公安局", 311, order=5),
        Part(2, "州住房公积金管理中心", 1022, order=1),
        Part(3, "州医疗保障局", 608, order=3),
        Part(4, "州税务局", 311, order=4),
        Part(5, "州自然资源局", None, order=2),
    ]
    result = ranking(parts, 3)
    assert [(r.rank, r.name, r.value, r.tied) for r in result.rows] == [
        (1, "州住房公积金管理中心", 1022, False),
        (2, "州医疗保障局", 608, False),
        # Equal values keep the options' display order: 州税务局 (4) first.
        (3, "州税务局", 311, True),
    ]
    assert result.tied_beyond == 1
    assert ranking(parts, 5).tied_beyond == 0
    assert [r.rank for r in ranking(parts, 5).rows] == [1, 2, 3, 3]
    text = defined.ranking_sentence(
        DefinedFigure(9, "p", "统一平台办件", rank_top=3, parts=tuple(parts))
    )
    assert text == (
        "统一平台办件前3位：州住房公积金管理中心1022件，州医疗保障局608件，"
        "州税务局311件（并列第3位）；另有1个与末位并列。"
    )


def test_blank_parts_stay_blank_when_summed():
    a = DefinedFigure(1, "c", "咨询", total=None, parts=(Part(1, "甲", None),))
    b = DefinedFigure(1, "c", "咨询", total=None, parts=(Part(1, "甲", 0),))
    assert aggregate([a, a]).parts[0].value is None
    assert aggregate([a, b]).parts[0].value == 0
    assert aggregate([a, b]).total is None


def test_a_stock_takes_the_latest_stated_figure_over_periods():
    """正在办理 is the cases open at the end of the period: over a quarter the
    latest month's, never a sum; a flow (受理) is summed."""

    def month(accepted, open_):
        return [
            DefinedFigure(11, "cases_accepted", "受理", total=accepted),
            DefinedFigure(
                13, "cases_in_progress", "正在办理", aggregation="last", total=open_
            ),
        ]

    april, may, june = month(10, 4), month(20, 7), month(30, None)
    summed = [aggregate([m[i] for m in (april, may, june)]) for i in range(2)]
    assert [f.total for f in summed] == [60, 7]
    assert aggregate([june[1], june[1]]).total is None


def _report(centre, month, accepted, completed, values=()):
    report = MonthlyReportFactory(
        centre=centre,
        month=month,
        status=APPROVED,
        accepted_total=accepted,
        completed_total=completed,
    )
    for definition, option, value in values:
        FigureValue.objects.create(
            report=report, definition=definition, option=option, value=value
        )
    return report


@pytest.mark.django_db
def test_quarter_and_year_to_date_sum_stored_months_and_recompute_rates():
    bureau = default_bureau()
    centre = CentreFactory(name="平安区政务服务中心", short_name="平安区")
    consult = FigureDefinition.objects.create(
        bureau=bureau, code="consult", name="咨询", unit="件"
    )
    budget = FigureDefinition.objects.create(
        bureau=bureau,
        code="budget",
        name="采购预算",
        value_type="amount",
        unit="万元",
        order=2,
    )
    _report(centre, datetime.date(2021, 1, 1), 10, 10, [(consult, None, 4)])
    _report(centre, datetime.date(2021, 4, 1), 3, 1, [(consult, None, 1)])
    _report(
        centre,
        datetime.date(2021, 5, 1),
        1,
        1,
        [(budget, None, Decimal("12345678.91"))],
    )
    _report(
        centre,
        datetime.date(2021, 6, 1),
        None,
        None,
        [(consult, None, 0), (budget, None, Decimal("0.09"))],
    )

    quarter = period_figures(Period.quarter(2021, 2), bureau=bureau)
    (figures,) = quarter.centres
    cases = unit_cases(figures)
    assert (cases.accepted, cases.completed) == (4, 2)
    # 2 of 4, not the mean of the months' 33.33% and 100%.
    assert format_percent(cases.completed, cases.accepted) == "50%"
    by_code = {f.code: f for f in figures.defined}
    assert by_code["consult"].total == 1
    assert by_code["budget"].total == Decimal("12345679.00")

    to_date = figures.year_to_date
    assert to_date.label == "1至6月"
    assert to_date.complete is False  # February and March were not reported
    assert (unit_cases(to_date).accepted, unit_cases(to_date).completed) == (14, 12)
    assert {f.code: f.total for f in to_date.defined} == {
        "cases_accepted": 14,
        "cases_completed": 12,
        "consult": 5,
        "budget": Decimal("12345679.00"),
    }
    data = open_figures(quarter, SHIPPED_CASES)["centres"][0]
    assert data["year_to_date"]["completion_rate"] == "85.71%"
    assert data["year_to_date"]["months"] == [
        "2021-01-01",
        "2021-04-01",
        "2021-05-01",
        "2021-06-01",
    ]
    by_code = {f["code"]: f for f in data["figures"]}
    assert by_code["budget"]["total"] == "12345679.00"

    june = period_figures(Period.month(2021, 6), bureau=bureau)
    (figures,) = june.centres
    assert {f.code: f.total for f in figures.defined} == {
        "consult": 0,
        "budget": Decimal("0.09"),
    }


@pytest.mark.django_db
def test_a_parent_unit_prints_its_stated_total_beside_the_sum_of_its_children():
    bureau = default_bureau()
    region = CentreFactory(name="全州", short_name="全州", kind=Centre.Kind.REGION)
    centre = CentreFactory(
        name="海西州政务服务中心", short_name="州级中心", parent=region
    )
    channels = Breakdown.objects.create(bureau=bureau, name="受理渠道")
    window = BreakdownOption.objects.create(breakdown=channels, name="窗口受理")
    platform = BreakdownOption.objects.create(
        breakdown=channels, name="统一平台受理", order=2
    )
    intake = FigureDefinition.objects.create(
        bureau=bureau,
        code="intake",
        name="分渠道受理",
        breakdown=channels,
        parts_rule="sum",
    )
    june = datetime.date(2022, 6, 1)
    _report(region, june, 78596, 78531)
    _report(
        centre,
        june,
        7173,
        7136,
        [(intake, None, 7173), (intake, window, 2920), (intake, platform, 3468)],
    )
    figures = period_figures(Period.month(2022, 6), bureau=bureau)
    assert [c.name for c in figures.centres] == ["海西州政务服务中心"]
    assert [c.name for c in figures.regions] == ["全州"]
    (level,) = figures.levels
    accepted = "cases_accepted"
    assert (level.total(accepted), level.summed[accepted]) == (78596, 7173)
    assert accepted in level.mismatches
    assert level.is_stated(accepted)
    data = open_figures(figures, SHIPPED_CASES)
    assert data["levels"][0]["completion_rate"] == "99.92%"
    intake_data = data["centres"][0]["figures"][0]
    assert intake_data["total"] == 7173 and intake_data["parts_sum"] == 6388

    # Without a stated figure the parent's total is the sum of its children.
    FigureValue.objects.filter(
        report__centre=region,
        definition__code__in=["cases_accepted", "cases_completed"],
    ).delete()
    (level,) = period_figures(Period.month(2022, 6), bureau=bureau).levels
    assert (level.total(accepted), level.is_stated(accepted)) == (7173, False)
    assert accepted not in level.mismatches


def _units_with_definitions(units: int, definitions: int) -> None:
    bureau = default_bureau()
    breakdown = Breakdown.objects.create(bureau=bureau, name="县区")
    options = [
        BreakdownOption.objects.create(breakdown=breakdown, name=f"县{n}", order=n)
        for n in range(3)
    ]
    defs = [
        FigureDefinition.objects.create(
            bureau=bureau,
            code=f"d{n}",
            name=f"指标{n}",
            breakdown=breakdown if n % 2 else None,
            parts_rule="sum" if n % 2 else "none",
            rank_top=2 if n % 3 == 1 else None,
            order=n,
        )
        for n in range(definitions)
    ]
    # Rates over a breakdown's options and over plain totals.
    for n in range(10):
        rate = RateDefinition.objects.create(
            bureau=bureau,
            code=f"r{n}",
            name=f"比率{n}",
            numerator=defs[1],
            denominator=defs[2 * n + 1] if n % 2 else defs[2 * n],
            order=n,
        )
        rate.numerator_options.set(options[: 1 + n % 3])
    rows = []
    for u in range(units):
        centre = CentreFactory(name=f"测试中心{u}", short_name=f"测{u}", order=u)
        report = MonthlyReportFactory(
            centre=centre, month=datetime.date(2021, 6, 1), status=APPROVED
        )
        for d in defs:
            rows.append(FigureValue(report=report, definition=d, value=u + 1))
            if d.breakdown_id:
                rows += [
                    FigureValue(report=report, definition=d, option=o, value=u)
                    for o in options
                ]
    FigureValue.objects.bulk_create(rows)


@pytest.mark.django_db
def test_composition_queries_are_constant_with_20_units_and_30_definitions(
    django_assert_max_num_queries,
):
    _units_with_definitions(2, 30)
    with django_assert_max_num_queries(30) as small:
        compose_june()
    FigureValue.objects.all().delete()
    RateDefinition.objects.all().delete()
    # The pack's hotline definitions link to each other (protected).
    FigureDefinition.objects.update(parts_of=None, not_above=None, sums_to=None)
    FigureDefinition.objects.all().delete()
    Breakdown.objects.all().delete()
    MonthlyReport.objects.all().delete()
    _units_with_definitions(20, 30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        document = compose_june()
    assert len(document.sections[1].blocks) == 20
    assert len(document.figures["centres"][5]["figures"]) == 30
    assert len(document.figures["centres"][5]["rates"]) == 10
