"""The rating channels (好差评) as one grid (issue 14, "clerk sees a grid"):
definitions with a total that share a breakdown are one grid on the clerk's
form and on the editor's review (a row 总数 then a row per option, a column
per definition); the stated 1至本月累计 inputs sit behind a disclosure that
opens when one of them holds a value or an error."""

import datetime

import pytest
from django.test.html import Element, parse_html
from django.urls import reverse

from submissions.forms import NEGATIVE, NOT_A_NUMBER
from submissions.models import FigureDefinition, FigureValue, MonthlyReport
from submissions.validation.defined import DEFINED_PARTS_EXCEED, DEFINED_REQUIRED
from tests.factories import (
    RATING_CODES,
    MonthlyReportFactory,
    rating_inputs,
    rating_of,
    rating_values,
)

from .test_views_clerk import edit_url, form_data

JUNE = datetime.date(2021, 6, 1)
LEVELS = ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]
FIELDS = [
    "total",
    "very_satisfied",
    "satisfied",
    "basically_satisfied",
    "dissatisfied",
    "very_dissatisfied",
]
HEADERS = [
    "评价等级",
    "纸质评价（条）",
    "网上评价（条）",
    "评价器评价（条）",
    "短信评价（条）",
]


@pytest.fixture
def report(centre):
    return MonthlyReportFactory(centre=centre, month=JUNE, working_days=21)


@pytest.fixture
def clerk_client(login, clerk):
    return login(clerk)


def _elements(node, name: str, **attrs):
    """Every element ``name`` under ``node`` whose attributes include
    ``attrs`` (``class_`` matches one class)."""
    for child in node.children:
        if not isinstance(child, Element):
            continue
        have = dict(child.attributes)
        wanted = {k.rstrip("_"): v for k, v in attrs.items()}
        if child.name == name and all(
            v in (have.get(k) or "").split() if k == "class" else have.get(k) == v
            for k, v in wanted.items()
        ):
            yield child
        yield from _elements(child, name, **attrs)


def _text(node) -> str:
    if isinstance(node, str):
        return node
    return "".join(_text(child) for child in node.children)


def _table(html: str, caption: str):
    """The figure grid under the fieldset or card titled ``caption``."""
    page = parse_html(html)
    for box in [*_elements(page, "fieldset"), *_elements(page, "section")]:
        titles = [*_elements(box, "legend"), *_elements(box, "h2")]
        if titles and _text(titles[0]).strip() == caption:
            (table,) = _elements(box, "table", class_="figure-grid")
            return table
    raise AssertionError(f"no grid titled {caption}")


def _rows(table) -> list[list]:
    """The grid's rows as lists of cells (th and td elements), header first."""
    return [
        [c for c in row.children if isinstance(c, Element)]
        for row in _elements(table, "tr")
    ]


def _by_row(table) -> dict[str, list]:
    """The grid's body rows by their first cell's text: the other cells."""
    return {_text(row[0]).strip(): row[1:] for row in _rows(table)[1:]}


def _input(cell) -> dict:
    (box,) = _elements(cell, "input")
    return dict(box.attributes)


def _channel_ids(report) -> dict[str, int]:
    return dict(
        FigureDefinition.objects.filter(
            bureau_id=report.centre.bureau_id, code__in=RATING_CODES.values()
        ).values_list("name", "pk")
    )


