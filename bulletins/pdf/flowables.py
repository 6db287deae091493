"""The page's own flowables: a line with text at both ends, a rule across the
measure, and headings kept with what follows them."""

from __future__ import annotations

from dataclasses import replace

from reportlab.platypus.flowables import Flowable

from .fonts import FontSet
from .paragraph import TextBlock, TextStyle, draw_lines


class SplitLine(Flowable):
    """One line with text at the left and text at the right."""

    def __init__(self, left: str, right: str, style: TextStyle, fonts: FontSet):
        super().__init__()
        self.left = TextBlock(left, replace(style, align="left"), fonts)
        self.right = TextBlock(right, replace(style, align="right"), fonts)
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after

    def wrap(self, availWidth, availHeight):
        _, h1 = self.left.wrap(availWidth, availHeight)
        _, h2 = self.right.wrap(availWidth, availHeight)
        self.width, self.height = availWidth, max(h1, h2)
        return self.width, self.height

    def draw(self):
        draw_lines(self.canv, self.left, 0, self.height)
        draw_lines(self.canv, self.right, 0, self.height)


class Rule(Flowable):
    """A horizontal rule across the measure, centred in ``height``."""

    def __init__(self, color, thickness: float, height: float):
        super().__init__()
        self.color, self.thickness, self.height = color, thickness, height

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        return self.width, self.height

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(self.color)
        canv.setLineWidth(self.thickness)
        canv.line(0, self.height / 2, self.width, self.height / 2)
        canv.restoreState()


class KeepWithNext(Flowable):
    """Headings that stay with the start of what follows them.

    Splits only inside the follower, so a heading never ends a page alone: it
    moves to the next page with the follower's first lines (or table rows).
    """

    def __init__(self, heads: list[Flowable], follower: Flowable):
        super().__init__()
        self.heads = heads
        self.follower = follower
        self.spaceBefore = heads[0].getSpaceBefore() if heads else 0
        self.spaceAfter = follower.getSpaceAfter()
        self._sizes: list[float] = []

    def _children(self):
        return [*self.heads, self.follower]

    def _head_height(self, availWidth, availHeight) -> float:
        canv = getattr(self, "canv", None)
        total = 0.0
        for i, head in enumerate(self.heads):
            if i:
                total += head.getSpaceBefore()
            total += head.wrapOn(canv, availWidth, availHeight)[1]
        return total

    def wrap(self, availWidth, availHeight):
        canv = getattr(self, "canv", None)
        heads = self._head_height(availWidth, availHeight)
        rest = availHeight - heads - self.follower.getSpaceBefore()
        _, h = self.follower.wrapOn(canv, availWidth, max(rest, 0))
        self.width = availWidth
        self.height = heads + self.follower.getSpaceBefore() + h
        return self.width, self.height

    def split(self, availWidth, availHeight):
        canv = getattr(self, "canv", None)
        heads = self._head_height(availWidth, availHeight)
        rest = availHeight - heads - self.follower.getSpaceBefore()
        parts = self.follower.splitOn(canv, availWidth, rest) if rest > 0 else []
        if len(parts) >= 2:
            return [KeepWithNext(self.heads, parts[0]), *parts[1:]]
        frame = getattr(self, "_frame", None)
        if frame is not None and getattr(frame, "_atTop", 0):
            # Not even an empty page holds the headings with a start of what
            # follows (absurdly long headings): let each go on its own.
            return self._ungrouped(canv, availWidth, availHeight)
        return []

    def _ungrouped(self, canv, availWidth, availHeight) -> list[Flowable]:
        first, *rest = self._children()
        _, height = first.wrapOn(canv, availWidth, availHeight)
        if height <= availHeight:
            return [first, *rest]
        return [*first.splitOn(canv, availWidth, availHeight), *rest]

    def draw(self):
        canv = self.canv
        top = self.height
        for i, child in enumerate(self._children()):
            if i:
                top -= child.getSpaceBefore()
            _, h = child.wrapOn(canv, self.width, self.height)
            child.drawOn(canv, 0, top - h)
            top -= h
