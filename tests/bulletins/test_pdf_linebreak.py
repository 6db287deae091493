"""Chinese line breaking: the rules on their own, then measured on rendered lines."""

import io

import pdfplumber
import pytest

from bulletins.pdf import render_pdf
from bulletins.pdf.fonts import get_fontset
from bulletins.pdf.linebreak import (
    NO_LINE_END,
    NO_LINE_START,
    break_lines,
    break_opportunities,
    expandable,
    positions,
    squeezable,
)
from bulletins.pdf.paragraph import TextBlock, TextStyle
from tests.bulletins.pdf_samples import (
    BLOCK_LEFT,
    BLOCK_RIGHT,
    BODY_SIZE,
    simple_document,
    text_lines,
)

# The rule set the issue names: stock reportlab misses these.
MUST_NOT_START = "，；：？！”》。、）"
MUST_NOT_END = "“《（"


def lines_of(text, width, advances=None, **kwargs):
    advances = advances or [1.0] * len(text)
    return [
        text[ln.start : ln.end] for ln in break_lines(text, advances, width, **kwargs)
    ]


# --- The rules, without fonts ------------------------------------------------------


@pytest.mark.parametrize("mark", MUST_NOT_START)
def test_a_closing_mark_pulls_the_previous_character_down(mark):
    lines = lines_of("甲乙丙" + mark + "丁戊", 3)
    assert lines == ["甲乙", "丙" + mark + "丁", "戊"]


@pytest.mark.parametrize("mark", MUST_NOT_END)
def test_an_opening_mark_moves_to_the_next_line(mark):
    lines = lines_of("甲乙" + mark + "丙丁", 3)
    assert lines == ["甲乙", mark + "丙丁"]


def test_the_rule_sets_cover_what_reportlab_misses():
    assert set(MUST_NOT_START) <= NO_LINE_START
    assert set(MUST_NOT_END) <= NO_LINE_END


def test_two_closing_marks_in_a_row_both_stay_off_the_line_start():
    assert lines_of("甲乙丙。”丁", 3) == ["甲乙", "丙。”", "丁"]


def test_digits_and_latin_letters_stay_together():
    text = "甲乙12345丙"
    advances = [1.0, 1.0] + [0.5] * 5 + [1.0]
    assert lines_of(text, 3.5, advances) == ["甲乙", "12345丙"]
    ok = break_opportunities("共10,503.5件APP办")
    # no break inside 10,503.5 or APP
    assert not any(ok[2:9]) and not any(ok[11:13])
    assert ok[9] and ok[10] and ok[13]


def test_a_run_wider_than_the_line_is_broken_where_it_fills():
    assert lines_of("x" * 7, 3) == ["xxx", "xxx", "x"]


def test_dash_and_ellipsis_pairs_are_not_split_but_may_start_a_line():
    assert lines_of("甲乙——丙", 3) == ["甲乙", "——丙"]
    assert lines_of("甲乙丙——", 4) == ["甲乙丙", "——"]
    assert lines_of("甲乙丙……", 3) == ["甲乙丙", "……"]
    # a single dash (连接号) may not start a line
    assert lines_of("甲乙丙—丁", 3) == ["甲乙", "丙—丁"]


def test_spaces_vanish_at_a_break_and_never_start_a_line():
    lines = break_lines("ab cd ef", [1.0] * 8, 5)
    assert [("ab cd ef")[ln.start : ln.end] for ln in lines] == ["ab cd", "ef"]


def test_a_newline_is_a_forced_break_and_its_line_is_not_justified():
    lines = break_lines("甲\n乙丙", [1.0] * 4, 3)
    assert [(ln.start, ln.end, ln.last) for ln in lines] == [
        (0, 1, True),
        (2, 4, True),
    ]


def test_justification_spreads_the_slack_over_the_gaps():
    text = "甲乙丙，丁"
    lines = break_lines(text, [1.0] * 5, 3)
    gaps = [False, True, True, True, True, False]
    xs = positions([1.0] * 5, lines[0], 3, gaps)
    assert xs == [0.0, 2.0]  # 甲 at the left edge, 乙 pushed to the right edge
    last = positions([1.0] * 5, lines[1], 3, gaps)
    assert last == [0.0, 1.0, 2.0]  # the last line keeps natural spacing


