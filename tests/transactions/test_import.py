"""Importing trades: formats, encodings, every bad row, idempotence, all-or-nothing."""

import datetime
import io
from decimal import Decimal
from unittest import mock

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.factories import TradeFactory, default_bureau, trade_category
from transactions import resources as r
from transactions.formats import TradeCSV, TradeXLSX
from transactions.management.commands.import_trades import Command as ImportTrades
from transactions.models import Trade
from transactions.resources import TradeResource
from transactions.services import trades_import

HEADER = ["项目编号", "项目名称", "交易类型", "成交日期", "成交金额（元）", "备注"]
# The optional trade measures (DESIGN 5.4) an export carries after the header.
MEASURES = ["预算金额（元）", "底价（元）", "交易场所"]
GOOD = [
    ["HD-001", "平安区道路改造工程", "市政", "2021-06-03", "58270000.00", ""],
    ["HD-002", "乐都区综合楼", "房屋建筑", "2021/6/4", "1,234.5", "二标段"],
    [
        "HD-003",
        "互助县国有土地使用权",
        "土地使用权出让",
        "2021年6月5日",
        "359110000",
        "",
    ],
    ["HD-004", "采矿权出让", "采矿(探矿)权出让", "2021-06-06", "0", ""],
]


def csv_bytes(rows, header=HEADER, encoding="utf-8") -> bytes:
    lines = [",".join(header)] + [",".join(f'"{c}"' for c in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(rows, header=HEADER) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(data: bytes, name="trades.csv", **kwargs):
    return trades_import(
        bureau=default_bureau(),
        source=io.BytesIO(data),
        name=name,
        size=len(data),
        **kwargs,
    )


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "gb18030"], ids=["utf8", "bom", "gb18030"]
)
def test_csv_in_every_encoding_imports(db, encoding):
    summary = run(csv_bytes(GOOD, encoding=encoding))
    assert summary.ok, summary.problems
    assert (summary.created, summary.updated, summary.unchanged) == (4, 0, 0)
    land = Trade.objects.get(code="HD-003")
    assert land.category == trade_category("land")  # matched by its sentence name
    assert land.date == datetime.date(2021, 6, 5)
    assert land.amount == Decimal("359110000.00")
    assert Trade.objects.get(code="HD-002").amount == Decimal("1234.50")
    assert Trade.objects.get(code="HD-002").notes == "二标段"
    # The platform's half-width parentheses still find 采矿（探矿）权出让.
    assert Trade.objects.get(code="HD-004").category == trade_category("mining")


def test_xlsx_with_native_cells_imports(db):
    rows = [
        ["HD-101", "水利工程", "水利", datetime.datetime(2021, 6, 8), 51280000.1],
        [20210602, "数字编号", "政府采购", datetime.date(2021, 6, 9), 144000000],
    ]
    summary = run(xlsx_bytes(rows, HEADER[:5]), name="trades.xlsx")
    assert summary.ok, summary.problems
    assert Trade.objects.get(code="HD-101").amount == Decimal("51280000.10")
    assert Trade.objects.get(code="20210602").category == trade_category("procurement")
    assert Trade.objects.get(code="20210602").notes == ""


def test_importing_the_same_file_twice_changes_nothing(db):
    data = xlsx_bytes(GOOD)
    run(data, name="t.xlsx")
    before = list(Trade.objects.values_list("code", "name", "amount", "date"))
    history = Trade.history.count()
    summary = run(data, name="t.xlsx")
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 4)
    assert list(Trade.objects.values_list("code", "name", "amount", "date")) == before
    assert Trade.history.count() == history


def test_a_changed_row_updates_its_trade(db):
    run(csv_bytes(GOOD))
    changed = [row[:] for row in GOOD]
    changed[1][4] = "2000"
    changed[1][2] = "市政"
    summary = run(csv_bytes(changed))
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 3)
    trade = Trade.objects.get(code="HD-002")
    assert (trade.amount, trade.category.label) == (Decimal("2000.00"), "市政")
    assert trade.history.first().history_change_reason == r.IMPORT_CHANGE_REASON


