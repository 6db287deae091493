"""Fonts: found at Debian paths or configured, embedded, and the CID fallback."""

import io
import shutil
import subprocess

import pdfplumber
import pytest

from bulletins.pdf import font_status, get_fontset, render_pdf
from bulletins.pdf import fonts as fonts_module
from bulletins.pdf.checks import FALLBACK_ID, PROBLEM_ID, check_pdf_fonts
from tests.bulletins.pdf_samples import simple_document, text_lines

UKAI = "/usr/share/fonts/truetype/arphic/ukai.ttc"
WENKAI = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"
needs_debian_fonts = pytest.mark.skipif(
    not font_status().ok, reason="the Debian font packages are not installed"
)
needs_poppler = pytest.mark.skipif(
    shutil.which("pdffonts") is None, reason="poppler-utils not installed"
)


def body_fonts(data: bytes) -> set[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        lines = text_lines(pdf.pages[0])
    body = next(ln for ln in lines if ln["text"].startswith("正文"))
    return {c["fontname"].split("+")[-1] for c in body["chars"]}


@needs_debian_fonts
def test_the_default_set_suits_a_mainland_bulletin():
    status = font_status()
    assert status.ok and not status.fallback
    assert status.role("song").family == "AR PL UMing CN"
    assert status.role("hei").family == "WenQuanYi Zen Hei"
    assert status.role("kai").family == "LXGW WenKai"
    assert status.role("latin").family == "Liberation Serif"
    assert status.role("fangsong").source == "substitute"
    assert all(role.embedded for role in status.roles)
    assert "PDF 字体已嵌入" in status.summary
    assert check_pdf_fonts() == []


@needs_debian_fonts
def test_taiwan_style_punctuation_is_moved_to_the_bottom_left():
    song = get_fontset().face("song")
    advance, dx, dy = song.adjust["。"]
    assert advance == 1.0 and dx < -0.2 and dy < -0.3
    assert "、" in song.adjust
    assert "，" not in song.adjust  # UMing CN already sets it bottom-left
    assert get_fontset().face("kai").adjust == {}  # WenKai is mainland style
    # drawn from a second registration whose advance covers the move
    glyph = get_fontset().glyph("。", "song")
    assert glyph[1].name.endswith("-shifted")


@needs_debian_fonts
def test_half_width_quotes_of_a_face_are_taken_from_another():
    fontset = get_fontset()
    assert "“" in fontset.face("hei").avoid  # Zen Hei's quotes are proportional
    _, face, advance, _, _ = fontset.glyph("“", "hei")
    assert face is not fontset.face("hei") and advance == 1.0


@needs_debian_fonts
def test_a_role_can_be_configured_with_a_path_and_face_index(settings):
    settings.PDF_FONT_SONG = f"{UKAI}#0"
    status = font_status()
    assert status.role("song").family == "AR PL UKai CN"
    assert status.role("song").source == "setting"
    data = render_pdf(simple_document("正文用楷体。"))
    assert any("UKai" in name for name in body_fonts(data))


@needs_debian_fonts
def test_a_configured_fangsong_sets_the_body(settings):
    settings.PDF_FONT_FANGSONG = WENKAI
    assert get_fontset().body_role == "fangsong"
    data = render_pdf(simple_document("正文用仿宋。"))
    assert any("WenKai" in name for name in body_fonts(data))


@needs_debian_fonts
def test_an_unusable_setting_is_reported_and_searching_takes_over(settings, tmp_path):
    bogus = tmp_path / "not-a-font.ttf"
    bogus.write_bytes(b"this is not a font")
    settings.PDF_FONT_HEI = str(bogus)
    status = font_status()
    assert status.role("hei").family == "WenQuanYi Zen Hei"
    assert any("PDF_FONT_HEI" in p for p in status.problems)
    assert not status.ok
    assert [m.id for m in check_pdf_fonts()] == [PROBLEM_ID]


@pytest.fixture
def no_fonts(settings, monkeypatch, tmp_path):
    """A host without any of the font packages."""
    for name in ("SONG", "HEI", "KAI", "FANGSONG", "LATIN"):
        setattr(settings, f"PDF_FONT_{name}", "")
    settings.PDF_FONT_DIRS = []
    monkeypatch.setattr(fonts_module, "SEARCH_DIRS", (str(tmp_path),))


def test_without_fonts_the_builtin_cid_font_is_used_and_reported(no_fonts):
    status = font_status()
    assert status.fallback and not status.ok
    assert all(role.family == "STSong-Light" for role in status.roles)
    assert not status.role("song").embedded
    assert "STSong-Light" in status.summary and "不嵌入" in status.summary
    assert [m.id for m in check_pdf_fonts()] == [FALLBACK_ID]


def test_the_cid_fallback_still_renders_the_text(no_fonts):
    data = render_pdf(simple_document("正文：回退字体，6月份办结率100%。😀"))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "".join(c["text"] for c in pdf.pages[0].chars)
    assert "正文：回退字体，6月份办结率100%。□" in text


@needs_poppler
def test_the_cid_fallback_shows_as_not_embedded(no_fonts):
    data = render_pdf(simple_document("正文。"))
    fonts = subprocess.run(
        ["pdffonts", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    assert "STSong-Light" in fonts
    row = next(r for r in fonts.splitlines() if r.startswith("STSong-Light"))
    assert row.split()[-5] == "no"


def test_fonts_are_resolved_once_per_settings():
    assert get_fontset() is get_fontset()
