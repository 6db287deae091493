"""The one plain type per reported concept, shared by every reader.

Validation (``submissions.validation``), the clerk's and the editor's preview
(``submissions.derived``), the bulletin's selectors and its sentences
(``bulletins.selectors``, ``bulletins.profiles.values``) and open data all take
these same frozen dataclasses, with the field names of the models they are read
from, so a figure is declared once and nothing is renamed on its way to print.
``None`` is a blank figure, ``0`` a stated zero.

    >>> CategoryFigures(1, "行政许可事项", accepted=50).completed is None
    True
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CategoryFigures:
    """Accepted/completed cases of one case category (行政许可事项, …)."""

    category_id: int
    name: str
    accepted: int | None = None
    completed: int | None = None