def test_import_records_history_with_the_user(db, editor):
    run(csv_bytes(GOOD[:1]), user=editor)
    record = Trade.history.get(code="HD-001")
    assert record.history_type == "+" and record.history_user == editor


BAD_ROWS = [
    (["B-1", "x", "火星", "2021-06-01", "1", ""], "交易类型“火星”不存在"),
    (["B-2", "x", "市政", "2021-13-01", "1", ""], "成交日期“2021-13-01”无法识别"),
    (["B-3", "x", "市政", "六月", "1", ""], "成交日期“六月”无法识别"),
    (["B-4", "x", "市政", "2021-06-01", "一百万", ""], "成交金额“一百万”不是数字"),
    (["B-5", "x", "市政", "2021-06-01", "-5", ""], "成交金额不能为负数（收到 -5）"),
    (["B-6", "x", "市政", "2021-06-01", "1.234", ""], "超过两位小数"),
    (["", "x", "市政", "2021-06-01", "1", ""], "缺少“项目编号”"),
    (["B-8", "", "市政", "2021-06-01", "1", ""], "缺少“项目名称”"),
    (["B-9", "x", "", "2021-06-01", "1", ""], "缺少“交易类型”"),
    (["B-10", "x", "市政", "", "1", ""], "缺少“成交日期”"),
    (["B-11", "x", "市政", "2021-06-01", "", ""], "缺少“成交金额（元）”"),
    (
        ["HD-001", "重复", "市政", "2021-06-01", "1", ""],
        "项目编号“HD-001”在文件中重复（第2行已出现）",
    ),
]


@pytest.mark.parametrize(("row", "message"), BAD_ROWS, ids=[m for _, m in BAD_ROWS])
@pytest.mark.parametrize("name", ["t.csv", "t.xlsx"])
def test_every_bad_row_is_reported_and_nothing_is_saved(db, row, message, name):
    rows = [*GOOD, row]
    data = csv_bytes(rows) if name.endswith(".csv") else xlsx_bytes(rows)
    summary = run(data, name=name)
    assert not summary.ok and summary.rejected == 1
    problem = summary.problems[0]
    assert problem.row == 6  # header row 1, four good rows, then this one
    assert message in str(problem)
    assert str(problem).startswith("第6行：")
    assert not Trade.objects.exists()
    assert (summary.created, summary.updated) == (0, 0)


def test_all_bad_rows_are_reported_not_only_the_first(db, monkeypatch):
    monkeypatch.setattr("transactions.services.CHUNK_ROWS", 2)  # across chunks
    rows = [
        *GOOD,
        BAD_ROWS[0][0],
        *[[f"OK-{n}", "x", "市政", "2021-06-01", "1", ""] for n in range(3)],
        BAD_ROWS[4][0],
        GOOD[0],
    ]
    summary = run(csv_bytes(rows))
    assert [p.row for p in summary.problems] == [6, 10, 11]
    assert "第2行已出现" in str(summary.problems[2])
    assert not Trade.objects.exists()


def test_a_bad_row_in_a_reimport_leaves_earlier_data_untouched(db):
    run(csv_bytes(GOOD))
    changed = [row[:] for row in GOOD]
    changed[0][4] = "1"
    summary = run(csv_bytes([*changed, BAD_ROWS[0][0]]))
    assert not summary.ok
    assert Trade.objects.get(code="HD-001").amount == Decimal("58270000.00")


def test_missing_columns_are_refused(db):
    summary = run(csv_bytes([["A", "x"]], header=["项目编号", "项目名称"]))
    assert not summary.ok
    assert "表头缺少列：交易类型、成交日期、成交金额（元）" in summary.file_errors[0]


def test_half_width_header_parentheses_are_accepted(db):
    header = [*HEADER[:4], "成交金额(元)", "备注"]
    assert run(csv_bytes(GOOD, header=header)).ok


def test_blank_rows_are_skipped_and_row_numbers_stay_the_sheets(db):
    data = (
        csv_bytes(GOOD[:1])
        + b",,,,,\r\n\r\n"
        + csv_bytes([BAD_ROWS[0][0]])[len(",".join(HEADER).encode()) + 2 :]
    )
    summary = run(data)
    assert [p.row for p in summary.problems] == [5]


