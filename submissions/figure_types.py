"""The one plain type per reported concept, shared by every reader.

Validation (``submissions.validation``), the clerk's and the editor's preview
(``submissions.derived``), the bulletin's selectors and its sentences
(``bulletins.selectors``, ``bulletins.profiles.values``) and open data all take
these same frozen dataclasses, with the field names of the models they are read
from, so a figure is declared once and nothing is renamed on its way to print.
``None`` is a blank figure, ``0`` a stated zero.

    >>> HotlineFigures(received=268, help_requests=185).values()["help_requests"]
    185
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class CategoryFigures:
    """Accepted/completed cases of one case category (行政许可事项, …)."""

    category_id: int
    name: str
    accepted: int | None = None
    completed: int | None = None


@dataclass(frozen=True)
class RatingFigures:
    """好差评 counts of one channel; ``total`` is the stated total."""

    channel_id: int
    name: str
    total: int | None = None
    very_satisfied: int | None = None
    satisfied: int | None = None
    basically_satisfied: int | None = None
    dissatisfied: int | None = None
    very_dissatisfied: int | None = None

    LEVELS = (
        "very_satisfied",
        "satisfied",
        "basically_satisfied",
        "dissatisfied",
        "very_dissatisfied",
    )

    def levels(self) -> list[int | None]:
        return [getattr(self, name) for name in self.LEVELS]


@dataclass(frozen=True)
class HotlineFigures:
    """The 12345 hotline section; field names match ``submissions.models.Hotline``."""

    received: int | None = None
    assigned: int | None = None  # 承办单
    redone: int | None = None  # 重新办理单
    completed: int | None = None
    help_requests: int | None = None  # 求助
    consultations: int | None = None  # 咨询
    complaints: int | None = None  # 投诉
    suggestions: int | None = None  # 建议
    mayor_mailbox_received: int | None = None
    mayor_mailbox_completed: int | None = None
    netizen_received: int | None = None
    netizen_completed: int | None = None
    provincial_received: int | None = None
    provincial_completed: int | None = None

    NATURES = ("help_requests", "consultations", "complaints", "suggestions")

    def values(self) -> dict[str, int | None]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class DepartmentFigures:
    """One row of the hall's department table (附件1)."""

    department_id: int
    name: str
    licensing_accepted: int | None = None
    licensing_completed: int | None = None
    service_accepted: int | None = None
    service_completed: int | None = None
    note: str = ""  # 备注 as printed in 附件1 (validation ignores it)
