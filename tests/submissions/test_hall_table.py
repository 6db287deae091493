"""The hall's department table (附件1) as figure definitions: the generic
pieces it needed — ``sums_to`` (found from the definitions, renames and all),
per-option notes with history, and the profile's figure table."""

import copy
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bulletins.profiles import default_profile
from bulletins.profiles.spec import ProfileError, validate
from submissions.definitions import SUMS_TO_OPTION_OTHER, SUMS_TO_WITHOUT_BREAKDOWN
from submissions.history import field_history
from submissions.models import (
    BreakdownOption,
    FigureDefinition,
    FigureValue,
    MonthlyReport,
    OptionNote,
)
from submissions.validation import validate_report
from tests.factories import (
    ClerkFactory,
    HallFactory,
    compose_june,
    default_bureau,
    department,
    department_inputs,
    department_values,
)
from tests.submissions.test_views_clerk import form_data

JUNE = datetime.date(2021, 6, 1)
pytestmark = pytest.mark.django_db


def _accepted_by_category():
    """The city pack's 受理 by case category, and the hall's licensing column
    summing to its 行政许可事项 (the pack's link, as ``submissions/0025`` sets
    it for existing bureaus)."""
    bureau = default_bureau()
    accepted = FigureDefinition.objects.get(bureau=bureau, code="cases_accepted")
    licensing = accepted.breakdown.options.get(name="行政许可事项")
    column = FigureDefinition.objects.get(bureau=bureau, code="hall_licensing_accepted")
    assert (column.sums_to, column.sums_to_option) == (accepted, licensing)
    column.full_clean()
    return accepted, licensing, column


def _sums_to(report):
    return [f for f in validate_report(report) if f.rule == "defined_sums_to"]


def test_sums_to_is_found_from_the_definitions_and_survives_renames():
    accepted, licensing, column = _accepted_by_category()
    report = MonthlyReport.objects.create(centre=HallFactory(), month=JUNE)
    department_values(
        report, department("市烟草局"), licensing_accepted=99, service_accepted=0
    )
    department_values(report, department("区公安局"), licensing_accepted=2078)
    FigureValue.objects.create(
        report=report, definition=accepted, option=licensing, value=2476
    )
    (finding,) = _sums_to(report)
    assert finding.message == (
        "“行政许可事项受理”各分项合计2177件，与“受理”行政许可事项2476件不一致，"
        "相差299件。"
    )
    assert finding.field == f"defined[{accepted.pk}].option[{licensing.pk}]"

    # Renamed category, option and column: the rule still holds them together.
    licensing.name = "许可类事项"
    licensing.save()
    accepted.name = "受理件数"
    accepted.save()
    column.name = "窗口许可受理"
    column.save()
    (finding,) = _sums_to(report)
    assert finding.message == (
        "“窗口许可受理”各分项合计2177件，与“受理件数”许可类事项2476件不一致，"
        "相差299件。"
    )
    # Equal sums: nothing to explain.
    FigureValue.objects.filter(definition=accepted).update(value=2177)
    assert _sums_to(report) == []


def test_sums_to_needs_a_breakdown_and_an_option_of_the_target():
    accepted, licensing, column = _accepted_by_category()
    plain = FigureDefinition.objects.create(
        bureau=default_bureau(), code="consult", name="咨询"
    )
    plain.sums_to = accepted
    with pytest.raises(ValidationError) as refused:
        plain.full_clean()
    assert refused.value.message_dict["sums_to"] == [SUMS_TO_WITHOUT_BREAKDOWN]
    column.sums_to_option = BreakdownOption.objects.filter(
        breakdown__name="窗口单位"
    ).first() or department("市公安局")
    with pytest.raises(ValidationError) as refused:
        column.full_clean()
    assert refused.value.message_dict["sums_to_option"] == [
        SUMS_TO_OPTION_OTHER.format(option=column.sums_to_option.name, name="受理")
    ]


def test_a_note_is_saved_changed_and_cleared_with_its_history(login):
    hall = HallFactory()
    police = department("市公安局")
    client = login(ClerkFactory(username="hall_clerk", centre=hall))
    report = MonthlyReport.objects.create(centre=hall, month=JUNE)
    url = reverse("submissions:report_edit", args=[report.pk])
    for note in ("含补录", "含补录及更正", ""):
        data = form_data(client, report)
        data.update(department_inputs(report, police, licensing_accepted=1, note=note))
        assert client.post(url, data).status_code == 302
    assert not OptionNote.objects.filter(report=report).exists()
    notes = [c for c in field_history(report) if c.section == "备注·市公安局"]
    assert [(c.old_text, c.new_text) for c in notes] == [  # newest first
        ("含补录及更正", "（空）"),
        ("含补录", "含补录及更正"),
        ("（空）", "含补录"),
    ]


