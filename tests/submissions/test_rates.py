"""Rates as data (DESIGN 5.3, DHIS2's indicators): a rate added in the admin —
差评整改率 = 整改 / 差评, 满意率 over some options — reaches the clerk's preview,
the editor's review, composition and open data with no code, and over a period
is the ratio of the sums, never a mean of monthly rates."""

import datetime
import doctest

import pytest
from django.urls import reverse

from bulletins.composition import document_text, open_figures
from bulletins.periods import Period
from bulletins.selectors import period_figures
from submissions import rates
from submissions.admin import OPTION_NOT_OF_DEFINITION
from submissions.models import (
    Breakdown,
    BreakdownOption,
    FigureDefinition,
    FigureValue,
    MonthlyReport,
    RateDefinition,
)
from tests.factories import (
    SHIPPED_CASES,
    BureauAdminFactory,
    CentreFactory,
    ClerkFactory,
    EditorFactory,
    MonthlyReportFactory,
    compose_june,
    default_bureau,
    rating_figures,
    second_bureau,
)

APPROVED = MonthlyReport.Status.APPROVED
JUNE = datetime.date(2021, 6, 1)


def test_the_pure_functions_examples_hold():
    assert doctest.testmod(rates).failed == 0


def _satisfaction(total, *levels):
    """A channel's 满意率 as the city pack defines it (非常满意 + 满意 + 基本满意
    over the channel's total), from its figures: (numerator, denominator, text)."""
    levels = (*levels, *[None] * (5 - len(levels)))
    _figures, (rate,) = rating_figures(("纸质评价", total, *levels))
    return rate.numerator, rate.denominator, rate.text


def test_satisfaction_counts_the_three_upper_levels_over_the_total():
    # 乐都区: 1202 + 11622 + 534 = 13358 ratings, all satisfied.
    assert _satisfaction(13358, 1202, 11622, 534) == (13358, 13358, "100%")
    # 基本满意 is satisfied; the rest of the total is not.
    assert _satisfaction(10, 2, 3, 4) == (9, 10, "90%")
    assert _satisfaction(1632, 407, 1225)[2] == "100%"
    assert _satisfaction(1633, 407, 1225)[2] == "99.94%"


def test_satisfaction_blank_and_zero():
    # No satisfied level given: no numerator, no rate.
    assert _satisfaction(10, None, None, None, 1) == (None, 10, "")
    assert _satisfaction(10, 0)[:2] == (0, 10)
    # No stated total: the levels' sum is the base, the lower levels count against.
    assert _satisfaction(None, 1, 1, 1, 1) == (3, 4, "75%")
    # 0 of 0 is nothing to rate (the sentences print no 满意率).
    assert _satisfaction(0, 0, 0, 0) == (0, 0, "—")
    assert rating_figures(("纸质评价", None, None, None, None, None, None)) == ((), ())


@pytest.fixture
def figures(db):
    """差评 and 差评整改 (totals), 好差评 by level (the city pack's breakdown)."""
    bureau = default_bureau()
    levels = Breakdown.objects.get(bureau=bureau, name="评价等级")
    very, good, poor = (
        levels.options.get(name=name) for name in ["非常满意", "满意", "不满意"]
    )
    definitions = {
        code: FigureDefinition.objects.create(
            bureau=bureau, code=code, name=name, unit="条", order=n, **extra
        )
        for n, (code, name, extra) in enumerate(
            [
                ("bad", "差评", {}),
                ("fixed", "差评整改", {}),
                ("rated", "好差评", {"breakdown": levels}),
            ],
            start=1,
        )
    }
    return definitions, (very, good, poor)


def admin_add_rate(client, **fields):
    data = {"places": "2", "order": "1", "is_active": "on", **fields}
    return client.post(reverse("admin:submissions_ratedefinition_add"), data)


def _values(report, values):
    for definition, option, value in values:
        FigureValue.objects.create(
            report=report, definition=definition, option=option, value=value
        )
    return report


