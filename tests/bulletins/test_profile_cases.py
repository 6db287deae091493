"""The case figures are the ones the profile names (``cases``): a bureau whose
受理/办结/正在办理 definitions have other codes prints the same summary, the
same hall categories and the same open data once its profile names them, with
no code change; a profile naming none states no case figures."""

import copy
import datetime

import pytest

from bulletins.periods import Period
from bulletins.profiles import default_profile, spec
from bulletins.profiles.panel import printed_apart
from submissions.models import Centre, FigureDefinition, MonthlyReport
from tests.factories import MonthlyReportFactory, compose_june, default_bureau

pytestmark = pytest.mark.django_db

JUNE = Period.month(2021, 6)
APPROVED = MonthlyReport.Status.APPROVED
RENAMED = {"accepted": "shouli", "completed": "banjie", "in_progress": "zaiban"}


def _profile(cases):
    """The shipped profile naming ``cases``; its figures paragraph, which
    skips the figures printed above it by code, skips these codes instead."""
    profile = copy.deepcopy(default_profile())
    profile["cases"] = cases
    text = spec.dump(profile)
    for role, code in cases.items():
        text = text.replace(f'"cases_{role}"', f'"{code}"')
    return spec.load(text)


@pytest.fixture
def reports():
    bureau = default_bureau()
    hall = Centre.objects.create(
        bureau=bureau, name="市级大厅", short_name="大厅", kind=Centre.Kind.HALL
    )
    pingan = Centre.objects.create(
        bureau=bureau,
        name="平安区政务服务中心",
        short_name="平安区",
        kind=Centre.Kind.DISTRICT,
        order=10,
    )
    MonthlyReportFactory(
        centre=hall,
        month=JUNE.start,
        status=APPROVED,
        categories={"行政许可事项": (2476, 2476), "公共服务事项": (8027, 8027)},
    )
    MonthlyReportFactory(
        centre=pingan,
        month=datetime.date(2021, 5, 1),
        status=APPROVED,
        accepted_total=24236,
    )
    MonthlyReportFactory(
        centre=pingan,
        month=JUNE.start,
        status=APPROVED,
        accepted_total=29447,
        completed_total=29447,
        in_progress_total=3,
        working_days=29,
    )


def _paragraphs(document):
    """Every paragraph's text, in order."""

    def walk(blocks):
        for block in blocks:
            if hasattr(block, "blocks"):
                yield from walk(block.blocks)
            else:
                yield block.text

    return list(walk(document.sections))


CASE_KEYS = ("accepted", "completed", "in_progress", "previous_accepted")


def _cases(units):
    """The case figures of units' open data (their ``figures`` carry codes)."""
    return [
        (
            [unit[key] for key in (*CASE_KEYS, "daily_average", "completion_rate")],
            [unit["year_to_date"][key] for key in ("accepted", "completed")],
        )
        for unit in units
    ]


def test_other_codes_print_the_same_once_the_profile_names_them(reports):
    shipped = compose_june(default_profile())
    text = "\n".join(_paragraphs(shipped))
    assert "行政许可事项、公共服务事项共计10503件" in text
    assert "共受理各类事项29447件，较5月份的24236件增加了5211件" in text
    assert "正在办理3件" in text

    for role, code in RENAMED.items():
        FigureDefinition.objects.filter(code=f"cases_{role}").update(code=code)
    renamed = compose_june(_profile(RENAMED))
    assert _paragraphs(renamed) == _paragraphs(shipped)
    assert _cases(renamed.figures["centres"]) == _cases(shipped.figures["centres"])
    assert _cases(shipped.figures["centres"]) == [
        ([29447, 29447, 3, 24236, 1015, "100%"], [53683, 29447])
    ]
    assert (
        renamed.figures["hall"]["categories"] == shipped.figures["hall"]["categories"]
    )

    # The shipped profile names codes this bureau no longer has: no summary
    # is made up, and the figures are printed as any other definition's.
    stale = "\n".join(_paragraphs(compose_june(default_profile())))
    assert "共受理各类事项" not in stale
    assert "受理29447件。办结29447件。正在办理3件。" in stale


def test_a_profile_naming_no_cases_states_none(reports):
    document = compose_june(_profile({}))
    assert "共受理各类事项" not in "\n".join(_paragraphs(document))
    assert document.figures["centres"][0]["accepted"] is None
    assert document.figures["hall"]["categories"] == []


def test_the_case_codes_are_left_to_the_summary_by_the_profile():
    assert {"shouli", "banjie", "zaiban"} <= printed_apart(_profile(RENAMED))
    assert "cases_accepted" not in printed_apart(_profile(RENAMED))
    assert not {"cases_accepted", "shouli"} & printed_apart(_profile({}))


def test_the_profile_file_names_the_cases_and_refuses_unknown_ones():
    profile = _profile(RENAMED)
    assert spec.load(spec.dump(profile))["cases"] == RENAMED
    assert _profile({})["cases"] == {"accepted": "", "completed": "", "in_progress": ""}
    with pytest.raises(spec.ProfileError) as error:
        _profile({"accepted": 5, "handled": "x"})
    assert sorted(error.value.problems) == [
        "办件指标“受理”：应为文字",
        "办件指标：未知的字段“handled”",
    ]
    with pytest.raises(spec.ProfileError, match="办件指标：应为一组字段"):
        _profile("cases_accepted")


def test_the_profile_lists_the_charted_figures_once_each():
    profile = copy.deepcopy(default_profile())
    assert profile["charts"] == ["hotline_received"]
    profile["charts"] = [" consult ", "hotline_received"]
    assert spec.validate(profile)["charts"] == ["consult", "hotline_received"]
    profile["charts"] = [5, "consult", "consult"]
    with pytest.raises(spec.ProfileError) as error:
        spec.validate(profile)
    assert error.value.problems == [
        "趋势图指标第1项：应为指标代码",
        "趋势图指标第3项：“consult”重复",
    ]
    profile["charts"] = "consult"
    with pytest.raises(spec.ProfileError, match="趋势图指标：应为指标代码的列表"):
        spec.validate(profile)
