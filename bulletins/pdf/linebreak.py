"""Chinese line breaking: where a line may end, how lines are filled and justified.

Pure functions over a string and the advance of each character, so the rules
can be tested without fonts:

    >>> text = "甲乙丙，丁"
    >>> [(l.start, l.end) for l in break_lines(text, [1.0] * 5, 3.0)]
    [(0, 2), (2, 5)]

(``，`` may not start a line, so ``丙`` goes down with it; the short first line is
then justified by spreading the spare em over its gaps.)

The rules, after GB/T 15834-2011 §4 and the common 禁则 of Chinese typesetting:

- **No line start** (``NO_LINE_START``): 。，、；：？！ closing brackets, quotes and
  book-title marks, the 连接号 — and ～, the 间隔号 ·, % ‰ ℃, and their
  half-width forms. A 破折号 (two dashes) or 省略号 may start a line.
- **No line end** (``NO_LINE_END``): opening brackets, quotes and book-title marks.
- **Inseparable**: the two halves of ——, …… and ⋯⋯; digits and Latin letters in
  one run (``2021``, ``0.37%``, ``APP``, ``12:30``, ``1.5``) unless a run is wider
  than the line.
- Nothing overhangs the margin: a character that may not start a line pulls its
  predecessor down with it (推出), and the shortened line is justified.
- Spaces at a break disappear; a space never starts a line.
- **Justification** spreads the slack evenly over the gaps between characters,
  never inside a Latin run or a ——/…… pair; the last line of a paragraph and a
  line ended by ``\\n`` are set to their natural width.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

NO_LINE_START = frozenset(
    "，。、；：？！）》」』】〕〉〗〙｝］”’—～·・％‰℃°′″々〃ー"
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
    ",.;:?!)]}%-"
)
NO_LINE_END = frozenset("（《「『【〔〈〖〘｛［“‘￥＄([{$£¥€")
# Marks that take two ems and may not be split: the 破折号 and the 省略号.
PAIRED = frozenset("—…⋯")
# Punctuation that joins two letters or digits into one unbreakable run:
# 1.5  12:30  10,503  A-1  a/b  x_y
WORD_JOINERS = frozenset(".,:/-+_'@&#")

# Full-width punctuation whose glyph fills half its em: the blank half may be
# squeezed out (标点挤压) to keep a line from being spaced out.
SQUEEZE_CLOSING = frozenset("，。、；：！？）》」』】〕〉”’")
SQUEEZE_OPENING = frozenset("（《「『【〔〈“‘")
# A line spaced out by more than this (em per gap) is squeezed instead, when its
# punctuation can absorb what did not fit.
LOOSE = 0.08

EPSILON = 1e-6


@dataclass(frozen=True)
class Line:
    """Characters ``text[start:end]`` (trailing spaces dropped) set on one line."""

    start: int
    end: int
    width: float  # natural width, before justification
    indent: float
    last: bool  # last line of the paragraph or ended by "\n": not justified


def is_word_char(ch: str) -> bool:
    """A letter or digit that belongs to a Latin (half-width) run."""
    if ch < "\x80":
        return ch.isalnum()
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return False
    return unicodedata.category(ch)[0] in "LNM"


def word_mask(text: str) -> list[bool]:
    """True for each character inside a run of letters and digits."""
    mask = [is_word_char(ch) for ch in text]
    joined = mask[:]
    for i in range(1, len(text) - 1):
        if text[i] in WORD_JOINERS and mask[i - 1] and mask[i + 1]:
            joined[i] = True
    return joined


def _no_start(text: str, i: int) -> bool:
    ch = text[i]
    if ch in PAIRED and i + 1 < len(text) and text[i + 1] == ch:
        return False  # a —— or …… may start a line
    return ch in NO_LINE_START


def _combining(ch: str) -> bool:
    return ch >= "\u0300" and unicodedata.category(ch)[0] == "M"


def break_opportunities(text: str, words: list[bool] | None = None) -> list[bool]:
    """``ok[i]`` is True when a line may break before ``text[i]``.

    ``ok[0]`` and ``ok[len(text)]`` are True; a ``\\n`` is a forced break.
    """
    n = len(text)
    words = word_mask(text) if words is None else words
    ok = [False] * (n + 1)
    ok[0] = ok[n] = True
    for i in range(1, n):
        a, b = text[i - 1], text[i]
        if a == "\n" or b == "\n":
            ok[i] = True
        elif b == " " or _combining(b):
            continue
        elif _no_start(text, i) or a in NO_LINE_END:
            continue
        elif words[i - 1] and words[i]:
            continue
        elif a == b and a in PAIRED:
            continue
        else:
            ok[i] = True
    return ok


def expandable(text: str, words: list[bool] | None = None) -> list[bool]:
    """``gap[i]`` is True when justification may widen the gap before ``text[i]``."""
    n = len(text)
    words = word_mask(text) if words is None else words
    gap = [False] * (n + 1)
    for i in range(1, n):
        a, b = text[i - 1], text[i]
        if words[i - 1] and words[i]:
            continue
        if a == b and a in PAIRED:
            continue
        if _combining(b):
            continue
        gap[i] = True
    return gap


def squeezable(text: str, advances: list[float], size: float) -> list[float]:
    """How much each character may give up: half of a full-width mark."""
    return [
        0.5 * size
        if (ch in SQUEEZE_CLOSING or ch in SQUEEZE_OPENING) and adv >= 0.9 * size
        else 0.0
        for ch, adv in zip(text, advances, strict=True)
    ]


def break_lines(
    text: str,
    advances: list[float],
    width: float,
    first_indent: float = 0.0,
    rest_indent: float = 0.0,
    breaks: list[bool] | None = None,
    gaps: list[bool] | None = None,
    squeeze: list[float] | None = None,
) -> list[Line]:
    """Fill lines greedily, breaking only where ``break_opportunities`` allows.

    ``advances[i]`` is the width of ``text[i]``; ``width`` the measure; indents
    shorten the first and following lines. An empty text gives one empty line.

    A line that must end early (推出) is justified by widening its gaps. When
    ``squeeze`` (from ``squeezable``) shows that its punctuation can absorb the
    unit that did not fit, and either widening would space the line out by more
    than ``LOOSE`` em per gap or squeezing moves less than half as far, the unit
    stays and the punctuation is squeezed (推入): ``Line.width`` then exceeds
    the measure by the amount squeezed.
    """
    n = len(text)
    ok = break_opportunities(text) if breaks is None else breaks
    lines: list[Line] = []
    pos = 0
    first = True
    while True:
        indent = first_indent if first else rest_indent
        avail = width - indent
        end = pos
        used = 0.0
        while end < n and text[end] != "\n" and used + advances[end] <= avail + EPSILON:
            used += advances[end]
            end += 1
        if end >= n or text[end] == "\n":
            lines.append(_line(text, advances, pos, end, indent, last=True))
            if end >= n:
                break
            pos = end + 1
            first = False
            continue
        hang = end
        while hang < n and text[hang] == " ":
            hang += 1  # spaces may pass the margin: they vanish at the break
        if hang > end and (hang >= n or ok[hang]):
            cut = hang
        else:
            cut = end
            while cut > pos and not ok[cut]:
                cut -= 1
            if cut == pos:  # one run wider than the line: break it where it fills
                cut = max(end, pos + 1)
            elif squeeze is not None and gaps is not None:
                cut = _push_in(text, advances, ok, gaps, squeeze, pos, cut, end, avail)
        lines.append(_line(text, advances, pos, cut, indent, last=False))
        pos = cut
        while pos < n and text[pos] == " ":
            pos += 1
        first = False
        if pos >= n:
            # the text ended in spaces swallowed by the last break
            lines[-1] = _replace_last(lines[-1])
            break
    if gaps is not None and len(lines) > 1:
        _no_lone_last_character(text, advances, width, ok, gaps, lines)
    return lines


def _no_lone_last_character(text, advances, width, ok, gaps, lines) -> None:
    """A paragraph should not end with one character alone on its line (孤字):
    take one more down from the line above, if that leaves it no looser than
    ``LOOSE`` em per gap."""
    last, above = lines[-1], lines[-2]
    if above.last or above.end != last.start:
        return
    body = text[last.start : last.end].rstrip("".join(NO_LINE_START))
    if len(body) != 1:
        return
    cut = above.end - 1
    while cut > above.start and not ok[cut]:
        cut -= 1
    if cut <= above.start:
        return
    shorter = _line(text, advances, above.start, cut, above.indent, last=False)
    count = sum(1 for i in range(above.start + 1, shorter.end) if gaps[i])
    em = max(advances[above.start : cut], default=1.0) or 1.0
    slack = width - above.indent - shorter.width
    if count and slack / count <= LOOSE * em:
        lines[-2:] = [
            shorter,
            _line(text, advances, cut, last.end, last.indent, last=True),
        ]


def _push_in(text, advances, ok, gaps, squeeze, pos, cut, end, avail) -> int:
    """``cut``, or a later break when squeezing beats spacing the line out."""
    out = _line(text, advances, pos, cut, 0.0, last=False)
    count = sum(1 for i in range(pos + 1, out.end) if gaps[i])
    em = max(advances[pos:cut], default=1.0) or 1.0
    slack = avail - out.width
    later = end + 1
    while later < len(text) and not ok[later]:
        later += 1
    if not count or "\n" in text[end:later]:
        return cut
    trial = _line(text, advances, pos, later, 0.0, last=False)
    overflow = trial.width - avail
    if overflow > sum(squeeze[pos : trial.end]) + EPSILON:
        return cut  # the punctuation cannot absorb it
    if slack / count > LOOSE * em or overflow <= slack / 2:
        return later
    return cut


def _line(text, advances, start, end, indent, *, last) -> Line:
    while end > start and text[end - 1] == " ":
        end -= 1
    return Line(start, end, sum(advances[start:end]), indent, last)


def _replace_last(line: Line) -> Line:
    return Line(line.start, line.end, line.width, line.indent, True)


def positions(
    advances: list[float],
    line: Line,
    width: float,
    gaps: list[bool],
    justify: bool = True,
    offset: int = 0,
    squeeze: list[float] | None = None,
    text: str = "",
) -> list[float]:
    """x of each character of ``line`` from the left edge of the measure.

    A justified line spreads ``width - indent - line.width`` over its expandable
    gaps; other lines keep natural spacing. A line wider than the measure
    (pushed in) squeezes its punctuation in proportion to ``squeeze``: a closing
    mark gives up the blank after it, an opening mark the blank before it.
    ``offset`` is added to the line's indices (for a part of a split paragraph).
    """
    start, end = line.start + offset, line.end + offset
    extra = 0.0
    ratio = 0.0
    slack = width - line.indent - line.width
    if justify and not line.last and end - start > 1:
        if slack > EPSILON:
            count = sum(1 for i in range(start + 1, end) if gaps[i])
            if count:
                extra = slack / count
    if slack < -EPSILON and squeeze is not None:
        total = sum(squeeze[start:end])
        if total > EPSILON:
            ratio = min(1.0, -slack / total)
    xs = []
    x = line.indent
    for i in range(start, end):
        if i > start and gaps[i]:
            x += extra
        cut = squeeze[i] * ratio if ratio else 0.0
        if cut and text[i] in SQUEEZE_OPENING:
            x -= cut
            xs.append(x)
            x += advances[i]
        else:
            xs.append(x)
            x += advances[i] - cut
    return xs
