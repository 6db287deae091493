"""The PDF renderer: ``render_pdf(document) -> bytes``.

See docs/pdf.md for the fonts, the line-breaking rules and the measured figures.
"""

from . import checks  # noqa: F401  (registers the font system check)
from .fonts import FontStatus, font_status, get_fontset, reset_fonts
from .layout import render_pdf

__all__ = ["FontStatus", "font_status", "get_fontset", "render_pdf", "reset_fonts"]
