"""Hostile files at the defined figures' import (as tests/test_spreadsheet_bombs.py
and tests/test_hostile_input.py for the other imports): each is refused with a
Chinese message, within ``SPREADSHEET_LIMITS["figures"]``, and nothing is saved."""

import io
import json
import os
import subprocess
import sys
import textwrap
import zipfile

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from submissions.figure_sheets import (
    MAX_ERRORS,
    parse_figure_sheet,
)
from submissions.models import FigureValue
from submissions.resources import NOT_A_WORKBOOK, UNKNOWN_ENCODING
from tests.factories import (
    CentreFactory,
    ClerkFactory,
    MonthlyReportFactory,
    default_bureau,
)
from tests.submissions.test_figure_sheets import (
    HEADER,
    JUNE,
    csv_file,
    definitions,
    upload,
)
from tests.test_hostile_input import OLE_HEADER
from tests.test_spreadsheet_bombs import bomb, with_dimension, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def defs(db):
    return definitions(default_bureau())


@pytest.fixture
def report(defs):
    return MonthlyReportFactory(centre=CentreFactory(), month=JUNE)


@pytest.fixture
def clerk_client(login, report):
    return login(ClerkFactory(username="sheet_clerk", centre=report.centre))


def refused(client, report, name, data) -> list[str]:
    response = upload(client, report, SimpleUploadedFile(name, data))
    assert response.status_code == 422, response.status_code
    assert "确认导入" not in response.content.decode()
    assert not FigureValue.objects.filter(report=report).exists()
    return response.context["parsed"].errors


def test_the_sheet_bomb_is_refused_from_its_declared_dimension(clerk_client, report):
    errors = refused(clerk_client, report, "f.xlsx", bomb(("指标", "分项")))
    assert errors == ["表格声明的范围为1,048,576行×16,384列，超过上限5,000行×20列。"]


CHILD = textwrap.dedent(
    """
    import json, sys, time
    import django
    django.setup()
    from submissions.figure_sheets import parse_figure_sheet

    def peak_kb():
        with open("/proc/self/status") as status:
            line = next(l for l in status if l.startswith("VmHWM:"))
        return int(line.split()[1])

    data = sys.stdin.buffer.read()
    start = time.perf_counter()
    parsed = parse_figure_sheet(data, "bomb.xlsx", [])
    print(json.dumps({"errors": parsed.errors,
                      "seconds": time.perf_counter() - start, "peak_kb": peak_kb()}))
    """
)


@pytest.mark.parametrize(
    ("far", "ref", "expected"),
    [
        ("XFD1048576", None, "表格行数超过上限5,000行（读到第5,001行）。"),
        ("XFD1048576", "A1:B1", "表格行数超过上限5,000行（读到第5,001行）。"),
        ("XFD1", None, "表格第1行有16,384列，超过上限20列。"),
    ],
)
def test_a_bomb_that_hides_its_size_is_refused_fast_in_bounded_memory(
    far, ref, expected
):
    data = with_dimension(bomb(("指标", "分项"), far=far), ref)
    finished = subprocess.run(
        [sys.executable, "-c", CHILD],
        input=data,
        capture_output=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test"},
        timeout=60,
        check=True,
    )
    result = json.loads(finished.stdout)
    assert result["errors"] == [expected]
    assert result["seconds"] < 1.0
    assert result["peak_kb"] < 200 * 1024, result


def test_an_archive_that_unzips_beyond_the_limit_is_refused(settings, defs):
    settings.SPREADSHEET_LIMITS = {
        **settings.SPREADSHEET_LIMITS,
        "figures": {**settings.SPREADSHEET_LIMITS["figures"], "unzipped": 40_000},
    }
    data = xlsx([HEADER, ["咨询", "x" * 50_000, 1]])
    errors = parse_figure_sheet(data, "f.xlsx", list(defs.values())).errors
    assert errors[0].startswith("文件解压后共")
    assert errors[0].endswith("字节，超过上限40,000字节。")


