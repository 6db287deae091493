"""Chinese text conventions of the bulletin: numbering, period labels, dates and
punctuation (GB/T 15834).

    >>> part_number(2), section_number(21), month_label(6), date_text(date(2021, 7, 6))
    ('二、', '（二十一）', '6月份', '2021年7月6日')
    >>> normalise_text("6月份,窗口受理 8027件(详见附表).")
    '6月份，窗口受理8027件（详见附表）。'
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1–99 in Chinese numerals, as used for part and section numbers.

    >>> [chinese_numeral(n) for n in (10, 11, 21, 90)]
    ['十', '十一', '二十一', '九十']
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 99:
        raise ValueError(f"part and section numbers run from 1 to 99, got {n!r}")
    tens, units = divmod(n, 10)
    text = ""
    if tens:
        text = ("" if tens == 1 else _DIGITS[tens]) + "十"
    if units:
        text += _DIGITS[units]
    return text


def part_number(n: int) -> str:
    """Number of a part (level 1 heading).

    >>> part_number(1), part_number(11)
    ('一、', '十一、')
    """
    return f"{chinese_numeral(n)}、"


def section_number(n: int) -> str:
    """Number of a section (level 2 heading), in full-width parentheses.

    >>> section_number(3)
    '（三）'
    """
    return f"（{chinese_numeral(n)}）"


def item_number(n: int) -> str:
    """Number of an item (level 3), an Arabic numeral and a half-width point.

    >>> item_number(2)
    '2.'
    """
    return f"{n}."


def month_label(month: int) -> str:
    """A reporting month as the bulletin names it.

    >>> month_label(6)
    '6月份'
    """
    if not 1 <= month <= 12:
        raise ValueError(f"a month runs from 1 to 12, got {month!r}")
    return f"{month}月份"


def previous_month_label(month: int) -> str:
    """The month before, as compared against (较5月份的…).

    January's previous month is December of the year before, labelled
    ``上年12月份`` so that a reader does not take it for this year's December.

    >>> previous_month_label(6), previous_month_label(1)
    ('5月份', '上年12月份')
    """
    if month == 1:
        return "上年12月份"
    return month_label(month - 1)


def quarter_label(quarter: int) -> str:
    """A reporting quarter (一季度 … 四季度).

    >>> quarter_label(3)
    '三季度'
    """
    if not 1 <= quarter <= 4:
        raise ValueError(f"a quarter runs from 1 to 4, got {quarter!r}")
    return f"{chinese_numeral(quarter)}季度"


def previous_quarter_label(quarter: int) -> str:
    """The quarter before; the first quarter's is the year before's fourth.

    >>> previous_quarter_label(3), previous_quarter_label(1)
    ('二季度', '上年四季度')
    """
    if quarter == 1:
        return "上年四季度"
    return quarter_label(quarter - 1)


def date_text(day: date) -> str:
    """A date in the bulletin's style, without leading zeros.

    >>> date_text(date(2021, 7, 6))
    '2021年7月6日'
    """
    return f"{day.year}年{day.month}月{day.day}日"


# --- punctuation ------------------------------------------------------------

# Chinese characters, and the full-width punctuation that sits among them.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
_CJK = f"{_HAN}{_CJK_PUNCT}\u201c\u201d\u2018\u2019\u2026\u2014"
_HAN_RE = re.compile(f"[{_HAN}]")

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_SPACES = "[ \t\u00a0\u2002-\u200a\u202f\u205f]+"
# Zero-width and direction marks that sneak in from word processors.
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"


def _is_control(char: str) -> bool:
    return char != "\n" and (unicodedata.category(char) == "Cc" or char in _INVISIBLE)


def _fold_full_width(char: str) -> str:
    """Full-width digits, letters and %% to ASCII (１２３ → 123, ＡＰＰ → APP)."""
    code = ord(char)
    if (
        0xFF10 <= code <= 0xFF19
        or 0xFF21 <= code <= 0xFF3A
        or 0xFF41 <= code <= 0xFF5A
        or char == "％"
    ):
        return chr(code - 0xFEE0)
    return char


def _pairs(text: str, pattern: str, open_: str, close: str) -> str:
    """Turn balanced ASCII pairs into full-width ones where they are Chinese:
    when their content or either outside neighbour is Chinese."""
    regex = re.compile(pattern)

    def replace(match: re.Match[str]) -> str:
        inner = match.group(1)
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if (
            _HAN_RE.search(inner)
            or re.match(f"[{_CJK}]", before)
            or re.match(f"[{_CJK}]", after)
        ):
            return f"{open_}{inner}{close}"
        return match.group(0)

    return regex.sub(replace, text)


def _parentheses(text: str) -> str:
    """``(…)`` to ``（…）`` where Chinese: a matched pair when its content (nested
    pairs included) or an outside neighbour is Chinese; an unmatched one when a
    neighbour is. Pairs never span lines."""
    return "\n".join(_parentheses_in_line(line) for line in text.split("\n"))


def _parentheses_in_line(line: str) -> str:
    chinese = re.compile(f"[{_CJK}]")

    def near_chinese(i: int) -> bool:
        return bool(
            (i > 0 and chinese.match(line[i - 1]))
            or (i + 1 < len(line) and chinese.match(line[i + 1]))
        )

    chars = list(line)
    opened: list[int] = []
    for i, char in enumerate(line):
        if char == "(":
            opened.append(i)
        elif char == ")" and opened:
            start = opened.pop()
            if _HAN_RE.search(line, start, i) or near_chinese(start) or near_chinese(i):
                chars[start], chars[i] = "（", "）"
        elif char == ")" and near_chinese(i):
            chars[i] = "）"
    for start in opened:
        if near_chinese(start):
            chars[start] = "（"
    return "".join(chars)


def _collapse_spaces(text: str) -> str:
    """Remove spaces next to Chinese: in Chinese text they are typing slips."""
    text = re.sub(f"(?<=[{_CJK}]){_SPACES}(?=\\S)", "", text)
    return re.sub(f"(?<=\\S){_SPACES}(?=[{_CJK}])", "", text)


# Pure, and called with the same names over and over (every option of every
# unit's figures): composing 20 units × 30 definitions normalised 5,700 texts,
# some 200 of them distinct.
@lru_cache(maxsize=4096)
def normalise_text(text: str) -> str:
    """Clean a clerk's or editor's text to the bulletin's punctuation rules.

    * control and zero-width characters are removed (newlines kept), ``\\r\\n``
      becomes ``\\n``, each line is trimmed;
    * full-width digits and Latin letters become half-width (１２３ → 123);
    * spaces next to a Chinese character are removed (``受理 8027件``);
    * ``, ; : ? !`` next to Chinese become ``，；：？！``; ``(…)`` and straight
      quotes ``"…"``/``'…'`` become ``（…）``, ``“…”``, ``‘…’`` when their content
      or surroundings are Chinese; a ``.`` after a Chinese character and before
      Chinese or the end of a line becomes ``。``.

    Figures and item numbers are untouched: ``1.5个工作日``, ``1.积极推动``,
    ``1,000``, ``8:30``, ``APP``, ``〔2021〕23号``.

    >>> normalise_text('编制《目录(征求意见稿)》,切实做到"一次一评".')
    '编制《目录（征求意见稿）》，切实做到“一次一评”。'
    """
    # A converted mark can make its neighbour Chinese context too ("::" → "：："),
    # so repeat until nothing changes; every step only removes or widens.
    previous = None
    while previous != text:
        previous = text
        text = _normalise_once(text)
    return text


def _normalise_once(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(_fold_full_width(c) for c in text if not _is_control(c))
    text = "\n".join(line.strip(" \t\u00a0") for line in text.split("\n"))
    text = _collapse_spaces(text)
    text = _pairs(text, r'"([^"\n]*)"', "\u201c", "\u201d")
    text = _pairs(text, r"'([^'\n]*)'", "\u2018", "\u2019")
    text = _parentheses(text)
    text = re.sub(
        f"(?<=[{_CJK}])[,;:?!]|[,;:?!](?=[{_CJK}])",
        lambda m: _HALF_TO_FULL[m.group(0)],
        text,
    )
    text = re.sub(f"(?<=[{_HAN}）”’])\\.(?=[{_HAN}“‘（]|$)", "。", text, flags=re.M)
    # Again: a space may now sit next to punctuation that just became full-width.
    return _collapse_spaces(text)