def test_a_note_longer_than_its_column_is_refused_naming_the_unit(login):
    hall = HallFactory()
    police = department("市公安局")
    client = login(ClerkFactory(username="hall_clerk", centre=hall))
    report = MonthlyReport.objects.create(centre=hall, month=JUNE)
    data = form_data(client, report)
    data.update(
        department_inputs(report, police, licensing_accepted=1, note="长" * 201)
    )
    response = client.post(reverse("submissions:report_edit", args=[report.pk]), data)
    assert response.status_code == 422
    assert any("市公安局·备注" in m for _k, _i, m in response.context["input_errors"])
    assert not OptionNote.objects.exists()


def _approved_hall_table():
    report = MonthlyReport.objects.create(
        centre=HallFactory(), month=JUNE, status=MonthlyReport.Status.APPROVED
    )
    department_values(
        report,
        department("市公安局", order=1),
        service_accepted=1687,
        service_completed=1600,
        note="含补录",
    )
    department_values(report, department("市烟草局", order=2), licensing_accepted=99)


def test_a_figure_table_prints_the_columns_a_profile_names():
    """A profile's own figure table: other columns, in its order, no code."""
    _approved_hall_table()
    profile = copy.deepcopy(default_profile())
    (table_spec,) = [a for a in profile["attachments"] if a["kind"] == "figure_table"]
    table_spec["columns"] = [
        {"key": "option", "label": "窗口"},
        {"figure": "hall_service_completed", "label": "公共服务办结"},
        {"rate": "hall_service_rate", "label": "办结率（%）"},
        {"key": "number", "label": "序号"},
        {"key": "note", "label": "备注"},
    ]
    profile = validate(profile)
    table = compose_june(profile).attachments[0].table
    assert [c.label for c in table.columns] == [
        "窗口",
        "公共服务办结",
        "办结率（%）",
        "序号",
        "备注",
    ]
    assert [[c.text for c in row] for row in table.rows] == [
        ["市公安局", "1600", "94.84", "1", "含补录"],
        ["市烟草局", "", "", "2", ""],
    ]


@pytest.mark.parametrize(
    "columns",
    [
        [],
        [{"label": "x"}],
        [{"key": "number", "figure": "hall_service_accepted", "label": "x"}],
        [{"key": "department", "label": "单位"}],
        [{"figure": "hall_service_accepted", "label": "x", "width": 3}],
    ],
)
def test_a_figure_table_column_names_one_source(columns):
    profile = copy.deepcopy(default_profile())
    (table_spec,) = [a for a in profile["attachments"] if a["kind"] == "figure_table"]
    table_spec["columns"] = columns
    with pytest.raises(ProfileError):
        validate(profile)


def test_the_preview_leaves_the_tabled_figures_to_the_table():
    """“按公报口径显示” prints what the issue prints: the hall's window units
    are 附件1's, not a paragraph of the hall's."""
    from bulletins.profiles.panel import report_paragraphs
    from submissions.validation import ReportFigures
    from tests.factories import department_figures

    figures = ReportFigures(
        month=JUNE,
        centre_name="海东市行政服务和公共资源交易中心",
        centre_short_name="市级大厅",
        centre_kind="hall",
        defined=department_figures((1, "市公安局", None, None, 1687, 1687)),
    )
    texts = report_paragraphs(figures, default_profile(), rates=())
    assert "市公安局" not in "".join(texts.values())


def test_the_printed_rows_leave_the_tabled_figures_to_the_table():
    """The review's “按公报口径显示” lists no sentence of a figure that the
    issue prints only in 附件1 (the grid below shows them)."""
    from submissions.derived import printed
    from submissions.validation import ReportFigures
    from tests.factories import department_figures

    figures = ReportFigures(
        month=JUNE,
        centre_name="海东市行政服务和公共资源交易中心",
        centre_short_name="市级大厅",
        centre_kind="hall",
        defined=department_figures((1, "市公安局", None, None, 1687, 1687)),
    )
    profile = copy.deepcopy(default_profile())
    rows = [row for s in printed(figures, profile, rates=()) for row in s.rows]
    assert not any("市公安局" in str(row) for row in rows)
    # Without the figure table, the same figures are stated row by row.
    profile["attachments"] = []
    rows = [row for s in printed(figures, profile, rates=()) for row in s.rows]
    assert any("市公安局1687件" in str(row) for row in rows)
