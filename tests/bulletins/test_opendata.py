import csv
import datetime
import io
import json

import pytest
from openpyxl import load_workbook

from bulletins.document import Attachment, Cell, Column, Document, Table
from tests.factories import PublishedIssueFactory, issue_url, sample_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue():
    table = Table(
        columns=[
            Column("序号", key="number"),
            Column("交易类型", "left", key="category"),
            Column("交易项目数（个）", "right", key="count"),
            Column("交易金额（亿元）", "right", key="amount_yi"),
        ],
        rows=[
            [Cell("1", 1), Cell("房屋建筑"), Cell("8", 8), Cell("0.8934", "0.8934")],
            [Cell("2", 2), Cell("公路"), Cell("", None), Cell("", None)],
        ],
        totals=[Cell("合计"), Cell(""), Cell("8", 8), Cell("0.8934", "0.8934")],
    )
    base = sample_document(figures={"hall": {"accepted": 10503, "completed": 10503}})
    document = Document(
        **{
            **base.__dict__,
            "attachments": [
                Attachment(
                    "附件2", "公共资源交易进场交易情况统计表", table, key="trades"
                )
            ],
        }
    )
    return PublishedIssueFactory(
        number=63, period_start=datetime.date(2021, 6, 1), snapshot=document.to_dict()
    )


def test_csv_has_a_bom_and_one_figure_a_row(client, issue):
    response = client.get(issue_url(63, "data.csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["期号", "表格", "行", "指标", "单位", "数值", "显示文本"]
    assert [
        "63",
        "公共资源交易进场交易情况统计表",
        "房屋建筑",
        "交易金额（亿元）",
        "亿元",
        "0.8934",
        "0.8934",
    ] in rows
    # A blank stays blank, it is not written as 0.
    assert [
        "63",
        "公共资源交易进场交易情况统计表",
        "公路",
        "交易项目数（个）",
        "个",
        "",
        "",
    ] in rows
    # for people: no machine keys (those are in the JSON only)
    assert not [row for row in rows if "figures" in row or "hall.accepted" in row]


def test_xlsx_opens_with_openpyxl(client, issue):
    response = client.get(issue_url(63, "data.xlsx"))
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["公共资源交易进场交易情况统计表"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][:4] == ("序号", "交易类型", "交易项目数（个）", "交易金额（亿元）")
    assert values[2][2] == 8 and float(values[2][3]) == pytest.approx(0.8934)
    assert values[3][2] is None
    assert "指标" not in book.sheetnames  # machine keys only in the JSON
    info = dict(book["说明"].iter_rows(values_only=True))
    assert info["期号"] == 63 and info["报告期"] == "2021年6月"
    assert "JSON" in info["数据说明"]
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            assert not [v for v in row if v in ("True", "False") or isinstance(v, bool)]


def test_values_for_people():
    from bulletins.opendata import for_people, unit_of

    assert (for_people(True), for_people(False), for_people(None)) == ("是", "否", "")
    assert for_people(0) == 0
    assert unit_of("交易金额（亿元）") == "亿元" and unit_of("交易类型") == ""


def test_json_has_figures_and_tables(client, issue):
    response = client.get(issue_url(63, "data.json"))
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["issue"]["number"] == 63 and data["issue"]["period"] == "2021-06"
    assert data["figures"] == {"hall": {"accepted": 10503, "completed": 10503}}
    (table,) = data["tables"]
    assert table["key"] == "trades"
    assert table["rows"][0]["amount_yi"] == {"value": "0.8934", "text": "0.8934"}
    assert table["rows"][1]["count"] == {"value": None, "text": ""}
    assert table["totals"]["count"]["value"] == 8


def test_unknown_format_is_404(client, issue):
    assert client.get(issue_url(63, "data.txt")).status_code == 404


def _conforms(value, schema, root, path="$"):
    """The parts of JSON Schema that docs/opendata.schema.json uses."""
    if "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    kinds = schema.get("type")
    kinds = [kinds] if isinstance(kinds, str) else kinds or []
    python = {
        "object": dict,
        "array": list,
        "string": str,
        "integer": int,
        "null": type(None),
    }
    if kinds:
        assert any(isinstance(value, python[k]) for k in kinds), (path, value)
    if isinstance(value, dict):
        for key in schema.get("required", []):
            assert key in value, (path, key)
        for key, item in value.items():
            sub = schema.get("properties", {}).get(key) or schema.get(
                "additionalProperties"
            )
            if isinstance(sub, dict):
                _conforms(item, sub, root, f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for n, item in enumerate(value):
            _conforms(item, schema["items"], root, f"{path}[{n}]")


def test_json_follows_the_documented_schema(client, issue):
    from pathlib import Path

    from django.conf import settings

    schema = json.loads(
        (Path(settings.BASE_DIR) / "docs" / "opendata.schema.json").read_text()
    )
    data = json.loads(client.get(issue_url(63, "data.json")).content)
    _conforms(data, schema, schema)
