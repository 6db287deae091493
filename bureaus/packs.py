"""Starter packs: the reference data a new bureau starts with, as data.

A pack is a JSON file in ``bureaus/starter_packs/`` — its case categories,
rating channels, trade category tree with measure words — that each app's
starter (``bureaus.services.starters``) reads its own part of. No vocabulary
lives in code: a deployment adds a pack by adding a file, and a bureau may
start blank and enter its own. The first pack, ``city``, holds exactly what
海东's 第63期 uses.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

PACKS_DIR = Path(__file__).resolve().parent / "starter_packs"
DEFAULT_PACK = "city"
UNKNOWN_PACK = "没有名为“{slug}”的起始参照数据。现有：{known}。"


class PackError(ValueError):
    """A pack that is not there or a part of it that is not as expected."""


@dataclass(frozen=True)
class StarterPack:
    slug: str
    name: str
    description: str
    data: dict[str, Any] = field(repr=False)

    def part(self, key: str) -> list[dict[str, Any]]:
        """A list of the pack (``trade_categories`` …); [] when it has none."""
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise PackError(f"起始参照数据“{self.name}”的 {key} 应为对象的列表。")
        return value


@cache
def starter_packs() -> dict[str, StarterPack]:
    """Every pack on disk, by its file name without ``.json``."""
    packs = {}
    for path in sorted(PACKS_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        packs[path.stem] = StarterPack(
            slug=path.stem,
            name=data.get("name", path.stem),
            description=data.get("description", ""),
            data=data,
        )
    return packs


def starter_pack(slug: str) -> StarterPack:
    packs = starter_packs()
    if slug not in packs:
        known = "、".join(packs) or "无"
        raise PackError(UNKNOWN_PACK.format(slug=slug, known=known))
    return packs[slug]
