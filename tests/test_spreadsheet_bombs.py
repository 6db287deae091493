"""Findings 2 and 3 of the hardening issue: spreadsheets that claim or hold far
more than an import needs.

The 5 KB workbook whose sheet claims A1:XFD1048576 once grew a worker to 2.4 GB;
it is now refused from its declared dimension before any row is parsed, in a
child process whose peak resident memory (VmHWM) must stay under 200 MB and
which must answer in well under a second.
Files without a (truthful) dimension are refused while streaming, when the rows,
columns or cells actually read pass the limits of ``SPREADSHEET_LIMITS``.
"""

import io
import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from config import sheets
from submissions.models import FigureValue
from submissions.resources import load_rows
from tests.factories import (
    ClerkFactory,
    HallFactory,
    MonthlyReportFactory,
)
from tests.factories.bureaus import default_bureau
from transactions.models import Trade
from transactions.services import trades_import

TRADE_HEADER = [
    "项目编号",
    "项目名称",
    "交易类型",
    "成交日期",
    "成交金额（元）",
    "备注",
]
FIGURE_HEADER = ["指标", "分项", "数值", "单位"]
DECLARED_BOMB = "表格声明的范围为1,048,576行×16,384列"


def bomb(first_row=("序号", "单位"), far="XFD1048576") -> bytes:
    """The 5 KB workbook: a first row and one far cell (XFD1048576, so that the
    sheet claims A1:XFD1048576)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(first_row))
    sheet[far] = "x"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_dimension(data: bytes, ref: str | None) -> bytes:
    """``data`` with its sheet's <dimension> changed to ``ref`` (None: removed)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                start = text.index("<dimension")
                end = text.index("/>", start) + 2
                new = "" if ref is None else f'<dimension ref="{ref}" />'
                content = (text[:start] + new + text[end:]).encode()
            target.writestr(item, content)
    return out.getvalue()


def xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_bomb_is_five_kilobytes_and_claims_the_whole_sheet():
    data = bomb()
    assert len(data) < 6 * 1024
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).active
    assert (sheet.max_row, sheet.max_column) == (1_048_576, 16_384)


# --- refused in a child process: time and memory ---------------------------------

CHILD = textwrap.dedent(
    """
    import io, json, sys, time
    import django
    django.setup()
    from config.sheets import SheetError
    from submissions.resources import UnreadableFile, load_rows
    from transactions.spreadsheets import SheetError, SheetLimits, open_sheet

    def peak_kb():
        # VmHWM: this process's peak resident memory since exec (ru_maxrss would
        # carry over the forking pytest process's size).
        with open("/proc/self/status") as status:
            line = next(l for l in status if l.startswith("VmHWM:"))
        return int(line.split()[1])

    data = sys.stdin.buffer.read()
    before = peak_kb()
    start = time.perf_counter()
    try:
        load_rows(data, "bomb.xlsx", "figures")
        figures = []
    except (SheetError, UnreadableFile) as exc:
        figures = [str(exc)]
    try:
        limits = SheetLimits.for_import("trades")
        sheet = open_sheet(io.BytesIO(data), "bomb.xlsx", limits)
        list(sheet.rows)
        trades = "read"
    except SheetError as exc:
        trades = str(exc)
    elapsed = time.perf_counter() - start
    peak = peak_kb()
    print(json.dumps({"figures": figures, "trades": trades,
                      "seconds": elapsed, "before_kb": before, "peak_kb": peak}))
    """
)


def run_child(data: bytes) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test"}
    finished = subprocess.run(
        [sys.executable, "-c", CHILD],
        input=data,
        capture_output=True,
        cwd=settings.BASE_DIR,
        env=env,
        timeout=60,
        check=True,
    )
    return json.loads(finished.stdout)


ROWS = (
    "表格行数超过上限5,000行（读到第5,001行）。",
    "表格行数超过上限100,000行（读到第100,001行）。",
)
COLUMNS = ("表格第1行有16,384列，超过上限20列。", "表格第1行有16,384列，超过上限50列。")


@pytest.mark.parametrize(
    ("far", "ref", "expected"),
    [
        # The file as found: refused from its declared dimension.
        ("XFD1048576", "A1:XFD1048576", (DECLARED_BOMB, DECLARED_BOMB)),
        # No dimension, or one that lies: refused from what is actually read,
        # a million empty rows at the row limit, a row 16,384 cells wide at once.
        ("XFD1048576", None, ROWS),
        ("XFD1048576", "A1:B1", ROWS),
        ("XFD1", None, COLUMNS),
        ("XFD1", "A1:B1", COLUMNS),
    ],
)
def test_the_bomb_is_refused_fast_and_in_bounded_memory(far, ref, expected):
    data = bomb(far=far)
    if ref != "A1:XFD1048576":
        data = with_dimension(data, ref)
    figures, trades = expected
    result = run_child(data)
    assert figures in result["figures"][0]
    assert trades in result["trades"]
    assert result["seconds"] < 1.0
    assert result["peak_kb"] < 200 * 1024, result


