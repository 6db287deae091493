"""Profiles (版式, DESIGN 5.5): what a series' issue prints and how.

``spec`` validates a profile and reads and writes it as a file; ``library``
lists the blocks; ``sandbox`` runs and checks the sentence templates;
``layout``, ``values`` and ``tables`` turn a period's figures into the document
tree. The shipped profiles are files in ``shipped/``.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

SHIPPED = Path(__file__).resolve().parent / "shipped"
HAIDONG_MONTHLY = "haidong-monthly"


def shipped_text(name: str) -> str:
    return (SHIPPED / f"{name}.yaml").read_text(encoding="utf-8")


@cache
def _parsed(name: str) -> dict[str, Any]:
    from bulletins.profiles.spec import load

    return load(shipped_text(name))


def shipped(name: str) -> dict[str, Any]:
    """A profile shipped with the application, validated: a copy of its own,
    so that a caller changing it cannot change the next caller's."""
    return copy.deepcopy(_parsed(name))


def default_profile() -> dict[str, Any]:
    """海东's monthly profile: the layout of 第63期."""
    return shipped(HAIDONG_MONTHLY)
