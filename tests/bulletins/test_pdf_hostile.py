"""Hostile text: whatever a clerk or editor types prints literally, or as □.

The renderer draws glyphs with canvas calls and never parses reportlab
paragraph markup, so tags and entities are just characters; nothing in the text
can open a file, add a link or raise.
"""

import builtins
import io
import os

import pdfplumber
import pypdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletins.document import (
    Attachment,
    Cell,
    Column,
    Document,
    Masthead,
    Paragraph,
    Section,
    Table,
)
from bulletins.pdf import render_pdf
from bulletins.pdf.text import clean

MARKUP = [
    "a < b && c > d",
    "<b>没有闭合的标签",
    "</para></font>",
    '<img src="/etc/passwd"/>',
    "<img src='/nonexistent/picture.png' width=100 height=100/>",
    '<a href="javascript:alert(1)">点击</a>',
    "&amp; &lt; &#x41; &nbsp; &bogus;",
    '<font name="Helvetica" color="red">字</font>',
    "<para autoLeading='max'>x</para>",
]
CONTROL = ["\x00", "\x07", "\x1b[31m", "\x7f", "\x9b"]
SURROGATES = ["\ud800", "\udfff", "a\udc80b"]
MISSING = ["😀", "👍🏽", "\U0001f1e8\U0001f1f3", "\ue000", "\U000e0001"]


def hostile_document(text: str) -> Document:
    """``text`` in every place a user can put text."""
    table = Table(
        columns=[Column(text), Column("数", "right")],
        rows=[[Cell(text), Cell(text)], [Cell(""), Cell("0")]],
        totals=[Cell(text), Cell(text)],
        totals_span=1,
        caption=text,
    )
    return Document(
        masthead=Masthead(
            title=text, issue_label=text, publisher=text, date_text=text, subtitle=text
        ),
        title=text,
        issuer=text,
        editor_note=text,
        sections=[
            Section(
                number=text,
                title=text,
                blocks=[
                    Paragraph(text=text, lead=text),
                    Section(number="（一）", title=text, level=2, blocks=[table]),
                ],
            )
        ],
        attachment_list=[text],
        attachments=[Attachment(label=text, title=text, table=table, meta=text)],
    )


def extracted(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "".join(c["text"] for page in pdf.pages for c in page.chars)


def test_markup_prints_literally():
    text = "｜".join(MARKUP)
    data = render_pdf(hostile_document(text))
    chars = extracted(data)
    for piece in MARKUP:
        assert piece.replace(" ", "") in chars.replace(" ", "")


def test_markup_adds_no_link_script_or_image():
    data = render_pdf(hostile_document("".join(MARKUP)))
    for name in (b"/JavaScript", b"/JS", b"/URI", b"/Annots", b"/Launch", b"/XObject"):
        assert name not in data
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert all("/Annots" not in page for page in reader.pages)


def test_markup_never_reaches_the_file_system(monkeypatch):
    render_pdf(hostile_document("热身"))  # fonts registered before watching
    opened = []
    real_open, real_os_open = builtins.open, os.open

    def watch_open(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    def watch_os_open(path, *args, **kwargs):
        opened.append(str(path))
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watch_open)
    monkeypatch.setattr(os, "open", watch_os_open)
    render_pdf(hostile_document("".join(MARKUP)))
    assert not [p for p in opened if "passwd" in p or "picture" in p]


def test_control_characters_and_lone_surrogates_become_a_visible_box():
    for bad in CONTROL + SURROGATES:
        text = f"前{bad}后"
        data = render_pdf(hostile_document(text))
        chars = extracted(data)
        expected = "前" + clean(bad) + "后"
        assert "□" in expected and expected in chars, repr(bad)
        assert "\x00" not in chars and "\x1b" not in chars


def test_characters_no_font_has_become_a_visible_box():
    data = render_pdf(hostile_document("前" + "".join(MISSING) + "后"))
    chars = extracted(data)
    assert "前□" in chars and "□后" in chars
    assert "😀" not in chars


def test_zero_width_format_characters_are_dropped():
    assert clean("a\u200bb\ufeffc\u202ed\u00ade") == "abcde"


def test_clean_keeps_line_breaks_and_the_ideographic_space():
    assert clean("甲\r\n乙\u2028丙\u3000丁\t戊\x85己") == "甲\n乙\n丙\u3000丁 戊\n己"


hostile_text = st.text(
    alphabet=st.one_of(
        st.characters(exclude_categories=()),  # every code point, surrogates too
        st.sampled_from("<>&\"'/;#—…，。“”（）《》\n\t 0123456789"),
    ),
    max_size=200,
) | st.lists(st.sampled_from(MARKUP + CONTROL + SURROGATES + MISSING)).map("".join)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(hostile_text)
def test_any_unicode_goes_through_the_whole_pdf_path(text):
    data = render_pdf(hostile_document(text))
    assert data.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2
    assert b"/JavaScript" not in data and b"/URI" not in data
