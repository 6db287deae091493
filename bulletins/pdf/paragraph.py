"""A paragraph flowable that sets Chinese text by the rules in ``linebreak``.

``TextBlock`` takes plain text (never markup), picks a face for every character
(``FontSet.glyph``), breaks lines with the 禁则, justifies by spacing characters,
and draws each line with canvas text calls. It splits between lines only, so a
paragraph continued on the next page is the same characters, with no space
inserted, and keeps at least ``min_lines`` lines on each side of a page break.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus.flowables import Flowable

from .fonts import FontSet
from .linebreak import (
    Line,
    break_lines,
    break_opportunities,
    expandable,
    positions,
    squeezable,
    word_mask,
)
from .text import clean

EPSILON = 1e-6
# CJK faces centre an ideographic em box of 1 em: baseline 0.88 em below its top.
EM_ASCENT = 0.88


@dataclass(frozen=True)
class TextStyle:
    role: str = "song"
    size: float = 15.75
    leading: float = 28.99
    first_indent: float = 0.0  # points
    rest_indent: float = 0.0
    align: str = "justify"  # justify | left | center | right
    color: Color | None = None
    bold: bool = False  # drawn with a stroke: CJK faces have no bold
    space_before: float = 0.0
    space_after: float = 0.0
    min_lines: int = 2  # widow and orphan control when split across pages
    balance: bool = False  # centred titles: lines of even length (排列对称)


class Shaped:
    """The characters to draw, with face, advance and offsets for each."""

    __slots__ = ("text", "faces", "advances", "dx", "dy", "breaks", "gaps", "squeeze")

    def __init__(self, runs: list[tuple[str, str]], fonts: FontSet, size: float):
        chars: list[str] = []
        faces = []
        advances: list[float] = []
        dx: list[float] = []
        dy: list[float] = []
        glyph = fonts.glyph
        for raw, role in runs:
            for ch in clean(raw):
                if ch == "\n":
                    chars.append(ch)
                    faces.append(None)
                    advances.append(0.0)
                    dx.append(0.0)
                    dy.append(0.0)
                    continue
                out, face, advance, ox, oy = glyph(ch, role)
                chars.append(out)
                faces.append(face)
                advances.append(advance * size)
                dx.append(ox * size)
                dy.append(oy * size)
        self.text = "".join(chars)
        self.faces = faces
        self.advances = advances
        self.dx = dx
        self.dy = dy
        words = word_mask(self.text)
        self.breaks = break_opportunities(self.text, words)
        self.gaps = expandable(self.text, words)
        self.squeeze = squeezable(self.text, advances, size)


class TextBlock(Flowable):
    """A paragraph (or heading, title, table cell) of plain text."""

    def __init__(
        self,
        runs: str | list[tuple[str, str]],
        style: TextStyle,
        fonts: FontSet,
        *,
        _shaped: Shaped | None = None,
        _span: tuple[int, int] | None = None,
        _first_indent: float | None = None,
        _ends: bool = True,
    ):
        super().__init__()
        if isinstance(runs, str):
            runs = [(runs, style.role)]
        self.style = style
        self.fonts = fonts
        self.shaped = _shaped or Shaped(runs, fonts, style.size)
        self.span = _span or (0, len(self.shaped.text))
        self.first_indent = (
            style.first_indent if _first_indent is None else _first_indent
        )
        self.ends = _ends  # this part holds the paragraph's last line
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after
        self.lines: list[Line] = []
        self._measure: float | None = None
        self.width = 0.0
        self.height = 0.0

    @property
    def text(self) -> str:
        start, stop = self.span
        return self.shaped.text[start:stop]

    def line_texts(self) -> list[str]:
        start = self.span[0]
        text = self.shaped.text
        return [text[start + ln.start : start + ln.end] for ln in self.lines]

    def _layout(self, width: float) -> None:
        start, stop = self.span
        s = self.shaped
        breaks = s.breaks[start : stop + 1]
        breaks[0] = breaks[-1] = True
        lines = break_lines(
            s.text[start:stop],
            s.advances[start:stop],
            width,
            self.first_indent,
            self.style.rest_indent,
            breaks,
            s.gaps[start:stop],
            s.squeeze[start:stop] if self.style.align == "justify" else None,
        )
        if self.style.balance and len(lines) > 1:
            lines = self._balanced(lines, width, breaks)
        if not self.ends and lines and lines[-1].end == stop - start:
            lines[-1] = replace(lines[-1], last=False)
        self.lines = lines
        self._measure = width

    def _balanced(self, lines: list[Line], width: float, breaks) -> list[Line]:
        """The same number of lines in the narrowest measure that holds them."""
        start, stop = self.span
        s = self.shaped
        text, advances = s.text[start:stop], s.advances[start:stop]
        low, high, best = width / len(lines), width, lines
        for _ in range(16):
            middle = (low + high) / 2
            trial = break_lines(text, advances, middle, 0.0, 0.0, breaks)
            if len(trial) <= len(lines) and max(ln.width for ln in trial) <= middle:
                high, best = middle, trial
            else:
                low = middle
        return [replace(ln, indent=0.0) for ln in best]

    def wrap(self, availWidth, availHeight):
        if self._measure is None or abs(self._measure - availWidth) > EPSILON:
            self._layout(availWidth)
        self.width = availWidth
        self.height = len(self.lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        total = len(self.lines)
        fit = int((availHeight + EPSILON) // self.style.leading)
        if fit >= total:
            return []  # nothing to split (a table asks even when a cell fits)
        keep = self.style.min_lines
        if total - fit < keep:
            fit = total - keep
        if fit < keep or fit <= 0:
            return []
        start = self.span[0]
        cut = start + self.lines[fit].start
        head = self._part((start, cut), self.first_indent, ends=False)
        head.lines = self.lines[:fit]
        head._measure = self._measure
        head.spaceAfter = 0
        tail = self._part((cut, self.span[1]), self.style.rest_indent, ends=self.ends)
        tail.spaceBefore = 0
        base = self.lines[fit].start
        tail.lines = [
            replace(ln, start=ln.start - base, end=ln.end - base)
            for ln in self.lines[fit:]
        ]
        tail._measure = self._measure
        return [head, tail]

    def _part(self, span, first_indent, *, ends) -> TextBlock:
        return TextBlock(
            [],
            self.style,
            self.fonts,
            _shaped=self.shaped,
            _span=span,
            _first_indent=first_indent,
            _ends=ends,
        )

    def draw(self):
        draw_lines(self.canv, self, 0.0, self.height)

    def __repr__(self):
        return f"TextBlock({self.text[:20]!r}…, {len(self.lines)} lines)"


def draw_lines(canv, block: TextBlock, x0: float, top: float) -> None:
    """Draw the block's lines with their top at ``top``, left edge at ``x0``.

    The text operators are written directly (one BT/ET block per paragraph):
    reportlab's text object would measure every string again and format every
    number through its slow pure-Python path.
    """
    style = block.style
    s = block.shaped
    size = style.size
    base = block.span[0]
    measure = block._measure or block.width
    baseline = (style.leading - size) / 2 + EM_ASCENT * size
    ops = ["BT"]
    if style.bold:
        ops.append("2 Tr")
    emitter = _Emitter(canv, ops, size)
    for number, line in enumerate(block.lines):
        if line.end <= line.start:
            continue
        y = top - number * style.leading - baseline
        xs = positions(
            s.advances,
            line,
            measure,
            s.gaps,
            justify=style.align == "justify",
            offset=base,
            squeeze=s.squeeze,
            text=s.text,
        )
        if style.align in ("center", "right"):
            offset = measure - line.indent - line.width
            if style.align == "center":
                offset /= 2
            xs = [x + offset for x in xs]
        _draw_line(emitter, s, base + line.start, base + line.end, xs, x0, y)
    ops.append("ET")
    canv.saveState()
    if style.color is not None:
        canv.setFillColor(style.color)
        canv.setStrokeColor(style.color)
    if style.bold:
        canv.setLineWidth(size * 0.035)
        canv.setLineJoin(1)
    canv._code.append(" ".join(ops))
    canv.restoreState()


def _num(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


class _Emitter:
    """PDF text operators for runs of glyphs of one face."""

    def __init__(self, canv, ops: list[str], size: float):
        self.canv = canv
        self.doc = canv._doc
        self.ops = ops
        self.size = _num(size)
        self.spacing = 0.0

    def show(self, face, text: str, x: float, y: float, spacing: float) -> None:
        ops = self.ops
        if abs(spacing - self.spacing) > 1e-6:
            ops.append(f"{_num(spacing)} Tc")
            self.spacing = spacing
        ops.append(f"1 0 0 1 {_num(x)} {_num(y)} Tm")
        font = _font(face.name)
        if font._dynamicFont:
            escape = self.canv._escape
            for subset, chunk in font.splitString(text, self.doc):
                name = font.getSubsetInternalName(subset, self.doc)
                ops.append(f"{name} {self.size} Tf ({escape(chunk)}) Tj")
        else:  # the built-in CID font
            name = self.doc.getInternalFontName(face.name)
            ops.append(f"{name} {self.size} Tf ({font.formatForPdf(text)}) Tj")


_font_cache: dict[str, object] = {}


def _font(name: str):
    font = _font_cache.get(name)
    if font is None:
        font = _font_cache[name] = pdfmetrics.getFont(name)
    return font


def _draw_line(emitter: _Emitter, s: Shaped, start, end, xs, x0, y) -> None:
    """Group the line's glyphs into runs drawn with one origin and one Tc each.

    A glyph moved within its em (Taiwan-style 。、 set bottom-left) is drawn on
    its own from the moved origin (its face's widened advance keeps readers
    from seeing a gap after it).
    """
    faces, dx, dy, advances, text = s.faces, s.dx, s.dy, s.advances, s.text
    i = start
    while i < end:
        face = faces[i]
        ox, oy = dx[i], dy[i]
        j = i + 1
        spacing = 0.0
        if not (ox or oy):
            first = True
            while j < end and faces[j] is face and not dx[j] and not dy[j]:
                step = xs[j - start] - xs[j - 1 - start] - advances[j - 1]
                if first:
                    spacing, first = step, False
                elif abs(step - spacing) > 1e-4:
                    break
                j += 1
        chunk = text[i:j]
        if face is not None and chunk.strip(" "):
            emitter.show(face, chunk, x0 + xs[i - start] + ox, y + oy, spacing)
        i = j