def test_a_zip_bomb_of_shared_strings_is_refused(defs):
    source = zipfile.ZipFile(io.BytesIO(xlsx([HEADER])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        # 3 MB of blanks compress to a few kilobytes
        target.writestr("xl/sharedStrings.xml", "<sst>" + " " * 3_000_000 + "</sst>")
    assert len(out.getvalue()) < 20_000
    errors = parse_figure_sheet(out.getvalue(), "f.xlsx", list(defs.values())).errors
    assert errors == [
        "文件中的共享文字表解压后共3,000,011字节，超过上限2,097,152字节。"
    ]


def test_a_long_csv_is_refused_while_streaming(clerk_client, report):
    data = ("指标,分项,数值\n" + "咨询,,1\n" * 6_000).encode()
    errors = refused(clerk_client, report, "f.csv", data)
    assert errors == ["表格行数超过上限5,000行（读到第5,001行）。"]


def test_a_csv_over_its_byte_limit_is_refused(clerk_client, report):
    data = "指标,分项,数值\n".encode() + b"x,,1\n" * 300_000
    errors = refused(clerk_client, report, "f.csv", data)
    assert errors == [f"CSV 文件共{len(data):,}字节，超过上限1,048,576字节。"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        # neither UTF-8 nor GBK
        ("f.csv", "指标,分项,数值\n咨询,,".encode() + b"\x80\xff\n", UNKNOWN_ENCODING),
        # a NUL (a binary file renamed .csv) is named, not echoed
        (
            "f.csv",
            "指标,分项,数值\n咨询,,1\x00\n".encode(),
            "第2行：“咨询”含有不可见的控制字符（U+0000）",
        ),
        ("f.xlsx", OLE_HEADER, NOT_A_WORKBOOK),  # a password-protected workbook
        ("f.xlsx", xlsx([HEADER, ["咨询", "", 1]])[:900], NOT_A_WORKBOOK),
        ("f.xlsx", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, NOT_A_WORKBOOK),
        ("f.csv", "\ufeff".encode(), "未找到表头"),
    ],
    ids=["bad encoding", "NUL", "encrypted", "truncated", "image", "only a BOM"],
)
def test_an_unreadable_file_is_one_chinese_message(
    clerk_client, report, name, data, message
):
    errors = refused(clerk_client, report, name, data)
    assert len(errors) == 1 and message in errors[0]


def test_formulas_are_refused_never_run_or_read_as_blank(clerk_client, report):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["咨询", "", "=1+1", "件", ""])  # never computed: no cached value
    sheet.append(['=HYPERLINK("http://x","点击")', "", 1, "件", ""])
    out = io.BytesIO()
    book.save(out)
    errors = refused(clerk_client, report, "f.xlsx", out.getvalue())
    assert errors == [
        "第2行：“咨询”是公式（=1+1），请填写数字。",
        '第3行：“=HYPERLINK("http://x","点击")”不是本单位的指标。',
    ]
    rows = [
        HEADER,
        ["咨询", "", "=cmd|' /C calc'!A0", "件", ""],
        ["分渠道受理", "窗口受理", "+1+1", "件", ""],
        ["分渠道受理", "统一平台受理", "@SUM(1)", "件", ""],
        ["预算金额", "", "-1+1", "万元", ""],
    ]
    errors = refused(clerk_client, report, "f.csv", csv_file(rows).read())
    assert errors == [
        "第2行：“咨询”是公式（=cmd|' /C calc'!A0），请填写数字。",
        "第3行：“分渠道受理·窗口受理（件）”应填写整数，“+1+1”不是数字。",
        "第4行：“分渠道受理·统一平台受理（件）”应填写整数，“@SUM(1)”不是数字。",
        "第5行：“预算金额（万元）”应填写金额数字，“-1+1”不是数字。",
    ]


def test_hostile_text_is_cut_short_and_escaped_in_the_page(clerk_client, report):
    script = "<script>alert(1)</script>"
    rows = [
        HEADER,
        [script, "", 1, "件", ""],
        ["咨询", "", "9" * 10_000, "件", ""],
        ["咨询" * 30, "", 1, "件", ""],
    ]
    response = upload(clerk_client, report, csv_file(rows))
    page = response.content.decode()
    assert script not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    errors = response.context["parsed"].errors
    assert errors[1] == f"第3行：“咨询”应填写数字，填写的是“{'9' * 40}…”。"
    assert errors[2] == f"第4行：“{'咨询' * 20}…”不是本单位的指标。"


def test_an_empty_upload_is_refused_by_the_form(clerk_client, report):
    response = upload(clerk_client, report, SimpleUploadedFile("f.csv", b""))
    assert response.context["form"].errors["file"]
    assert "确认导入" not in response.content.decode()
    assert not FigureValue.objects.exists()


def test_thousands_of_wrong_rows_list_a_hundred(clerk_client, report):
    rows = [HEADER] + [[f"未知{i}", "", 1, "件", ""] for i in range(300)]
    errors = refused(clerk_client, report, "f.csv", csv_file(rows).read())
    assert len(errors) == MAX_ERRORS + 1
    assert errors[-1] == "……另有200处错误未列出。"