def test_a_latin_run_is_not_spaced_out():
    text = "甲APP乙丙"
    advances = [1.0, 0.5, 0.5, 0.5, 1.0, 1.0]
    lines = break_lines(text + "丁戊", advances + [1.0, 1.0], 5)
    gaps = [False, True, False, False, True, True, True, True, False]
    xs = positions(advances + [1.0, 1.0], lines[0], 5, gaps)
    assert xs[2] - xs[1] == pytest.approx(0.5)
    assert xs[3] - xs[2] == pytest.approx(0.5)


def test_a_line_that_would_be_spaced_out_squeezes_its_punctuation_instead():
    text = "甲，乙丙丁戊己庚12345辛"
    advances = [1.0] * 8 + [0.5] * 5 + [1.0]
    squeeze = squeezable(text, advances, 1.0)
    gaps = expandable(text)
    lines = break_lines(text, advances, 10, gaps=gaps, squeeze=squeeze)
    assert [text[ln.start : ln.end] for ln in lines] == ["甲，乙丙丁戊己庚12345", "辛"]
    xs = positions(advances, lines[0], 10, gaps, squeeze=squeeze, text=text)
    assert xs[2] == pytest.approx(1.5)  # the comma gave up half its em
    assert xs[-1] + advances[12] == pytest.approx(10)  # flush, no overhang
    # without squeezing the line would be spaced out by 2/7 em per gap
    plain = break_lines(text, advances, 10)
    assert text[plain[0].start : plain[0].end] == "甲，乙丙丁戊己庚"


def test_a_nearly_full_line_is_pushed_out_not_squeezed():
    # 28 characters fill the measure; the 。 after them may not start a line.
    # Squeezing ，and 。 would move them a whole em; widening 26 gaps spreads
    # the same em thinly, so the last 乙 goes down with the 。.
    text = "甲甲甲，" + "乙" * 24 + "。丙"
    advances = [1.0] * len(text)
    lines = break_lines(
        text,
        advances,
        28,
        gaps=expandable(text),
        squeeze=squeezable(text, advances, 1.0),
    )
    assert [text[ln.start : ln.end] for ln in lines] == [
        "甲甲甲，" + "乙" * 23,
        "乙。丙",
    ]


def test_a_paragraph_does_not_end_with_one_character_alone():
    text = "甲" * 28 + "乙。"
    advances = [1.0] * len(text)
    gaps = expandable(text)
    lines = break_lines(text, advances, 28, gaps=gaps, squeeze=[0.0] * len(text))
    assert [text[ln.start : ln.end] for ln in lines] == ["甲" * 27, "甲乙。"]
    # without the rule: 乙。 alone
    plain = break_lines(text, advances, 28)
    assert [text[ln.start : ln.end] for ln in plain][-1] == "乙。"


def test_indents_shorten_the_first_and_following_lines():
    lines = break_lines("甲" * 10, [1.0] * 10, 4, first_indent=2, rest_indent=1)
    assert [ln.end - ln.start for ln in lines] == [2, 3, 3, 2]


def test_a_paragraph_splits_between_lines_keeping_two_on_each_side():
    fonts = get_fontset()
    style = TextStyle(size=10, leading=12)
    block = TextBlock("甲" * 50, style, fonts)
    block.wrap(100, 1000)
    assert len(block.lines) == 5
    assert block.split(100, 12) == []  # one line would be an orphan
    head, tail = block.split(100, 48)  # four fit, but one would be a widow
    assert (len(head.lines), len(tail.lines)) == (3, 2)
    assert head.text + tail.text == "甲" * 50


# --- The rules, measured on the rendered PDF -------------------------------------

# Full measure: 28 characters of 15.75 pt; a paragraph's first line has 26.
FIRST = 26
FULL = 28
EDGE = "甲乙丙丁戊己庚辛壬癸"


def filler(n: int, offset: int = 0) -> str:
    return "".join(EDGE[(i + offset) % len(EDGE)] for i in range(n))


