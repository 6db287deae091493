"""The page: GB/T 9704-2012 geometry, the masthead, the story and the build.

``render_pdf(document)`` turns a ``bulletins.document.Document`` into the bytes
of an A4 PDF: a red masthead (title, 第N期, publisher and date, a red rule), the
issue title, the body (一、 in 黑体, （一） in 楷体, paragraphs in 宋体 with a
two-character indent), the list of attachments, then each attachment on a new
page with its grid table. Page numbers read ``— 1 —``, odd pages right, even
pages left. The same input gives the same bytes.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace

from reportlab import rl_config
from reportlab.lib.colors import CMYKColor
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate
from reportlab.platypus.flowables import Flowable

from bulletins.document import Attachment, Document, Paragraph, Section, Table

from .flowables import KeepWithNext, Rule, SplitLine
from .fonts import FontSet, get_fontset
from .paragraph import TextBlock, TextStyle, draw_lines
from .tables import build_table
from .text import clean, clean_line

# Binary (Flate only) streams: smaller files, and reportlab's ASCII85 encoder is
# pure Python without its optional C accelerator. Process-wide, and the same for
# every build, so output stays deterministic; nothing else here uses reportlab.
rl_config.useA85 = 0

MM = 72 / 25.4
PAGE_WIDTH, PAGE_HEIGHT = A4
TOP_MARGIN = 37 * MM  # 天头
LEFT_MARGIN = 28 * MM  # 订口
BLOCK_WIDTH = 156 * MM  # 版心
BLOCK_HEIGHT = 225 * MM
BLOCK_BOTTOM = PAGE_HEIGHT - TOP_MARGIN - BLOCK_HEIGHT
LINES_PER_PAGE = 22
LEADING = BLOCK_HEIGHT / LINES_PER_PAGE  # 28.99 pt: 22 lines to the page

SIZE_2 = 22.0  # 二号: titles
SIZE_3 = 15.75  # 三号: body; 28 characters fill the 156 mm measure
SIZE_4 = 14.0  # 四号: page numbers
MASTHEAD_SIZE = 48.0
RED = CMYKColor(0, 1, 1, 0)
RULE_WIDTH = 1.5
PAGE_NUMBER_DROP = 7 * MM  # 一字线上距版心下边缘 7 mm


class Styles:
    """The paragraph styles of one rendering (they need the body face)."""

    def __init__(self, fonts: FontSet):
        body_role = fonts.body_role
        indent = 2 * SIZE_3
        self.body_role = body_role
        self.body = TextStyle(
            role=body_role, size=SIZE_3, leading=LEADING, first_indent=indent
        )
        self.heading1 = replace(self.body, role="hei")
        self.heading2 = replace(self.body, role="kai")
        self.heading3 = self.body
        self.title = TextStyle(
            role="song",
            size=SIZE_2,
            leading=LEADING * 1.25,
            align="center",
            bold=True,
            balance=True,
        )
        self.attachment_label = TextStyle(
            role="hei", size=SIZE_3, leading=LEADING, align="left"
        )
        self.meta = TextStyle(
            role=body_role, size=SIZE_4, leading=LEADING, align="left"
        )


def render_pdf(document: Document) -> bytes:
    """The PDF of ``document``, as bytes; deterministic for a given input."""
    fonts = get_fontset()
    styles = Styles(fonts)
    story = build_story(document, fonts, styles)
    buffer = io.BytesIO()
    template = BulletinTemplate(buffer, document=document, fonts=fonts)
    template.build(story)
    return buffer.getvalue()


class BulletinTemplate(BaseDocTemplate):
    def __init__(self, buffer, *, document: Document, fonts: FontSet):
        masthead = document.masthead
        title = clean_line(f"{masthead.title} {masthead.issue_label}")
        if masthead.style == "notice":
            title = clean_line(document.title)
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=LEFT_MARGIN,
            rightMargin=PAGE_WIDTH - LEFT_MARGIN - BLOCK_WIDTH,
            topMargin=TOP_MARGIN,
            bottomMargin=BLOCK_BOTTOM,
            title=title,
            author=clean_line(masthead.publisher),
            subject=clean_line(document.title),
            creator=f"{clean_line(masthead.title)} bulletins",
            invariant=1,
            lang="zh-CN",
            displayDocTitle=1,
            # a TrueType initial font: no unembedded Helvetica in page resources
            initialFontName=fonts.face("latin").name,
        )
        self.fonts = fonts
        self._date = _pdf_date(masthead.date_text)
        frame = Frame(
            LEFT_MARGIN,
            BLOCK_BOTTOM - 0.5,  # room for float error: 22 lines must fit
            BLOCK_WIDTH,
            BLOCK_HEIGHT + 0.5,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self.addPageTemplates(
            [PageTemplate(id="page", frames=[frame], onPage=self._page_number)]
        )

    def beforeDocument(self):
        date = self._date
        if date:
            self.canv.setDateFormatter(lambda *args: date)

    def _page_number(self, canv: Canvas, doc) -> None:
        number = canv.getPageNumber()
        style = TextStyle(role="song", size=SIZE_4, leading=SIZE_4, align="left")
        block = TextBlock(f"— {number} —", style, self.fonts)
        block.wrap(BLOCK_WIDTH, SIZE_4)
        width = block.lines[0].width
        # GB/T 9704 7.5: odd pages right, even pages left, one character in.
        if number % 2:
            x = LEFT_MARGIN + BLOCK_WIDTH - SIZE_4 - width
        else:
            x = LEFT_MARGIN + SIZE_4
        # the dash sits about 0.4 em above the baseline
        baseline = BLOCK_BOTTOM - PAGE_NUMBER_DROP - 0.4 * SIZE_4
        # draw_lines puts the baseline at top - 0.88 em for a leading of 1 em
        draw_lines(canv, block, x, baseline + 0.88 * SIZE_4)


def _pdf_date(text: str) -> str:
    """``2021年7月6日`` -> ``D:20210706000000+08'00'`` (the PDF's creation date)."""
    match = re.search(r"(\d{4})\D+(\d{1,2})\D+(\d{1,2})", text or "")
    if not match:
        return ""
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return ""
    return f"D:{year:04d}{month:02d}{day:02d}000000+08'00'"


# --- The story -----------------------------------------------------------------


def masthead(document: Document, fonts: FontSet, styles: Styles) -> list[Flowable]:
    """Red title, 第N期, publisher and date on one line, and a red rule.

    Separate flowables, so that even an absurdly long title still paginates.
    """
    head = document.masthead
    title = TextBlock(
        clean_line(head.title),
        TextStyle(
            role="song",
            size=MASTHEAD_SIZE,
            leading=2.5 * LEADING,
            align="center",
            color=RED,
            bold=True,
            min_lines=1,
            balance=True,
        ),
        fonts,
    )
    line = TextStyle(role=styles.body_role, size=SIZE_3, leading=LEADING, min_lines=1)
    flowables: list[Flowable] = [title]
    if head.subtitle.strip():
        flowables.append(
            TextBlock(clean_line(head.subtitle), replace(line, align="center"), fonts)
        )
    flowables.append(
        TextBlock(clean_line(head.issue_label), replace(line, align="center"), fonts)
    )
    flowables.extend(
        split_line(clean_line(head.publisher), clean_line(head.date_text), line, fonts)
    )
    flowables.append(Rule(RED, RULE_WIDTH, LEADING / 2))
    return flowables


def split_line(left: str, right: str, style: TextStyle, fonts: FontSet) -> list:
    """Text at the left and text at the right of one line (单位名称…　日期), or,
    when both do not fit on one line, the left then the right on lines of
    their own."""
    room = BLOCK_WIDTH - style.size  # at least one character between them
    if (
        fonts.width(left, style.role, style.size)
        + fonts.width(right, style.role, style.size)
        <= room
    ):
        return [SplitLine(left, right, style, fonts)]
    blocks = [TextBlock(left, replace(style, align="left"), fonts)]
    if right:
        blocks.append(TextBlock(right, replace(style, align="right"), fonts))
    return blocks


def build_story(document: Document, fonts: FontSet, styles: Styles) -> list:
    """The masthead (none for a 通报, whose title line stands alone, centred),
    the title, the body, a 通报's signature, the attachments."""
    notice = document.masthead.style == "notice"
    story: list = [] if notice else masthead(document, fonts, styles)
    title_runs = []
    if document.issuer.strip():
        title_runs.append((clean_line(document.issuer) + "\n", "song"))
    title_runs.append((clean(document.title), "song"))
    story.append(
        TextBlock(
            title_runs,
            replace(styles.title, space_before=LEADING, space_after=LEADING),
            fonts,
        )
    )
    if document.introduction.strip():
        story.extend(_paragraphs(document.introduction, styles.body, fonts))
    if document.editor_note.strip():
        story.extend(
            _paragraphs(
                document.editor_note,
                replace(styles.body, role="kai"),
                fonts,
                lead=("编者按：", "hei"),
            )
        )
    pending: list[Flowable] = []
    for section in document.sections:
        _section(section, fonts, styles, story, pending)
    _flush(story, pending)
    if document.attachment_list:
        *items, last = _attachment_list(document.attachment_list, fonts, styles)
        # the list stays together (a split leaves one item alone on a page)
        story.append(KeepWithNext(items, last) if items else last)
    if notice:  # the signature follows the attachment note (GB/T 9704 7.3.5)
        story.extend(_signature(document, styles, fonts))
    for attachment in document.attachments:
        story.append(PageBreak())
        story.extend(_attachment(attachment, fonts, styles))
    return story


def _flush(story: list, pending: list[Flowable], follower: Flowable | None = None):
    if follower is None:
        story.extend(pending)
    elif pending:
        story.append(KeepWithNext(list(pending), follower))
    else:
        story.append(follower)
    pending.clear()


def _section(section: Section, fonts, styles: Styles, story, pending) -> None:
    style = {1: styles.heading1, 2: styles.heading2}.get(section.level, styles.heading3)
    pending.append(
        TextBlock(clean(section.number) + clean(section.title), style, fonts)
    )
    for block in section.blocks:
        if isinstance(block, Section):
            _section(block, fonts, styles, story, pending)
        elif isinstance(block, Paragraph):
            lead = (block.lead, styles.body_role) if block.lead else None
            first, *rest = _paragraphs(block.text, styles.body, fonts, lead=lead)
            _flush(story, pending, first)
            story.extend(rest)
        elif isinstance(block, Table):
            *heads, table = _table(block, fonts, styles)
            pending.extend(heads)
            _flush(story, pending, table)


def _signature(document: Document, styles: Styles, fonts) -> list[TextBlock]:
    """A 通报's issuing organ and date, right-aligned below the body."""
    head = document.masthead
    style = replace(styles.body, align="right", first_indent=0)
    return [
        TextBlock(
            clean_line(head.publisher), replace(style, space_before=LEADING), fonts
        ),
        TextBlock(clean_line(head.date_text), style, fonts),
    ]


def _paragraphs(text: str, style, fonts, lead=None) -> list[TextBlock]:
    """One TextBlock per line of ``text``: a line break starts a new paragraph."""
    parts = clean(text).split("\n") or [""]
    blocks = []
    for i, part in enumerate(parts):
        runs = [(part, style.role)]
        if i == 0 and lead is not None:
            runs.insert(0, lead)
        blocks.append(TextBlock(runs, style, fonts))
    return blocks


def _table(table: Table, fonts, styles: Styles) -> list[Flowable]:
    flowables: list[Flowable] = []
    if table.caption.strip():
        flowables.append(
            TextBlock(
                clean(table.caption),
                replace(styles.attachment_label, align="center"),
                fonts,
            )
        )
    flowables.append(build_table(table, fonts, BLOCK_WIDTH))
    return flowables


def _attachment_list(items: list[str], fonts, styles: Styles) -> list[Flowable]:
    """附件：1.名称 — GB/T 9704 7.3.4: names wrap under their own first character."""
    body = styles.body
    label = "附件："
    label_width = fonts.width(label, body.role, body.size)
    start = body.first_indent + label_width
    blocks = []
    for i, raw in enumerate(items):
        item = clean_line(raw)
        match = re.match(r"^\s*(\d+[.．、]|[（(]\d+[）)])", item)
        number = match.group(1) if match else ""
        number_width = fonts.width(number, body.role, body.size)
        runs = [(item, body.role)]
        first = start
        if i == 0:
            runs.insert(0, (label, body.role))
            first = body.first_indent
        style = replace(
            body,
            first_indent=first,
            rest_indent=start + number_width,
            align="justify",
            space_before=LEADING if i == 0 else 0.0,
        )
        blocks.append(TextBlock(runs, style, fonts))
    return blocks


def _attachment(attachment: Attachment, fonts, styles: Styles) -> list[Flowable]:
    """附件N on the first line, the title on the third, the table below."""
    heads: list[Flowable] = [
        TextBlock(clean_line(attachment.label), styles.attachment_label, fonts),
        TextBlock(
            clean(attachment.title),
            replace(styles.title, space_before=LEADING, space_after=0),
            fonts,
        ),
    ]
    meta = clean_line(attachment.meta)
    if meta:
        heads.extend(split_line(*_split_meta(meta), styles.meta, fonts))
    flowables = _table(attachment.table, fonts, styles)
    heads.extend(flowables[:-1])
    return [KeepWithNext(heads, flowables[-1])]


def _split_meta(meta: str) -> tuple[str, str]:
    """``单位名称：…　2021年7月6日`` -> left and right parts, split at the last
    gap holding an ideographic space or two spaces; no such gap: all left."""
    gaps = [
        m
        for m in re.finditer(r"[ \u3000]+", meta)
        if len(m.group()) > 1 or "\u3000" in m.group()
    ]
    if not gaps:
        return meta, ""
    gap = gaps[-1]
    return meta[: gap.start()], meta[gap.end() :]
