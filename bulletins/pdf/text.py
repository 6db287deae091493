"""Normalising user text before it is laid out.

The PDF renderer never parses markup: text is drawn glyph by glyph with canvas
calls, so ``<img src=…>`` or ``&amp;`` print literally and nothing reaches the
file system. What remains is to make every code point printable:

    >>> clean("a\\x00b\\u200bc\\ud800")
    'a□bc□'

- NFC; line and paragraph separators become ``\\n``; tabs and other spaces a
  plain space (the ideographic space U+3000 stays: it is a full-width blank);
- control characters, lone surrogates, private-use and unassigned code points
  become a visible ``□``;
- zero-width format characters (ZWSP, ZWJ, BOM, soft hyphen, bidi controls) and
  variation selectors are dropped: they have no visible form by definition, and
  a PDF line is laid out left to right regardless of them.

Characters no configured face has (emoji, rare scripts) become ``□`` later, at
glyph selection (``FontSet.glyph``).
"""

from __future__ import annotations

import re
import unicodedata

PLACEHOLDER = "□"
_VARIATION = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_SPACES = re.compile("[^\\S\u3000 ]")  # other spaces become a plain space
_NEWLINES = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n"}


def clean(value: object, *, newlines: bool = True) -> str:
    """Printable text: see the module docstring. ``newlines=False`` folds
    line breaks into spaces (for one-line fields)."""
    text = value if isinstance(value, str) else str(value)
    if (
        text.isprintable()  # no controls, format characters, surrogates, …
        and unicodedata.is_normalized("NFC", text)
        and not _VARIATION.search(text)
        and not _SPACES.search(text)
    ):
        return text  # the common case, checked at C speed
    for old, new in _NEWLINES.items():
        text = text.replace(old, new)
    # Lone surrogates cannot pass through normalize's UTF-8 round trip safely
    # everywhere; replace them first.
    text = "".join(PLACEHOLDER if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    text = unicodedata.normalize("NFC", text)
    out = []
    for ch in text:
        if ch == "\n":
            out.append("\n" if newlines else " ")
            continue
        if ch == "\u3000":
            out.append(ch)
            continue
        category = unicodedata.category(ch)
        if category == "Zs" or ch == "\t":
            out.append(" ")
        elif category in ("Cc", "Cs", "Co", "Cn"):
            out.append(PLACEHOLDER)
        elif category == "Cf" or _is_variation_selector(ch):
            continue
        else:
            out.append(ch)
    return "".join(out)


def _is_variation_selector(ch: str) -> bool:
    code = ord(ch)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def clean_line(value: object) -> str:
    """One line of printable text, runs of spaces collapsed, ends stripped."""
    return re.sub(" {2,}", " ", clean(value, newlines=False)).strip(" ")
