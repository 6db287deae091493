"""Sentences of a unit's defined figures (DESIGN 5.3): pure, numbers in.

The sentences themselves are ``submissions.defined``'s, the very functions the
clerk's preview prints, so the clerk sees what the bulletin will say.

    >>> from submissions.defined import DefinedFigure, Part
    >>> defined_text([DefinedFigure(1, "c", "咨询", total=35)])
    '咨询35件。'
"""

from __future__ import annotations

from collections.abc import Sequence

from submissions.defined import DefinedFigure, figure_sentence, ranking_sentence
from submissions.rates import rates_text

__all__ = ["defined_text", "ranking_texts", "rates_text"]


def defined_text(figures: Sequence[DefinedFigure]) -> str:
    """Every figure's sentence, in definition order; blank figures say nothing."""
    return "".join(figure_sentence(f) for f in figures)


def ranking_texts(figures: Sequence[DefinedFigure]) -> list[str]:
    """One sentence per figure with a ranking (``rank_top``)."""
    return [text for f in figures if (text := ranking_sentence(f))]
