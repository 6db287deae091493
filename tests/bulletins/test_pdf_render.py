"""The issue-63 PDF: page, type area, fonts, page numbers, tables, text, bytes."""

import io
import re
import shutil
import subprocess
import sys

import pdfplumber
import pypdf
import pytest

from bulletins.document import Document, Section
from bulletins.pdf import render_pdf
from bulletins.pdf.layout import LEADING
from tests.bulletins.pdf_samples import (
    BLOCK_BOTTOM,
    BLOCK_LEFT,
    BLOCK_RIGHT,
    BLOCK_TOP,
    BODY_SIZE,
    DEPARTMENTS,
    TRADES,
    issue_63,
    large_issue,
    text_lines,
)

needs_poppler = pytest.mark.skipif(
    shutil.which("pdffonts") is None, reason="poppler-utils not installed"
)


@pytest.fixture(scope="module")
def pdf63() -> bytes:
    return render_pdf(issue_63())


@pytest.fixture(scope="module")
def pages63(pdf63):
    with pdfplumber.open(io.BytesIO(pdf63)) as pdf:
        yield pdf.pages


@pytest.fixture(scope="module")
def large_pdf() -> bytes:
    return render_pdf(large_issue())


def poppler(tool: str, data: bytes, *args: str) -> str:
    return subprocess.run(
        [tool, *args, "-", "-"] if tool == "pdftotext" else [tool, *args, "-"],
        input=data,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")


# --- The page -------------------------------------------------------------------


def test_every_page_is_a4(pdf63):
    reader = pypdf.PdfReader(io.BytesIO(pdf63))
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(595.276, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(841.89, abs=0.01)


@needs_poppler
def test_pdfinfo_says_a4(pdf63):
    assert "(A4)" in poppler("pdfinfo", pdf63)


def body_pages(pages):
    return [p for p in pages if not p.extract_text().startswith("附件")]


def test_the_text_block_sits_at_the_gbt_9704_margins(pages63):
    page = body_pages(pages63)[2]  # a full page of body text
    lines = text_lines(page)
    # 22 lines, 37 mm from the top, one every 225/22 mm
    assert len(lines) == 22
    # each line's em box is centred in its 1/22 of the block; baseline 0.88 em down
    baseline = (LEADING - BODY_SIZE) / 2 + 0.88 * BODY_SIZE
    for number, line in enumerate(lines):
        expected = BLOCK_TOP + number * LEADING + baseline
        assert line["baseline"] == pytest.approx(expected, abs=0.01), line["text"]
    lefts = [ln["left"] for ln in lines]
    assert min(lefts) == pytest.approx(BLOCK_LEFT, abs=0.01)  # 28 mm binding edge
    assert max(ln["right"] for ln in lines) == pytest.approx(BLOCK_RIGHT, abs=0.05)
    indented = [x for x in lefts if x > BLOCK_LEFT + 1]
    assert indented and all(
        x == pytest.approx(BLOCK_LEFT + 2 * BODY_SIZE, abs=0.01) for x in indented
    )


def test_the_masthead_is_red_with_a_red_rule_under_publisher_and_date(pages63):
    page = pages63[0]
    title = [c for c in page.chars if c["text"] in "海东政务服务动态"][:8]
    assert "".join(c["text"] for c in title) == "海东政务服务动态"
    for char in title:
        assert char["non_stroking_color"] in ((0, 1, 1, 0), [0, 1, 1, 0])
    lines = text_lines(page)
    assert lines[1]["text"] == "第63期"
    assert lines[2]["text"].startswith("海东市政务服务监督管理局")
    assert lines[2]["text"].endswith("2021年7月6日")
    assert lines[2]["right"] == pytest.approx(BLOCK_RIGHT, abs=0.05)
    rules = [ln for ln in page.lines if ln["stroking_color"] in ((0, 1, 1, 0),)]
    assert len(rules) == 1
    rule = rules[0]
    assert rule["x0"] == pytest.approx(BLOCK_LEFT)
    assert rule["x1"] == pytest.approx(BLOCK_RIGHT)
    assert lines[2]["top"] < rule["top"] < lines[3]["top"]


def test_headings_use_hei_and_kai_and_the_body_song(pages63):
    lines = text_lines(pages63[0])
    fonts = {ln["text"][:3]: ln["chars"][0]["fontname"] for ln in lines}
    assert "ZenHei" in fonts["一、市"]
    assert "WenKai" in fonts["（一）"]
    assert "UMing" in fonts["1.办"] or "Liberation" in fonts["1.办"]
    body = next(ln for ln in lines if ln["text"].startswith("1.办件情况"))
    faces = {c["fontname"].split("+")[1] for c in body["chars"]}
    assert any("UMing" in f for f in faces)
    digits = [c for c in body["chars"] if c["text"].isdigit()]
    assert all("LiberationSerif" in c["fontname"] for c in digits)


# --- Fonts ------------------------------------------------------------------------


@needs_poppler
def test_every_font_is_embedded(pdf63):
    rows = poppler("pdffonts", pdf63).splitlines()[2:]
    assert rows
    for row in rows:
        name, emb = row.split()[0], row.split()[-5]
        assert emb == "yes", name
    names = " ".join(rows)
    for family in ("UMing", "ZenHei", "WenKai", "LiberationSerif"):
        assert family in names


# --- Page numbers ------------------------------------------------------------------


def page_number_chars(page):
    return sorted(
        (c for c in page.chars if c["top"] > BLOCK_BOTTOM), key=lambda c: c["x0"]
    )


def test_page_numbers_read_dash_number_dash_odd_right_even_left(pages63):
    for index, page in enumerate(pages63):
        number = index + 1
        chars = page_number_chars(page)
        assert "".join(c["text"] for c in chars) == f"— {number} —"
        digits = [c for c in chars if c["text"].isdigit()]
        assert all(c["size"] == pytest.approx(14) for c in chars)
        assert all("LiberationSerif" in c["fontname"] for c in digits)  # half-width
        visible = [c for c in chars if c["text"] != " "]
        if number % 2:
            assert visible[-1]["x1"] == pytest.approx(BLOCK_RIGHT - 14, abs=0.05)
        else:
            assert visible[0]["x0"] == pytest.approx(BLOCK_LEFT + 14, abs=0.05)
        # 7 mm below the type area, to the dash
        assert visible[0]["top"] > BLOCK_BOTTOM + 7 * 72 / 25.4 - 14


# --- Text --------------------------------------------------------------------------


def squeeze(text: str) -> str:
    """Text without whitespace or page numbers (a paragraph may run over one)."""
    return re.sub(r"\s+", "", re.sub(r"—\s*\d+\s*—", "", text))


@needs_poppler
def test_pdftotext_returns_the_issue_in_reading_order(pdf63):
    text = squeeze(poppler("pdftotext", pdf63))
    document = issue_63()
    expected = [
        document.masthead.title,
        document.masthead.issue_label,
        document.title,
    ]

    def walk(blocks):
        for block in blocks:
            if isinstance(block, Section):
                expected.append(block.number + block.title)
                walk(block.blocks)
            else:
                expected.append(block.lead + block.text)

    walk(document.sections)
    expected += [squeeze(x) for x in document.attachment_list]
    expected += [a.title for a in document.attachments]
    position = 0
    for piece in expected:
        found = text.find(squeeze(piece), position)
        assert found >= 0, piece
        position = found + 1


@needs_poppler
def test_pdftotext_sees_no_gap_after_punctuation_set_bottom_left(pdf63):
    text = poppler("pdftotext", pdf63)
    assert "。" in text and "、" in text
    assert "。 " not in text and "、 " not in text


# --- Attachments -------------------------------------------------------------------


def attachment_pages(pages):
    return [p for p in pages if p.extract_text().startswith("附件")]


def clean_cell(value):
    return "" if value is None else value.replace("\n", "")


def test_attachments_start_on_new_pages_with_label_and_title(pages63):
    first, second = attachment_pages(pages63)
    lines1, lines2 = text_lines(first), text_lines(second)
    assert lines1[0]["text"] == "附件1"
    assert lines1[0]["left"] == pytest.approx(BLOCK_LEFT)
    assert lines1[0]["top"] < BLOCK_TOP + LEADING
    assert "ZenHei" in lines1[0]["chars"][0]["fontname"]
    assert "".join(ln["text"] for ln in lines1[1:3]) == (
        "海东市行政服务和公共资源交易中心6月份办件情况统计表"
    )
    assert lines2[0]["text"] == "附件2"
    assert lines2[1]["text"] == "公共资源交易进场交易情况统计表"
    assert lines2[2]["text"].startswith("单位名称：海东市政务服务监督管理局")
    assert lines2[2]["text"].endswith("2021年7月6日")


def test_the_department_table_reads_back_row_by_row(pages63):
    page = attachment_pages(pages63)[0]
    table = [[clean_cell(c) for c in row] for row in page.extract_table()]
    assert table[0] == [
        "序号",
        "单位",
        "受理行政许可事项（件）",
        "办结（件）",
        "办结率（%）",
        "受理公共服务事项（件）",
        "办结（件）",
        "办结率（%）",
        "备注",
    ]
    body = table[1:-1]
    assert len(body) == len(DEPARTMENTS) == 19
    assert body[0] == ["1", "市公安局", "", "", "", "1687", "1687", "100%", ""]
    # blank is blank, 0 is 0, and 0 of 0 is —
    assert body[5] == ["6", "市发展改革委", "0", "0", "—", "", "", "", ""]
    assert body[12] == ["13", "卫生健康委", "", "", "", "", "", "", ""]
    totals = table[-1]
    assert totals[0] == "合计"
    assert totals[1] in ("", None)  # merged into the label cell
    assert totals[2:8] == ["2476", "2476", "100%", "8027", "8027", "100%"]


def test_the_totals_label_spans_the_label_columns(pages63):
    page = attachment_pages(pages63)[0]
    table = page.find_tables()[0]
    last = table.rows[-1].cells
    first_row = table.rows[1].cells
    assert last[1] is None  # swallowed by the span
    assert last[0][2] == pytest.approx(first_row[1][2], abs=0.5)


def test_the_trade_table_reads_back(pages63):
    page = attachment_pages(pages63)[1]
    table = [[clean_cell(c) for c in row] for row in page.extract_table()]
    assert table[0] == [
        "序号",
        "交易类型",
        "交易项目数（个）",
        "交易金额（亿元）",
        "备注",
    ]
    assert [row[1] for row in table[1:-1]] == [name for name, _, _ in TRADES]
    assert table[3] == ["3", "公路", "0", "0.0000", ""]
    assert table[-1][0] == "合计" and table[-1][2:4] == ["224", "7.7266"]


def test_figures_are_aligned_as_their_column_says(pages63):
    page = attachment_pages(pages63)[0]
    table = page.find_tables()[0]
    rights = []
    for row in table.rows[1:-1]:
        cell = row.cells[5]
        chars = [
            c
            for c in page.chars
            if cell[0] <= c["x0"] < cell[2] and cell[1] <= c["top"] < cell[3]
        ]
        if chars:
            rights.append(max(c["x1"] for c in chars) - cell[2])
    assert len(rights) >= 5
    assert max(rights) - min(rights) < 0.01  # right-aligned, all alike


# --- Long issues -------------------------------------------------------------------


def test_a_long_issue_repeats_the_table_header_on_every_page(large_pdf):
    with pdfplumber.open(io.BytesIO(large_pdf)) as pdf:
        table_pages = [
            p
            for p in pdf.pages
            if "第1窗口单位" in p.extract_text()
            or ("窗口单位" in p.extract_text() and p.find_tables())
        ]
        assert len(table_pages) >= 2
        seen = []
        for page in table_pages:
            rows = page.extract_table()
            assert clean_cell(rows[0][0]) == "序号"
            assert clean_cell(rows[0][2]) == "受理行政许可事项（件）"
            seen += [clean_cell(r[1]) for r in rows[1:] if r[1]]
    assert [s for s in seen if s.endswith("窗口单位")] == [
        f"第{i + 1}窗口单位" for i in range(60)
    ]


def test_a_long_issue_never_ends_a_page_with_a_heading(large_pdf):
    with pdfplumber.open(io.BytesIO(large_pdf)) as pdf:
        assert len(pdf.pages) > 40
        for page in pdf.pages:
            lines = text_lines(page)
            if not lines or page.find_tables():
                continue
            last = lines[-1]["chars"][0]["fontname"]
            assert "ZenHei" not in last and "WenKai" not in last, lines[-1]["text"]


# --- Same input, same bytes ----------------------------------------------------------


def test_the_build_is_deterministic_within_a_process(pdf63):
    assert render_pdf(issue_63()) == pdf63


def test_the_build_is_deterministic_across_processes(pdf63):
    code = (
        "import sys;from bulletins.pdf import render_pdf;"
        "from tests.bulletins.pdf_samples import issue_63;"
        "sys.stdout.buffer.write(render_pdf(issue_63()))"
    )
    env_free = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=True
    )
    assert env_free.stdout == pdf63


def test_the_creation_date_is_the_publication_date(pdf63):
    info = pypdf.PdfReader(io.BytesIO(pdf63)).metadata
    assert info["/CreationDate"] == "D:20210706000000+08'00'"
    assert info["/Title"] == "海东政务服务动态 第63期"


def test_a_document_round_tripped_through_its_snapshot_renders_the_same(pdf63):
    snapshot = issue_63().to_dict()
    assert render_pdf(Document.from_dict(snapshot)) == pdf63
