"""A profile's attachments, checked (part of ``spec``): each kind's
templates and texts, and its columns — a fixed set of labels (the trade
table) or a list naming a definition or rate by code (a figure table)."""

from __future__ import annotations

from typing import Any

from bulletins.profiles import library

Path = tuple[Any, ...]


def attachments(c, data: Any, units) -> list[dict]:
    """The profile's attachments, checked; ``units`` checks an attachment's
    own units (``spec._units``)."""
    path = ("attachments",)
    if not isinstance(data, list):
        c.fail(path, "附件", "应为附件的列表")
        return []
    result = []
    for n, item in enumerate(data):
        here = path + (n,)
        kind_name = item.get("kind") if isinstance(item, dict) else None
        kind = library.ATTACHMENTS.get(kind_name)
        if kind is None:
            known = "、".join(library.ATTACHMENTS)
            c.fail(here, "附件", f"未知的附件“{kind_name}”（可用：{known}）")
            continue
        label = f"附件“{kind.name}”"
        allowed = {"kind", "columns", "units", *kind.templates, *kind.texts}
        c.unknown(item, allowed, here, label)
        attachment = {"kind": kind_name}
        for name, sample in kind.templates.items():
            attachment[name] = c.template(item, name, here, f"{label}的{name}", sample)
        for name in kind.texts:
            attachment[name] = c.text(item, name, here, f"{label}的{name}")
        if kind_name in library.COLUMNS:
            columns = _columns(c, item.get("columns"), here, label, kind_name)
        else:
            columns = _figure_columns(c, item.get("columns"), here, label)
        attachment["columns"] = columns
        if "units" in item:
            attachment["units"] = units(
                c, item["units"], here + ("units",), f"{label}的单位", full=False
            )
        result.append(attachment)
    return result


def _columns(c, data: Any, path: Path, label: str, kind: str) -> dict:
    keys = library.COLUMNS[kind]
    if not isinstance(data, dict) or set(data) != set(keys):
        c.fail(
            path + ("columns",),
            f"{label}的列",
            f"应依次给出这些列的表头：{'、'.join(keys)}",
        )
        return {}
    return {
        k: c.template(
            data, k, path + ("columns",), f"{label}的列“{k}”", library.ATTACHMENT
        )
        for k in keys
    }


FIGURE_COLUMNS = "应为列的列表（每列给出 label 及 key、figure 或 rate）"


def _figure_columns(c, data: Any, path: Path, label: str) -> list[dict]:
    """A figure table's columns: each a label and one of ``key`` (序号, the
    option's name, its note), ``figure`` (a definition's code) or ``rate``."""
    path = path + ("columns",)
    keys, sources = library.FIGURE_TABLE_KEYS, library.FIGURE_TABLE_SOURCES
    if not isinstance(data, list) or not data:
        c.fail(
            path,
            f"{label}的列",
            "应为列的列表（每列给出 label 及 key、figure 或 rate）",
        )
        return []
    result = []
    for n, item in enumerate(data):
        here = path + (n,)
        name = f"{label}的第{n + 1}列"
        given = [s for s in sources if isinstance(item, dict) and s in item]
        if len(given) != 1:
            c.fail(here, name, f"应给出 label 及 {'、'.join(sources)} 之一")
            continue
        c.unknown(item, {"label", *sources}, here, name)
        source = given[0]
        value = c.text(item, source, here, name)
        if source == "key" and value not in keys:
            c.fail(here + (source,), name, f"key 应为{'、'.join(keys)}之一")
            continue
        label = c.template(item, "label", here, name, library.ATTACHMENT)
        result.append({source: value, "label": label})
    return result