def test_the_four_channels_are_one_grid_on_the_clerks_form(clerk_client, report):
    rating_values(report, "纸质评价", total=1000, very_satisfied=871, dissatisfied=5)
    rating_values(report, "短信评价", total=12, satisfied=12)
    response = clerk_client.get(edit_url(report))
    layout = response.context["entry"].defined.layout()
    (grid,) = [
        b for b in layout if b["kind"] == "grid" and b["breakdown"].name == "评价等级"
    ]
    assert [d.code for d in grid["definitions"]] == list(RATING_CODES.values())
    assert not any(
        b["kind"] == "list" and b["definition"].code in RATING_CODES.values()
        for b in layout
    )
    table = _table(response.content.decode(), "按评价等级填报")
    assert [_text(c).strip() for c in _rows(table)[0]] == HEADERS
    rows = _by_row(table)
    assert list(rows) == ["总数", *LEVELS]
    ids = _channel_ids(report)
    # Each cell is its channel's input for its row, holding the stored figure.
    total = _input(rows["总数"][0])
    assert total["name"] == f"defined-d{ids['纸质评价']}"
    assert total["value"] == "1000"
    assert total["aria-label"] == "纸质评价总数（条）"
    assert _input(rows["总数"][3])["value"] == "12"
    assert _input(rows["非常满意"][0])["value"] == "871"
    assert _input(rows["不满意"][0])["value"] == "5"
    assert _input(rows["满意"][3])["value"] == "12"
    assert _input(rows["满意"][3])["aria-label"] == "短信评价·满意（条）"
    assert "value" not in _input(rows["非常满意"][1])  # 网上评价 states nothing


def test_a_posted_grid_saves_every_cell(clerk_client, report):
    """Every cell of the grid, typed where the page puts it, is saved."""
    page = clerk_client.get(edit_url(report)).content.decode()
    rows = _by_row(_table(page, "按评价等级填报"))
    data = form_data(clerk_client, report)
    typed = {}
    for r, field in enumerate(FIELDS):
        cells = rows["总数" if field == "total" else LEVELS[r - 1]]
        for c, channel in enumerate(RATING_CODES):
            value = 1000 * (c + 1) if field == "total" else 100 * (c + 1) + r
            data[_input(cells[c])["name"]] = f"{value:,}"
            typed[channel, field] = value
    response = clerk_client.post(edit_url(report), data)
    assert response.status_code == 302
    for channel in RATING_CODES:
        stored = vars(rating_of(report, channel))
        assert stored == {f: typed[channel, f] for f in FIELDS}
    assert FigureValue.objects.filter(report=report).count() == 24


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("abc", NOT_A_NUMBER.format(label="网上评价·满意（条）", value="abc")),
        ("-3", NEGATIVE.format(label="网上评价·满意（条）", value="-3")),
    ],
    ids=["letters", "negative"],
)
def test_a_bad_cell_is_refused_beside_it_and_nothing_is_saved(
    clerk_client, report, raw, message
):
    data = form_data(clerk_client, report)
    data.update(rating_inputs(report, "纸质评价", total=10, very_satisfied=10))
    data.update(rating_inputs(report, "网上评价", total=5, satisfied=raw))
    response = clerk_client.post(edit_url(report), data)
    assert response.status_code == 422
    assert message in [m for _k, _i, m in response.context["input_errors"]]
    cell = _by_row(_table(response.content.decode(), "按评价等级填报"))["满意"][1]
    assert _input(cell)["name"] == next(
        k for k in rating_inputs(report, "网上评价", satisfied=0)
    )
    assert "is-invalid" in _input(cell)["class"].split()
    assert message in _text(cell)
    assert not FigureValue.objects.filter(report=report).exists()
    assert rating_of(report, "纸质评价") is None


def test_a_sum_finding_shows_in_its_channels_total_cell(clerk_client, report):
    """Levels above the stated total: the error names the channel and sits
    in the 总数 cell of its column; a required channel left blank is named
    above the grid."""
    FigureDefinition.objects.filter(code="rating_sms").update(required=True)
    rating_values(report, "网上评价", total=10, very_satisfied=8, satisfied=5)
    html = clerk_client.get(edit_url(report)).content.decode()
    (paper, online, *others) = _by_row(_table(html, "按评价等级填报"))["总数"]
    finding = DEFINED_PARTS_EXCEED.format(
        name="网上评价",
        parts="非常满意8条、满意5条",
        sum="13条",
        whole="总数",
        total="10条",
        difference="3条",
    )
    assert finding in _text(online)
    assert not any(finding in _text(c) for c in [paper, *others])
    (fieldset,) = [
        f
        for f in _elements(parse_html(html), "fieldset")
        if any(
            isinstance(c, Element)
            and c.name == "legend"
            and _text(c) == "按评价等级填报"
            for c in f.children
        )
    ]
    sms = _channel_ids(report)["短信评价"]
    (slot,) = _elements(fieldset, "div", id=f"fk-defined-{sms}")
    assert DEFINED_REQUIRED.format(name="短信评价") in _text(slot)


