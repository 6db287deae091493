"""Sentence templates in the sandbox: they place values and choose clauses,
and anything else is refused on save with a Chinese message saying where."""

import pytest

from bulletins.profiles import default_profile, library, shipped_text, spec
from bulletins.profiles.sandbox import TemplateProblem, check_template, render

SAMPLE = library.TRADES


def test_clauses_drop_blanks_and_rules_apply():
    template = (
        '{% filter clauses(lead=period ~ "，", end="。") %}\n'
        "{% if total_count is not none %}交易{{ total_count }}件{% endif %}\n"
        "{% if total_amount %}金额{{ total_amount }}{{ unit }}{% endif %}\n"
        "{% endfilter %}(详见附件)"
    )
    assert (
        render(template, {**SAMPLE, "total_amount": ""})
        == "6月份，交易224件。（详见附件）"
    )
    assert (
        render(template, {**SAMPLE, "total_count": None, "total_amount": ""})
        == "（详见附件）"
    )


@pytest.mark.parametrize(
    ("template", "message", "line"),
    [
        ("{{ totl }}", "未知的数值“totl”", 1),
        ("第一行\n{{ words.county }}", "未知的数值“words.county”", 2),
        ("{% for g in groups %}{{ g.price }}{% endfor %}", "未知的数值“g.price”", 1),
        ("{{ ''.__class__ }}", "不允许访问“__class__”", 1),
        ("{{ groups.__class__.__mro__ }}", "不允许访问", 1),
        ("{{ total_count * 2 }}", "不允许使用“Mul”", 1),
        ("{{ total_count + 1 }}", "不允许使用“Add”", 1),
        ("{{ unit.upper() }}", "不允许使用“Call”", 1),
        ("{{ range(10) }}", "不允许使用“Call”", 1),
        ("{{ groups[0] }}", "不允许使用“Getitem”", 1),
        ('{% include "base.html" %}', "不允许使用“Include”", 1),
        ('{% import "x" as y %}', "不允许使用“Import”", 1),
        ("{% macro m() %}x{% endmacro %}", "不允许使用“Macro”", 1),
        ('{{ unit | attr("upper") }}', "未知的过滤器“attr”", 1),
        ("{{ unit | format }}", "未知的过滤器“format”", 1),
        ("\n\n{% if total_count %}", "模板语法错误", 3),
        ("{{ cycler }}", "未知的数值“cycler”", 1),
    ],
)
def test_hostile_or_wrong_templates_are_refused_with_their_line(
    template, message, line
):
    with pytest.raises(TemplateProblem) as refused:
        check_template(template, SAMPLE)
    assert message in refused.value.message
    assert refused.value.line == line


def test_a_template_too_long_is_refused():
    with pytest.raises(TemplateProblem, match="模板过长"):
        check_template("件" * 1_000_000, SAMPLE)


@pytest.mark.parametrize(
    "name", ["haidong-monthly", "haidong-quarterly", "haixi-monthly"]
)
def test_the_shipped_profiles_are_valid_and_written_canonically(name):
    text = shipped_text(name)
    assert spec.dump(spec.load(text)) == text
    if name == "haidong-monthly":
        assert spec.load(text) == default_profile()


def test_a_caller_changing_the_shipped_profile_changes_no_one_elses():
    """The parsed file is cached; each caller gets a copy of its own."""
    mine = default_profile()
    mine["attachments"].clear()
    mine["blocks"][0]["heading"] = "改写"
    assert default_profile() == spec.load(shipped_text("haidong-monthly"))
    assert default_profile()["attachments"]


def _profile_with(**changes):
    data = spec.load(shipped_text("haidong-monthly"))
    data.update(changes)
    return data


def test_validation_names_the_block_and_template_in_chinese():
    data = _profile_with()
    trades = data["blocks"][0]["blocks"][0]["blocks"][1]
    trades["template"] = "{{ period }}，交易{{ total_cuont }}件。"
    with pytest.raises(spec.ProfileError) as refused:
        spec.validate(data)
    assert refused.value.problems == [
        "块“公共资源交易情况”的模板“template”第1行：未知的数值“total_cuont”"
    ]


def test_validation_refuses_unknown_blocks_fields_and_units():
    data = _profile_with(units={"amount": "美元"}, colour="red")
    data["blocks"].append({"kind": "weather"})
    with pytest.raises(spec.ProfileError) as refused:
        spec.validate(data)
    text = "\n".join(refused.value.problems)
    assert "未知的字段“colour”" in text
    assert "金额单位：应为元、万元、亿元之一" in text
    assert "未知的块“weather”" in text


def test_a_template_failing_on_a_blank_figure_in_a_list_is_refused():
    template = (
        "{% for g in groups %}{% if g.count > 0 %}{{ g.name }}{% endif %}{% endfor %}"
    )
    with pytest.raises(TemplateProblem, match="模板无法生成句子"):
        check_template(template, SAMPLE)
    check_template(
        "{% for g in groups %}{% if g.count %}{{ g.name }}{% endif %}{% endfor %}",
        SAMPLE,
    )
