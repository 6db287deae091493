"""An editor's changes applied while laying out: overrides, order, omissions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bulletins.chinese import normalise_text
from bulletins.document import Paragraph
from bulletins.selectors import WorkItemText


class Editing:
    """An editor's overrides, work item order and omissions, applied while laying
    out so that numbering follows the edited order."""

    def __init__(self, overrides, item_order, omitted):
        self.overrides, self.item_order, self.omitted = overrides, item_order, omitted

    def paragraph(self, key: str, text: str, lead: str = "") -> Paragraph:
        override = self.overrides.get(key)
        if isinstance(override, Mapping):
            override = override.get("text")
        if override is None or override == text:
            return Paragraph(text=text, key=key, lead=lead)
        return Paragraph(text=override, key=key, lead=lead, edited=True, generated=text)

    def items(self, section_key: str, items: Sequence[WorkItemText]):
        kept = [i for i in items if item_key(i) not in self.omitted]
        order = {key: n for n, key in enumerate(self.item_order.get(section_key, []))}
        # Items the editor has not placed keep their order, after the placed ones.
        return sorted(kept, key=lambda i: order.get(item_key(i), len(order)))


def item_key(item: WorkItemText) -> str:
    return f"workitem.{item.id}"


def item_lead(number: int, title: str) -> str:
    """The run-in heading of a numbered work item, ending in 。.

    >>> item_lead(1, "积极推动政务服务五级联动建设")
    '1.积极推动政务服务五级联动建设。'
    >>> item_lead(2, "办好了吗？")
    '2.办好了吗？'
    """
    title = normalise_text(title).rstrip("。，；：")
    end = "" if title.endswith(("！", "？")) else "。"
    return f"{number}.{title}{end}"


def work_item_paragraphs(
    items: Sequence[WorkItemText], editing: Editing, intro: str = ""
) -> list[Paragraph]:
    """Numbered work items: ``1.Title。`` as the lead of the first paragraph of
    each, further paragraphs plain; ``intro`` (``主要工作：``) leads the first."""
    blocks = []
    for number, item in enumerate(items, start=1):
        lead = item_lead(number, item.title)
        if number == 1:
            lead = intro + lead
        first, *rest = [normalise_text(p) for p in item.paragraphs] or [""]
        blocks.append(editing.paragraph(item_key(item), first, lead))
        blocks.extend(
            editing.paragraph(f"{item_key(item)}.{n}", text)
            for n, text in enumerate(rest, start=2)
        )
    return blocks