def test_the_size_limit_is_enforced_before_parsing(db, settings):
    settings.UPLOAD_MAX_BYTES = 100
    data = csv_bytes(GOOD)
    with mock.patch("transactions.services.open_sheet") as opened:
        summary = run(data)
    opened.assert_not_called()
    assert summary.file_errors == [f"文件过大：{len(data)}字节，上限为100字节。"]


def test_unsupported_format_and_garbage_are_refused(db):
    assert "不支持的文件格式" in run(b"x", name="t.txt").file_errors[0]
    assert "无法读取文件" in run(b"not a zip", name="t.xlsx").file_errors[0]


def test_dry_run_saves_nothing_but_counts(db):
    summary = run(csv_bytes(GOOD), dry_run=True)
    assert summary.ok and summary.created == 4
    assert not Trade.objects.exists()


@pytest.mark.parametrize("fmt", [TradeXLSX, TradeCSV])
def test_an_export_reimports_unchanged(db, fmt):
    TradeFactory(code="E-1", name="含,逗号的“项目”", amount=Decimal("0.01"))
    TradeFactory(code="E-2", category=trade_category("land"), notes="多行\n备注")
    TradeFactory(code="E-3", category=trade_category("engineering-other"))
    dataset = TradeResource(bureau=default_bureau()).export()
    assert dataset.headers == HEADER + MEASURES
    data = fmt().export_data(dataset)
    if isinstance(data, str):
        data = data.encode("utf-8-sig")
    summary = run(data, name=f"export.{fmt().get_extension()}")
    assert summary.ok, (summary.problems, summary.file_errors)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 3)


def test_export_has_the_import_header_and_plain_values(db):
    TradeFactory(code="E-1", amount=Decimal("89340000"), date=datetime.date(2021, 6, 1))
    row = TradeResource(bureau=default_bureau()).export()[0]
    assert row == (
        "E-1",
        Trade.objects.get().name,
        "房屋建筑",
        "2021-06-01",
        "89340000.00",
        "",
        "",
        "",
        "",
    )


def test_export_runs_a_constant_number_of_queries(db, django_assert_max_num_queries):
    for n in range(20):
        TradeFactory(code=f"Q-{n}")
    with django_assert_max_num_queries(2):
        TradeResource(bureau=default_bureau()).export()


