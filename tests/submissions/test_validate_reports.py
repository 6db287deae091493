"""validate_reports: every finding of a month, as text by centre or as JSON."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command

from submissions.models import RateDefinition
from tests.factories import (
    CentreFactory,
    MonthlyReportFactory,
    case_values,
    hotline_values,
)

JUNE = datetime.date(2021, 6, 1)


@pytest.fixture
def june_reports(db):
    """Three centres, created out of display order: one error, one warning, clean."""
    xunhua = CentreFactory(name="循化县政务服务中心", short_name="循化县", order=40)
    pingan = CentreFactory(name="平安区政务服务中心", short_name="平安区", order=10)
    minhe = CentreFactory(
        name="民和县政务服务监督管理局", short_name="民和县", order=50
    )
    case_values(
        MonthlyReportFactory(centre=xunhua),
        accepted_total=22279,
        categories={"行政许可事项": (4202, None), "公共服务事项": (10731, None)},
    )
    report = case_values(
        MonthlyReportFactory(centre=pingan, status="submitted"),
        accepted_total=100,
        completed_total=80,
    )
    hotline_values(report, received=268, completed=270)
    case_values(
        MonthlyReportFactory(centre=minhe),
        accepted_total=31551,
        completed_total=31551,
    )
    # Another month's report is not listed.
    case_values(
        MonthlyReportFactory(centre=minhe, month=datetime.date(2021, 5, 1)),
        accepted_total=-1,
    )


def run(capsys, *args):
    call_command("validate_reports", *args)
    return capsys.readouterr().out


def test_text_output_groups_findings_by_centre_in_display_order(june_reports, capsys):
    out = run(capsys, "--month", "2021-06")
    assert out.splitlines() == [
        "平安区政务服务中心（已提交）",
        "  [错误] defined_exceeds_bound："
        "“12345热线办结”270件，超过“12345热线受理”268件，多2件。",
        "  [预警] rate_below_minimum：“办结率”80%（“办结”80件，“受理”100件），"
        "低于下限90%。",
        "循化县政务服务中心（草稿）",
        "  [预警] defined_parts_sum：“受理”各分项（行政许可事项4202件、"
        "公共服务事项10731件）合计14933件，与总数22279件不一致，相差7346件。",
        "民和县政务服务监督管理局（草稿）",
        "  未发现问题。",
        "共3份月报：错误1项，预警2项。",
    ]


def test_json_output_lists_every_finding(june_reports, capsys):
    rows = json.loads(run(capsys, "--month", "2021-06", "--format", "json"))
    assert rows == [
        {
            "centre": "平安区政务服务中心",
            "period": "2021年6月",
            "rule": "defined_exceeds_bound",
            "level": "error",
            "message": "“12345热线办结”270件，超过“12345热线受理”268件，多2件。",
        },
        {
            "centre": "平安区政务服务中心",
            "period": "2021年6月",
            "rule": "rate_below_minimum",
            "level": "warning",
            "message": "“办结率”80%（“办结”80件，“受理”100件），低于下限90%。",
        },
        {
            "centre": "循化县政务服务中心",
            "period": "2021年6月",
            "rule": "defined_parts_sum",
            "level": "warning",
            "message": "“受理”各分项（行政许可事项4202件、公共服务事项10731件）合计"
            "14933件，与总数22279件不一致，相差7346件。",
        },
    ]


def test_json_output_of_a_month_without_findings(june_reports, capsys):
    assert json.loads(run(capsys, "--month", "2021-04", "--format", "json")) == []


def test_the_rates_minimum_changes_the_output(june_reports, capsys):
    RateDefinition.objects.filter(code="cases_completion").update(minimum=80)
    out = run(capsys, "--month", "2021-06")
    assert "rate_below_minimum" not in out
    assert out.splitlines()[-1] == "共3份月报：错误1项，预警1项。"


def test_a_month_without_reports(db, capsys):
    assert run(capsys, "--month", "2021-06") == "2021年6月没有任何月报。\n"


def test_a_single_digit_month_is_accepted(june_reports, capsys):
    assert run(capsys, "--month", "2021-6") == run(capsys, "--month", "2021-06")


@pytest.mark.parametrize("value", ["2021/06", "202106", "2021-13", "2021-00", "六月"])
def test_a_malformed_month_is_refused_in_chinese(db, value):
    with pytest.raises(CommandError) as raised:
        call_command("validate_reports", "--month", value)
    assert str(raised.value) == f"月份格式应为“YYYY-MM”，如“2021-06”，收到“{value}”。"


@pytest.mark.parametrize("value", ["9999-12", "0001-01", "1999-12"])
def test_a_month_out_of_range_is_refused_in_chinese(db, value):
    with pytest.raises(CommandError, match=f"月份“{value}”超出范围：应在2000年1月至"):
        call_command("validate_reports", "--month", value)


def test_the_month_is_required(db):
    with pytest.raises(CommandError, match="--month"):
        call_command("validate_reports")
