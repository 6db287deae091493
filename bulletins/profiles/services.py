"""Saving, importing and exporting a series' profile: all or nothing.

Every save validates the whole profile (``spec.validate``: fields, blocks and
each template in the sandbox) and adds a new version; a refused profile leaves
the database as it was.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from bulletins.models import Profile, Series
from bulletins.profiles import shipped, spec
from config.xmltext import refusal


def save_profile(
    series: Series, data: dict[str, Any], *, user=None, note: str = ""
) -> Profile:
    """A new version of ``series``' profile from ``data``, or ``ProfileError``."""
    profile = spec.validate(data)
    if message := refusal(note, "修改说明", "保存"):
        raise spec.ProfileError([message])
    with transaction.atomic():
        # Locking the series serialises versions; the constraint backs this up.
        Series.objects.select_for_update().get(pk=series.pk)
        series.prints_number = profile["masthead"]["style"] == "masthead"
        Series.objects.filter(pk=series.pk).update(prints_number=series.prints_number)
        latest = Profile.objects.latest_for(series)
        return Profile.objects.create(
            series=series,
            version=(latest.version if latest else 0) + 1,
            spec=profile,
            note=note[:200],
            created_by=user,
        )


def import_profile(
    series: Series, text: str | bytes, *, user=None, note: str = ""
) -> Profile:
    """A new version from a YAML or JSON file's contents; errors name lines."""
    return save_profile(series, spec.load(text), user=user, note=note or "导入")


def export_profile(profile: Profile, fmt: str = "yaml") -> str:
    return spec.dump(profile.spec, fmt)


def adopt_shipped(series: Series, name: str, *, user=None) -> Profile:
    """Make the shipped profile ``name`` the series' current one (a new version
    unless it already is); for ``load_demo`` and new deployments."""
    wanted = shipped(name)
    current = series.current_profile()
    if current is not None and current.spec == wanted:
        return current
    return save_profile(series, wanted, user=user, note=f"采用随附版式 {name}")