def test_import_runs_the_same_queries_for_more_rows(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(rows: int) -> int:
        Trade.objects.all().delete()
        lines = [[f"N-{n}", "x", "市政", "2021-06-01", str(n), ""] for n in range(rows)]
        assert run(csv_bytes(lines[: rows // 2])).ok  # half of them exist already
        data = csv_bytes(lines)
        with CaptureQueriesContext(connection) as captured:
            summary = run(data)
        assert summary.ok and summary.created > 0 and summary.unchanged > 0
        return len(captured)

    # No query per row (no lookup of the trade, nor of its category): ten times
    # the rows add at most the extra INSERT batches SQLite's parameter limit needs.
    few, many = queries(40), queries(400)
    assert many - few <= 3, (few, many)


# --- the management command ----------------------------------------------------------


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_command_imports_and_prints_a_summary(db, tmp_path):
    out = io.StringIO()
    call_command(
        "import_trades", write(tmp_path, "t.xlsx", xlsx_bytes(GOOD)), stdout=out
    )
    assert "新增4，更新0，未变0，有误0" in out.getvalue()
    assert Trade.objects.count() == 4


def test_command_dry_run_saves_nothing(db, tmp_path):
    out = io.StringIO()
    call_command(
        "import_trades",
        write(tmp_path, "t.csv", csv_bytes(GOOD)),
        "--dry-run",
        stdout=out,
    )
    assert "试导入" in out.getvalue()
    assert not Trade.objects.exists()


def test_command_fails_on_a_bad_row_and_saves_nothing(db, tmp_path):
    path = write(tmp_path, "t.csv", csv_bytes([*GOOD, BAD_ROWS[4][0]]))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="未保存任何数据"):
        call_command("import_trades", path, stdout=out, stderr=err)
    assert "第6行：成交金额不能为负数（收到 -5）。" in err.getvalue()
    assert "有误1" in out.getvalue()
    assert not Trade.objects.exists()


def test_command_exits_non_zero(db, tmp_path, capsys):
    path = write(tmp_path, "t.csv", csv_bytes([BAD_ROWS[0][0]]))
    with pytest.raises(SystemExit) as exited:
        ImportTrades().run_from_argv(
            ["manage.py", "import_trades", path, "--skip-checks"]
        )
    assert exited.value.code != 0
    assert "交易类型“火星”不存在" in capsys.readouterr().err


def test_command_refuses_a_missing_file(db):
    with pytest.raises(CommandError, match="文件不存在"):
        call_command("import_trades", "/nonexistent/trades.xlsx")


# --- the admin -------------------------------------------------------------------


def admin_import(client, data: bytes, name: str, fmt: int):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name, data)
    return client.post(
        reverse("admin:transactions_trade_import"),
        {"format": fmt, "import_file": upload, "resource": 0},
    )


@pytest.mark.parametrize(
    ("name", "fmt", "encode"),
    [
        ("t.xlsx", 0, xlsx_bytes),
        ("t.csv", 1, lambda rows: csv_bytes(rows, encoding="gb18030")),
    ],
)
def test_admin_imports_after_a_confirmation(login, admin_user, name, fmt, encode):
    client = login(admin_user)
    response = admin_import(client, encode(GOOD), name, fmt)
    assert response.status_code == 200
    assert not Trade.objects.exists()  # the first step is a dry run
    assert "新增4，更新0，未变0" in response.content.decode()
    confirm = response.context["confirm_form"]
    response = client.post(
        reverse("admin:transactions_trade_process_import"), confirm.initial
    )
    assert response.status_code == 302
    assert Trade.objects.count() == 4
    assert Trade.history.filter(history_user=admin_user).count() == 4


def test_admin_shows_bad_rows_and_saves_nothing(login, admin_user):
    client = login(admin_user)
    response = admin_import(client, csv_bytes([*GOOD, BAD_ROWS[0][0]]), "t.csv", 1)
    body = response.content.decode()
    assert "交易类型“火星”不存在" in body
    # numbered as in the spreadsheet, like the command's messages
    assert [r.number for r in response.context["result"].invalid_rows] == [6]
    assert "confirm_form" not in response.context or not response.context.get(
        "confirm_form"
    )
    assert not Trade.objects.exists()


def test_admin_refuses_an_upload_over_the_limit(login, admin_user, settings):
    settings.UPLOAD_MAX_BYTES = 50
    client = login(admin_user)
    with mock.patch("transactions.formats.open_sheet") as opened:
        response = admin_import(client, csv_bytes(GOOD), "t.csv", 1)
    opened.assert_not_called()
    assert "文件过大" in response.content.decode()


def test_admin_exports_the_import_header(login, admin_user):
    TradeFactory(code="X-1")
    response = login(admin_user).post(
        reverse("admin:transactions_trade_export"),
        {
            "format": 1,
            "resource": 0,
            **{
                f"traderesource_{f}": "on"
                for f in ("code", "name", "category", "date", "amount", "notes")
            },
        },
    )
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(HEADER)
    assert "X-1" in text


def test_admin_lists_bad_rows_in_plain_sight_in_chinese(login, admin_user):
    """Issue 16: not in a hover box labelled CATEGORY, and no "None" cells."""
    import re

    client = login(admin_user)
    response = admin_import(client, csv_bytes([*GOOD, BAD_ROWS[0][0]]), "t.csv", 1)
    body = response.content.decode()
    start = body.index('id="rejected-rows"')
    table = body[start : body.index("</table>", start)]
    cells = re.findall(r"<td>(.*?)</td>", table)
    assert cells[:2] == ["第6行", "交易类型"]
    assert "火星" in cells[2]
    assert "None" not in table and "validation-error-container" not in body
