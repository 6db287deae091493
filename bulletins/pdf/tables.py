"""Grid tables for the attachments: header repeated on every page, 合计 row spanned.

Cells are ``TextBlock``s, so their text is set and wrapped by the same rules as
the body and never parsed as markup. A cell prints exactly ``Cell.text``: blank
stays blank, ``0`` prints 0, ``—`` prints the dash (the composer decides which).

Column widths: every body figure fits on one line; the header is set in as few
lines as the measure allows (all header cells share that line count where they
can); what is left over is shared in proportion.
"""

from __future__ import annotations

from reportlab.platypus import Table as GridTable
from reportlab.platypus import TableStyle

from bulletins.document import Cell, Table

from .fonts import FontSet
from .linebreak import break_lines
from .paragraph import Shaped, TextBlock, TextStyle
from .text import clean

TABLE_SIZE = 12.0  # 小四
TABLE_LEADING = 15.0
PADDING = 3.0
VERTICAL_PADDING = 2.0
GRID_WIDTH = 0.5
MAX_HEADER_LINES = 8
# A row must fit on a page: a cell of more lines is cut, visibly, with …
MAX_CELL_LINES = 12


def build_table(table: Table, fonts: FontSet, width: float) -> GridTable:
    body_role = fonts.body_role
    columns = table.columns or []
    ncols = max(1, len(columns))
    header_style = TextStyle(
        role="hei", size=TABLE_SIZE, leading=TABLE_LEADING, align="center"
    )
    labels = [clean(c.label) for c in columns] or [""]
    rows = [_fit(row, ncols) for row in table.rows]
    totals = _totals(table, ncols)

    widths = column_widths(labels, rows, totals, fonts, body_role, width)

    def cell(text: str, column: int, align: str, role: str = body_role):
        style = TextStyle(
            role=role,
            size=TABLE_SIZE,
            leading=TABLE_LEADING,
            align=align if align in ("left", "center", "right") else "center",
        )
        measure = widths[column] - 2 * PADDING
        return _fitted(TextBlock(text, style, fonts), measure)

    aligns = [c.align for c in columns] or ["center"]
    data = [
        [
            _fitted(TextBlock(label, header_style, fonts), widths[i] - 2 * PADDING)
            for i, label in enumerate(labels)
        ]
    ]
    for row in rows:
        data.append([cell(text, i, aligns[i]) for i, text in enumerate(row)])
    commands = [
        # cells draw their own text; this only keeps Helvetica out of the file
        ("FONTNAME", (0, 0), (-1, -1), fonts.face("latin").name),
        ("GRID", (0, 0), (-1, -1), GRID_WIDTH, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), VERTICAL_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), VERTICAL_PADDING),
    ]
    if totals is not None:
        span, label, figures = totals
        row = [cell(label, 0, "center", "hei")]
        row += [cell("", i, "center") for i in range(1, span)]
        row += [
            cell(text, span + i, aligns[span + i]) for i, text in enumerate(figures)
        ]
        data.append(row)
        if span > 1:
            commands.append(("SPAN", (0, len(data) - 1), (span - 1, len(data) - 1)))
    grid = GridTable(
        data,
        colWidths=widths,
        repeatRows=1,
        style=TableStyle(commands),
        hAlign="CENTER",
    )
    return grid


def _fitted(block: TextBlock, measure: float) -> TextBlock:
    """``block``, or if it needs more than ``MAX_CELL_LINES`` lines at
    ``measure``, a block of its text cut to fit and ending in …"""
    block.wrap(measure, 0)
    if len(block.lines) <= MAX_CELL_LINES:
        return block
    keep = block.lines[MAX_CELL_LINES - 1].end - 1
    text = block.text[: max(keep, 0)] + "…"
    return TextBlock(text, block.style, block.fonts)


def _fit(row: list[Cell], ncols: int) -> list[str]:
    texts = [clean(c.text) for c in row[:ncols]]
    return texts + [""] * (ncols - len(texts))


def _totals(table: Table, ncols: int) -> tuple[int, str, list[str]] | None:
    """(span, label, figures) of the 合计 row, whichever shape it was given in:
    one cell per column (the first ``totals_span`` merged) or the label cell
    followed by one cell per remaining column."""
    if table.totals is None:
        return None
    span = min(max(1, table.totals_span), ncols)
    cells = [clean(c.text) for c in table.totals]
    if len(cells) == ncols - span + 1 and span > 1:
        label, figures = cells[0], cells[1:]
    else:
        head = cells[:span]
        label = next((t for t in head if t.strip()), "合计")
        figures = cells[span:]
    figures = figures[: ncols - span] + [""] * (ncols - span - len(figures))
    return span, label, figures


def _lines_at(shaped: Shaped, width: float) -> int:
    return len(break_lines(shaped.text, shaped.advances, width, breaks=shaped.breaks))


def _longest_unbreakable(shaped: Shaped) -> float:
    longest = run = 0.0
    for i, advance in enumerate(shaped.advances):
        if shaped.breaks[i]:
            run = 0.0
        run += advance
        longest = max(longest, run)
    return longest


def column_widths(
    labels: list[str],
    rows: list[list[str]],
    totals,
    fonts: FontSet,
    body_role: str,
    width: float,
) -> list[float]:
    """Widths that set every body cell on one line if the measure allows, then
    the header in as few lines as possible; spare width is shared in
    proportion. Too wide a body shrinks its widest columns, never below two
    characters or an unbreakable piece (a figure, （件）)."""
    ncols = len(labels)
    pad = 2 * PADDING + GRID_WIDTH
    one_char = TABLE_SIZE
    cells: list[list[str]] = [[] for _ in range(ncols)]
    for row in rows:
        for i, text in enumerate(row):
            cells[i].append(text)
    if totals is not None:
        span, _label, figures = totals
        for i, text in enumerate(figures):
            cells[span + i].append(text)
    header = [Shaped([(label, "hei")], fonts, TABLE_SIZE) for label in labels]
    base, floor = [], []
    for i in range(ncols):
        shaped = [Shaped([(t, body_role)], fonts, TABLE_SIZE) for t in cells[i] if t]
        natural = max((sum(s.advances) for s in shaped), default=0.0)
        unbreakable = max((_longest_unbreakable(s) for s in shaped), default=0.0)
        least = max(
            2 * one_char,
            _longest_unbreakable(header[i]),
            min(unbreakable, 8 * one_char),
        )
        floor.append(least + pad)
        base.append(max(natural, least) + pad)

    if sum(base) > width:
        if sum(floor) >= width:  # more columns than the measure can hold
            return [width * f / sum(floor) for f in floor]
        excess = sum(base) - width
        room = [b - f for b, f in zip(base, floor, strict=True)]
        total = sum(room)
        return [b - excess * r / total for b, r in zip(base, room, strict=True)]

    chosen = base
    for lines in range(1, MAX_HEADER_LINES + 1):
        need = []
        for i, shaped in enumerate(header):
            w = base[i]
            natural = sum(shaped.advances) + pad
            while w < natural and _lines_at(shaped, w - pad) > lines:
                w += one_char / 2
            need.append(w)
        if sum(need) <= width:
            chosen = need
            break
    spare = width - sum(chosen)
    if spare > 0:
        total = sum(chosen)
        chosen = [w + spare * w / total for w in chosen]
    return chosen