@pytest.mark.django_db
def test_a_rate_added_in_the_admin_reaches_preview_review_composition_and_open_data(
    login, figures
):
    definitions, (very, good, _poor) = figures
    elsewhere = Breakdown.objects.create(bureau=second_bureau(), name="受理渠道")
    BreakdownOption.objects.create(breakdown=elsewhere, name="窗口受理")
    client = login(BureauAdminFactory(username="bureau_admin"))
    form = client.get(reverse("admin:submissions_ratedefinition_add"))
    assert "评价等级·非常满意" in form.content.decode()
    assert "窗口受理" not in form.content.decode()  # another bureau's option
    response = admin_add_rate(
        client,
        code="fix_rate",
        name="差评整改率",
        numerator=definitions["fixed"].pk,
        denominator=definitions["bad"].pk,
    )
    assert response.status_code == 302, response.content.decode()
    response = admin_add_rate(
        client,
        code="satisfied",
        name="满意率",
        numerator=definitions["rated"].pk,
        numerator_options=[very.pk, good.pk],
        denominator=definitions["rated"].pk,
        places="1",
        order="2",
    )
    assert response.status_code == 302, response.content.decode()
    assert RateDefinition.objects.get(code="fix_rate").bureau == default_bureau()

    centre = CentreFactory(name="平安区政务服务中心", short_name="平安区", order=10)
    report = _values(
        MonthlyReportFactory(centre=centre, month=JUNE),
        [
            (definitions["bad"], None, 10),
            (definitions["fixed"], None, 8),
            (definitions["rated"], None, 3),
            (definitions["rated"], very, 1),
            (definitions["rated"], good, 1),
        ],
    )
    shown = login(ClerkFactory(username="clerk_p", centre=centre)).get(
        reverse("submissions:report_edit", args=[report.pk])
    )
    rows = dict(shown.context["sections"][-1].rows)
    assert rows["差评整改率"] == "差评整改率80%。"
    assert rows["满意率"] == "满意率66.7%。"  # 2 of 3, one decimal as defined

    MonthlyReport.objects.filter(pk=report.pk).update(status=APPROVED)
    review = login(EditorFactory(username="editor_p")).get(
        reverse("submissions:report_review", args=[report.pk])
    )
    assert dict(review.context["sections"][-1].rows)["差评整改率"] == "差评整改率80%。"

    document = compose_june()
    assert "差评整改率80%。满意率66.7%。" in document_text(document)
    assert document.figures["centres"][0]["rates"] == [
        {
            "code": "fix_rate",
            "name": "差评整改率",
            "numerator": 8,
            "denominator": 10,
            "rate": "80%",
        },
        {
            "code": "satisfied",
            "name": "满意率",
            "numerator": 2,
            "denominator": 3,
            "rate": "66.7%",
        },
    ]


@pytest.mark.django_db
def test_a_rate_over_a_period_is_the_ratio_of_the_sums(figures):
    definitions, _levels = figures
    RateDefinition.objects.create(
        bureau=default_bureau(),
        code="fix_rate",
        name="差评整改率",
        numerator=definitions["fixed"],
        denominator=definitions["bad"],
    )
    centre = CentreFactory(name="平安区政务服务中心", short_name="平安区")
    for month, bad, fixed in ((4, 3, 1), (5, 1, 1)):
        _values(
            MonthlyReportFactory(
                centre=centre, month=datetime.date(2021, month, 1), status=APPROVED
            ),
            [(definitions["bad"], None, bad), (definitions["fixed"], None, fixed)],
        )
    quarter = period_figures(Period.quarter(2021, 2), bureau=default_bureau())
    (unit,) = quarter.centres
    # 2 of 4, not the mean of April's 33.33% and May's 100%.
    assert [r.text for r in unit.rates] == ["50%"]
    data = open_figures(quarter, SHIPPED_CASES)["centres"][0]
    assert data["rates"][0]["rate"] == "50%"
    assert data["year_to_date"]["rates"][0] == {
        "code": "fix_rate",
        "name": "差评整改率",
        "numerator": 2,
        "denominator": 4,
        "rate": "50%",
    }
    # A rate without its figures says nothing.
    june = period_figures(Period.month(2021, 6), bureau=default_bureau())
    assert june.centres == ()


@pytest.mark.django_db
def test_an_option_of_another_figure_is_refused_naming_it_and_nothing_is_saved(
    login, figures
):
    definitions, (very, _good, _poor) = figures
    before = set(RateDefinition.objects.values_list("pk", flat=True))
    client = login(BureauAdminFactory(username="bureau_admin"))
    response = admin_add_rate(
        client,
        code="wrong",
        name="错误比率",
        numerator=definitions["bad"].pk,
        numerator_options=[very.pk],
        denominator=definitions["rated"].pk,
    )
    assert response.status_code == 200
    assert (
        OPTION_NOT_OF_DEFINITION.format(option="非常满意", definition="差评")
        in response.content.decode()
    )
    assert set(RateDefinition.objects.values_list("pk", flat=True)) == before