def test_the_review_shows_the_channels_as_one_grid(login, editor, report):
    rating_values(report, "纸质评价", total=1000, very_satisfied=871, satisfied=129)
    rating_values(report, "评价器评价", total=20, very_satisfied=19, dissatisfied=1)
    MonthlyReport.objects.filter(pk=report.pk).update(
        status=MonthlyReport.Status.SUBMITTED
    )
    response = login(editor).get(reverse("submissions:report_review", args=[report.pk]))
    (grid,) = [g for g in response.context["grids"] if g.breakdown == "评价等级"]
    # A channel with no figure has no column; a level with none, no row.
    assert grid.columns == ("纸质评价（条）", "评价器评价（条）")
    assert [(r.name, r.cells) for r in grid.rows] == [
        ("总数", ("1000", "20")),
        ("非常满意", ("871", "19")),
        ("满意", ("129", "")),
        ("不满意", ("", "1")),
    ]
    assert not any(f.code in RATING_CODES.values() for f in response.context["listed"])
    rows = _rows(_table(response.content.decode(), "按评价等级"))
    assert [[_text(c).strip() for c in row] for row in rows] == [
        ["评价等级", "纸质评价（条）", "评价器评价（条）"],
        ["总数", "1000", "20"],
        ["非常满意", "871", "19"],
        ["满意", "129", ""],
        ["不满意", "", "1"],
    ]


def _disclosure(html: str):
    (details,) = _elements(parse_html(html), "details", class_="to-date")
    return details


def test_the_to_date_inputs_are_behind_a_closed_disclosure(clerk_client, report):
    rating_values(report, "纸质评价", total=1000, very_satisfied=871)
    html = clerk_client.get(edit_url(report)).content.decode()
    details = _disclosure(html)
    assert "open" not in dict(details.attributes)
    (summary,) = _elements(details, "summary")
    assert _text(summary).strip() == "1至本月累计（选填）"
    inside = {dict(i.attributes)["name"] for i in _elements(details, "input")}
    ids = _channel_ids(report)
    assert {f"defined-d{pk}_ytd" for pk in ids.values()} <= inside
    assert all(name.endswith("_ytd") for name in inside)
    # Nowhere else: neither in the grid nor beside a listed total.
    for name in inside:
        assert html.count(f'name="{name}"') == 1
    assert list(_by_row(_table(html, "按评价等级填报"))) == ["总数", *LEVELS]


@pytest.mark.parametrize("stated", [5400, 0])
def test_the_disclosure_opens_on_a_stated_to_date(clerk_client, report, stated):
    """A stated 0 is a figure (blank is not): the disclosure opens on it too."""
    ids = _channel_ids(report)
    FigureValue.objects.create(
        report=report,
        definition_id=ids["网上评价"],
        option=None,
        to_date=True,
        value=stated,
    )
    details = _disclosure(clerk_client.get(edit_url(report)).content.decode())
    assert "open" in dict(details.attributes)
    (box,) = [
        dict(i.attributes)
        for i in _elements(details, "input")
        if dict(i.attributes)["name"] == f"defined-d{ids['网上评价']}_ytd"
    ]
    assert box["value"] == str(stated)


def test_the_disclosure_opens_on_a_refused_to_date(clerk_client, report):
    ids = _channel_ids(report)
    data = form_data(clerk_client, report)
    data[f"defined-d{ids['网上评价']}_ytd"] = "abc"
    response = clerk_client.post(edit_url(report), data)
    assert response.status_code == 422
    details = _disclosure(response.content.decode())
    assert "open" in dict(details.attributes)
    message = NOT_A_NUMBER.format(label="网上评价总数·1至本月累计（条）", value="abc")
    assert message in _text(details)
    assert not FigureValue.objects.filter(report=report).exists()