def test_a_million_empty_rows_below_one_cell_are_refused_at_the_row_limit():
    """A single cell at A1048576 with no dimension: openpyxl would yield a million
    empty rows; counting stops at the limit."""
    book = openpyxl.Workbook()
    book.active.append(FIGURE_HEADER)
    book.active["A1048576"] = "x"
    out = io.BytesIO()
    book.save(out)
    data = with_dimension(out.getvalue(), None)
    result = run_child(data)
    assert result["figures"] == ["表格行数超过上限5,000行（读到第5,001行）。"]
    assert result["trades"] == "表格行数超过上限100,000行（读到第100,001行）。"
    assert result["peak_kb"] < 200 * 1024


# --- the archive checks ------------------------------------------------------------


def test_an_archive_that_unzips_beyond_the_limit_is_refused_before_parsing(
    settings,
):
    data = xlsx([FIGURE_HEADER, ["咨询", "", "x" * 50_000, "件"]])
    settings.SPREADSHEET_LIMITS = {
        **settings.SPREADSHEET_LIMITS,
        "figures": {
            **settings.SPREADSHEET_LIMITS["figures"],
            "unzipped": 40_000,
        },
    }
    with pytest.raises(sheets.SheetError) as refused:
        load_rows(data, "t.xlsx", "figures")
    assert str(refused.value).startswith("文件解压后共")
    assert str(refused.value).endswith("字节，超过上限40,000字节。")


def test_a_shared_strings_part_beyond_the_limit_is_refused(settings):
    book = openpyxl.Workbook()
    book.active.append(FIGURE_HEADER)
    out = io.BytesIO()
    book.save(out)
    # openpyxl writes inline strings; a workbook from Excel keeps them shared.
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/sharedStrings.xml", "<sst>" + " " * 3_000_000 + "</sst>")
    with pytest.raises(sheets.SheetError) as refused:
        load_rows(data.getvalue(), "t.xlsx", "figures")
    assert str(refused.value) == (
        "文件中的共享文字表解压后共3,000,011字节，超过上限2,097,152字节。"
    )


def test_limits_come_from_the_settings():
    limits = sheets.SheetLimits.for_import("trades")
    assert (limits.rows, limits.columns) == (100_000, 50)
    limits = sheets.SheetLimits.for_import("figures")
    assert limits.rows == 5_000


# --- the report's figure sheet (the clerk) -----------------------------------------


@pytest.fixture
def hall_report(db):
    return MonthlyReportFactory(centre=HallFactory())


def figures_upload(login, report, name, data):
    client = login(ClerkFactory(username="hall_clerk", centre=report.centre))
    return client.post(
        reverse("submissions:figures_import", args=[report.pk]),
        {"file": SimpleUploadedFile(name, data)},
    )


def test_the_figures_import_refuses_the_bomb_with_the_figures(login, hall_report):
    response = figures_upload(login, hall_report, "指标.xlsx", bomb())
    assert response.status_code == 422
    assert (
        "表格声明的范围为1,048,576行×16,384列，超过上限5,000行×20列。"
        in response.content.decode()
    )
    assert not FigureValue.objects.exists()


def test_the_figures_import_refuses_a_long_csv_while_streaming(login, hall_report):
    lines = [",".join(FIGURE_HEADER)] + [f"咨询{i},,1,件" for i in range(5_500)]
    data = "\n".join(lines).encode()
    response = figures_upload(login, hall_report, "指标.csv", data)
    assert response.status_code == 422
    assert "表格行数超过上限5,000行（读到第5,001行）。" in response.content.decode()


def test_the_figures_import_refuses_a_csv_over_its_byte_limit(login, hall_report):
    data = (",".join(FIGURE_HEADER) + "\n").encode() + b"x,,1,1\n" * 200_000
    response = figures_upload(login, hall_report, "指标.csv", data)
    assert response.status_code == 422
    assert (
        f"CSV 文件共{len(data):,}字节，超过上限1,048,576字节。"
        in response.content.decode()
    )


def test_a_long_xlsx_without_a_dimension_is_refused_while_streaming(login, hall_report):
    rows = [FIGURE_HEADER] + [[f"咨询{i}", "", 1, "件"] for i in range(5_500)]
    data = with_dimension(xlsx(rows), None)
    response = figures_upload(login, hall_report, "指标.xlsx", data)
    assert response.status_code == 422
    assert "表格行数超过上限5,000行（读到第5,001行）。" in response.content.decode()