def crafted_paragraphs() -> list[str]:
    """Each paragraph puts a prohibited mark where a naive break would leave it."""
    paragraphs = []
    for mark in MUST_NOT_START:
        paragraphs.append(filler(FIRST) + mark + filler(FULL + 5, 3))
    for mark in MUST_NOT_END:
        paragraphs.append(filler(FIRST - 1) + mark + filler(FULL + 5, 3))
    # 8 digits where 2 characters of room are left
    paragraphs.append(filler(FIRST - 2) + "12345678" + filler(FULL + 5))
    paragraphs.append(filler(FIRST - 1) + "APPLICATION" + filler(FULL + 5))
    paragraphs.append(filler(FIRST - 1) + "——" + filler(FULL + 5))
    paragraphs.append(filler(FIRST - 1) + "……" + filler(FULL + 5))
    # a full line then 。 exactly one past the margin: must not hang
    paragraphs.append(filler(FIRST) + "。" + filler(FULL * 2))
    return paragraphs


@pytest.fixture(scope="module")
def crafted():
    paragraphs = crafted_paragraphs()
    data = render_pdf(simple_document(*paragraphs))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        lines = []
        for page in pdf.pages:
            lines.extend(text_lines(page))
    body = [ln for ln in lines if ln["left"] < BLOCK_LEFT + 3 * BODY_SIZE]
    return paragraphs, body


def paragraph_lines(crafted):
    """Group rendered body lines into paragraphs (a paragraph's first line is
    indented two characters)."""
    paragraphs, lines = crafted
    groups = []
    for line in lines:
        indented = line["left"] > BLOCK_LEFT + BODY_SIZE
        if indented or not groups:
            groups.append([line])
        else:
            groups[-1].append(line)
    texts = ["".join(ln["text"] for ln in g) for g in groups]
    return [g for g, t in zip(groups, texts, strict=True) if t in paragraphs]


def test_rendered_paragraphs_are_found(crafted):
    assert len(paragraph_lines(crafted)) == len(crafted[0])


def test_no_rendered_line_starts_with_a_closing_mark(crafted):
    for lines in paragraph_lines(crafted):
        for line in lines[1:]:
            if line["text"][:2] in ("——", "……"):
                continue  # a 破折号 or 省略号 may start a line
            assert line["text"][0] not in NO_LINE_START, line["text"]


def test_no_rendered_line_ends_with_an_opening_mark(crafted):
    for lines in paragraph_lines(crafted):
        for line in lines:
            assert line["text"][-1] not in NO_LINE_END, line["text"]


def test_digit_and_latin_runs_are_not_split_across_rendered_lines(crafted):
    for lines in paragraph_lines(crafted):
        for before, after in zip(lines, lines[1:], strict=False):
            a, b = before["text"][-1], after["text"][0]
            assert not (a.isascii() and a.isalnum() and b.isascii() and b.isalnum())
            assert not (a == b == "—") and not (a == b == "…")


def test_nothing_overhangs_the_margin(crafted):
    for lines in paragraph_lines(crafted):
        for line in lines:
            assert line["right"] <= BLOCK_RIGHT + 0.05, line["text"]


def test_lines_are_justified_by_character_spacing(crafted):
    for lines in paragraph_lines(crafted):
        for line in lines[:-1]:
            assert line["right"] == pytest.approx(BLOCK_RIGHT, abs=0.3), line["text"]
        # the pushed-down line has even gaps between its Chinese characters
        chars = [c for c in lines[0]["chars"] if c["text"] in EDGE]
        steps = [b["x0"] - a["x0"] for a, b in zip(chars, chars[1:], strict=False)]
        steps = [s for s in steps if s < 2 * BODY_SIZE]
        assert max(steps) - min(steps) < 0.01


def test_a_full_line_holds_28_characters(crafted):
    lines = paragraph_lines(crafted)[0]
    assert len(lines[1]["text"]) == FULL


def test_a_paragraph_split_across_pages_gains_no_spaces():
    text = filler(FULL * 30)
    data = render_pdf(simple_document(text))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 2
        lines = [ln for page in pdf.pages for ln in text_lines(page)]
    rendered = "".join(ln["text"] for ln in lines if ln["text"][0] in EDGE)
    assert rendered == text
