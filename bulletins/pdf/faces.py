"""A registered font face: its metrics, coverage and the mainland placement of
punctuation (GB/T 15834) for faces that centre it the Taiwan way; each face is
registered with reportlab once per process (``register``, ``register_cid``)."""

from __future__ import annotations

import copy
import os
import struct
from dataclasses import dataclass, field, replace
from weakref import WeakKeyDictionary

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

CID_FONT = "STSong-Light"
SHIFTED_OVERLAP = 0.25  # em; see _register_shifted

# Punctuation placed by class when a face sets it the Taiwan way (centred).
_BOTTOM_LEFT = "。、，．"
_LEFT = "；：！？"
_OPENING_QUOTES = "“‘"
_CLOSING_QUOTES = "”’"


@dataclass(eq=False)
class Face:
    """A registered face: reportlab name, coverage and metrics in ems."""

    name: str
    family: str
    path: str
    index: int
    embedded: bool
    widths: dict  # code point (int) or char (CID) -> width in 1/1000 em
    cmap: object  # container of code points the face has glyphs for
    default_width: float = 1000.0
    ascent: float = 0.88
    descent: float = -0.12
    adjust: dict[str, tuple[float, float, float]] = field(default_factory=dict)
    cid: bool = False
    # Characters this face has but should not set in Chinese text (half-width
    # quotes): another face is preferred for them.
    avoid: frozenset[str] = frozenset()
    # The same face registered again with widened advances for the glyphs that
    # ``adjust`` moves left, so that text extraction sees no gap after them.
    shifted: Face | None = None

    def has(self, ch: str) -> bool:
        if self.cid:
            return ord(ch) < 0x10000 and _gbk(ch)
        return ord(ch) in self.cmap

    def metrics(self, ch: str) -> tuple[float, float, float]:
        """(advance, dx, dy) in ems; dx/dy move the glyph within its advance."""
        if ch in self.adjust:
            return self.adjust[ch]
        if self.cid:
            return self.widths.get(ch, 1000) / 1000.0, 0.0, 0.0
        return self.widths.get(ord(ch), self.default_width) / 1000.0, 0.0, 0.0


def _gbk(ch: str) -> bool:
    try:
        ch.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


_registered: dict[tuple[str, int], Face] = {}


def register(path: str, index: int) -> Face:
    """The face at ``path`` (``index`` in a collection), registered once per
    process."""
    path = os.path.abspath(path)
    face = _registered.get((path, index))
    if face is not None:
        return face
    stem = os.path.splitext(os.path.basename(path))[0]
    name = f"Bulletin-{stem}-{index}"
    font = TTFont(name, path, subfontIndex=index, shapable=False)
    pdfmetrics.registerFont(font)
    ttf = font.face
    face = Face(
        name=name,
        family=ttf.familyName.decode("latin-1")
        if isinstance(ttf.familyName, bytes)
        else str(ttf.familyName),
        path=path,
        index=index,
        embedded=True,
        widths=ttf.charWidths,
        cmap=ttf.charToGlyph,
        default_width=float(ttf.defaultWidth),
        ascent=ttf.ascent / 1000.0,
        descent=ttf.descent / 1000.0,
    )
    face.adjust = _adjustments(ttf)
    face.avoid = frozenset(
        ch
        for ch in _OPENING_QUOTES + _CLOSING_QUOTES
        if ttf.charWidths.get(ord(ch), 1000) < 900
    )
    if face.adjust:
        face.shifted = _register_shifted(font, face)
    _registered[(path, index)] = face
    return face


def _register_shifted(font: TTFont, face: Face) -> Face:
    """Register ``font`` again under another name, with each moved glyph's
    advance widened by the distance it moves left.

    The glyph is drawn from an origin moved left (and down: ``Face.adjust``); a
    PDF reader takes the glyph's box from that origin and its /Widths entry. The
    wider advance makes the box reach past where the next character starts, by
    ``SHIFTED_OVERLAP`` em to cover justification: readers (pdftotext) then see
    no gap and insert no space. Outlines and the embedded program are unchanged.
    """
    variant = copy.copy(font)
    variant.fontName = f"{face.name}-shifted"
    variant.state = WeakKeyDictionary()
    variant.face = copy.copy(font.face)
    variant.face.name = font.face.name + b"Shifted"
    widths = dict(font.face.charWidths)
    for ch, (advance, dx, _dy) in face.adjust.items():
        widths[ord(ch)] = (advance - dx + SHIFTED_OVERLAP) * 1000.0
    variant.face.charWidths = widths
    pdfmetrics.registerFont(variant)
    return replace(face, name=variant.fontName, adjust=face.adjust, shifted=None)


def register_cid() -> Face:
    """reportlab's built-in CID font (not embedded), registered once."""
    face = _registered.get(("", -1))
    if face is not None:
        return face
    font = UnicodeCIDFont(CID_FONT)
    pdfmetrics.registerFont(font)
    face = Face(
        name=CID_FONT,
        family=CID_FONT,
        path="",
        index=0,
        embedded=False,
        widths=font.unicodeWidths,
        cmap=(),
        ascent=0.752,
        descent=-0.271,
        cid=True,
    )
    _registered[("", -1)] = face
    return face


def _bbox(ttf, ch: str) -> tuple[float, float, float, float] | None:
    """A glyph's bounding box in 1/1000 em, read from the glyf table."""
    gid = ttf.charToGlyph.get(ord(ch))
    if gid is None or "glyf" not in ttf.table:
        return None
    start, end = ttf.glyphPos[gid], ttf.glyphPos[gid + 1]
    if end <= start:
        return None
    offset = ttf.table["glyf"]["offset"] + start
    _, x0, y0, x1, y1 = struct.unpack(">hhhhh", ttf._ttf_data[offset : offset + 10])
    scale = 1000.0 / ttf.unitsPerEm
    return x0 * scale, y0 * scale, x1 * scale, y1 * scale


def _adjustments(ttf) -> dict[str, tuple[float, float, float]]:
    """Advance and offsets (ems) that set a face's punctuation the mainland way.

    GB/T 15834 sets 。、，． in the bottom-left quarter of the em and ；：！？ in
    its left half; Taiwan-style faces (AR PL UMing's 。、, all of AR PL UKai's)
    centre them. Such glyphs are moved left (and down) when drawn.
    """
    adjust: dict[str, tuple[float, float, float]] = {}
    for ch in _BOTTOM_LEFT + _LEFT:
        box = _bbox(ttf, ch)
        width = ttf.charWidths.get(ord(ch), 0)
        if box is None or width < 900:
            continue
        x0, y0, x1, y1 = box
        if (x0 + x1) / 2 <= 350 or x0 <= 100:
            continue  # already in the left half
        dx = 100 - x0
        dy = -90 - y0 if ch in _BOTTOM_LEFT and (y0 + y1) / 2 > 200 else 0.0
        adjust[ch] = (width / 1000.0, dx / 1000.0, dy / 1000.0)
    return adjust