# --- the trade imports (command, service, admin) -------------------------------------


def trade_rows(count: int) -> list[list]:
    return [
        [f"HD-{i:06d}", "道路", "市政", "2021-06-03", "100", ""] for i in range(count)
    ]


def small_trade_limits(settings, **changes):
    settings.SPREADSHEET_LIMITS = {
        **settings.SPREADSHEET_LIMITS,
        "trades": {**settings.SPREADSHEET_LIMITS["trades"], **changes},
    }


def test_the_trade_import_stops_at_the_row_limit_and_saves_nothing(db, settings):
    small_trade_limits(settings, rows=50)
    lines = [",".join(TRADE_HEADER)] + [",".join(r) for r in trade_rows(80)]
    data = ("\n".join(lines) + "\n").encode()
    summary = trades_import(
        bureau=default_bureau(),
        source=io.BytesIO(data),
        name="t.csv",
        size=len(data),
    )
    assert summary.file_errors == ["表格行数超过上限50行（读到第51行）。"]
    assert not Trade.objects.exists()


def test_the_trade_import_refuses_a_sheet_declared_too_long(db):
    data = with_dimension(xlsx([TRADE_HEADER, *trade_rows(3)]), "A1:F1000000")
    summary = trades_import(
        bureau=default_bureau(),
        source=io.BytesIO(data),
        name="t.xlsx",
        size=len(data),
    )
    assert summary.file_errors == [
        "表格声明的范围为1,000,000行×6列，超过上限100,000行×50列。"
    ]
    assert not Trade.objects.exists()


def test_the_trade_import_refuses_too_many_cells(db, settings):
    small_trade_limits(settings, cells=20)
    data = xlsx([TRADE_HEADER, *trade_rows(5)])
    summary = trades_import(
        bureau=default_bureau(),
        source=io.BytesIO(data),
        name="t.xlsx",
        size=len(data),
    )
    assert summary.file_errors == ["表格单元格数超过上限20个（读到第4行时已有24个）。"]


def test_import_trades_command_refuses_the_bomb(db, tmp_path: Path):
    from django.core.management import CommandError, call_command

    path = tmp_path / "bomb.xlsx"
    path.write_bytes(bomb(TRADE_HEADER))
    err = io.StringIO()
    with pytest.raises(CommandError, match="导入失败"):
        call_command("import_trades", str(path), "--no-progress", stderr=err)
    assert DECLARED_BOMB in err.getvalue()


def admin_import(client, data: bytes, name: str, fmt: int):
    return client.post(
        reverse("admin:transactions_trade_import"),
        {"format": fmt, "import_file": SimpleUploadedFile(name, data), "resource": 0},
    )


def test_the_admin_import_refuses_the_bomb_in_chinese(login, admin_user):
    response = admin_import(login(admin_user), bomb(TRADE_HEADER), "bomb.xlsx", 0)
    assert response.status_code == 200
    body = response.content.decode()
    assert "表格声明的范围为1,048,576行×16,384列，超过上限100,000行×50列。" in body
    assert "encountered" not in body
    assert not Trade.objects.exists()


def test_the_admin_import_explains_a_wrong_format_in_chinese(login, admin_user):
    """An .xlsx sent as CSV: not the library's "'…' encountered while trying to
    read file" but a Chinese message."""
    data = xlsx([TRADE_HEADER, *trade_rows(2)])
    response = admin_import(login(admin_user), data, "t.csv", 1)
    body = response.content.decode()
    assert "encountered while trying to read file" not in body
    assert "无法" in body
    assert not Trade.objects.exists()


def test_the_admin_import_stops_a_long_file_at_the_row_limit(
    login, admin_user, settings
):
    small_trade_limits(settings, rows=50)
    lines = [",".join(TRADE_HEADER)] + [",".join(r) for r in trade_rows(80)]
    data = ("\n".join(lines) + "\n").encode()
    response = admin_import(login(admin_user), data, "t.csv", 1)
    assert response.status_code == 200
    assert "表格行数超过上限50行（读到第51行）。" in response.content.decode()
    assert not Trade.objects.exists()


def test_the_editors_import_refuses_the_bomb_in_chinese(login, editor):
    response = login(editor).post(
        reverse("transactions:trade_import"),
        {"file": SimpleUploadedFile("bomb.xlsx", bomb(TRADE_HEADER))},
    )
    assert response.status_code == 422
    assert (
        "表格声明的范围为1,048,576行×16,384列，超过上限100,000行×50列。"
        in response.content.decode()
    )
    assert not Trade.objects.exists()
