"""Writes across the bulletin's models: creating, editing and publishing issues.

Reading the draft is ``draft_document``: the composition of the period's
approved figures (``bulletins.composition``) with the editor's changes applied.
``pending_document`` is what publishing would put out now (the draft, or a
published issue's pending correction); ``bulletins.signoff`` freezes it at
签发 and publishes exactly that.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import replace

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from bulletins.document import Document, Paragraph, Section, Table
from bulletins.models import Issue, Profile, Series

# Messages shown to users; tests assert them.
NUMBER_TAKEN = "{series}已有第{number}期，请换一个期号。"
PERIOD_TAKEN = "{series}已有{period}的一期（第{number}期）。"
NOT_EDITABLE = "本期状态为“{status}”，不能修改；请先撤回为草稿。"
NO_SUCH_PARAGRAPH = "本期草稿中没有编号为“{key}”的段落。"
PUBLISH_CONFLICT = "发布失败：期号或报告期与已有期刊冲突，请检查后重试。"

# The key composition gives a work item's first paragraph (further ones add .2, .3).
_ITEM_KEY = re.compile(r"^workitem\.\d+$")


# --- creating ----------------------------------------------------------------------


def proposed_number(series: Series, publication_date: datetime.date) -> int:
    """The next free number: one past the highest in the series (in the year when
    numbering restarts)."""
    year = series.numbering_year(publication_date)
    highest = Issue.objects.filter(series=series, numbering_year=year).aggregate(
        top=Max("number")
    )["top"]
    return (highest or 0) + 1


def default_publication_date(series: Series, period_start: datetime.date):
    """The bureau publishes in the first days after the period: the 6th."""
    from bulletins.periods import period_for

    end = period_for(period_start, series.frequency).end
    return end + datetime.timedelta(days=6)


@transaction.atomic
def issue_create(
    *,
    series: Series,
    period_start: datetime.date,
    user=None,
    number: int | None = None,
    publication_date: datetime.date | None = None,
) -> Issue:
    """Create the draft issue of a series for the period starting at
    ``period_start``; the number is proposed unless given."""
    from bulletins.periods import period_for

    period = period_for(period_start, series.frequency)
    series = Series.objects.select_for_update().get(pk=series.pk)
    publication_date = publication_date or default_publication_date(
        series, period.start
    )
    if number is None:
        number = proposed_number(series, publication_date)
    _check_free(series, period.start, number, publication_date)
    issue = Issue(
        series=series,
        number=number,
        period_start=period.start,
        frequency=series.frequency,
        publication_date=publication_date,
        issuing_org=series.publisher,
        written_date=publication_date,
        created_by=user,
    )
    try:
        with transaction.atomic():
            issue.save()
    except IntegrityError as exc:
        raise ValidationError(PUBLISH_CONFLICT, code="conflict") from exc
    return issue


def _check_free(series, period_start, number, publication_date, exclude=None):
    others = Issue.objects.filter(series=series)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    year = series.numbering_year(publication_date)
    if others.filter(numbering_year=year, number=number).exists():
        raise ValidationError(
            NUMBER_TAKEN.format(series=series.title, number=number),
            code="number_taken",
        )
    clash = others.filter(period_start=period_start).first()
    if clash is not None:
        raise ValidationError(
            PERIOD_TAKEN.format(
                series=series.title, period=clash.period_label, number=clash.number
            ),
            code="period_taken",
        )


@transaction.atomic
def issue_update(*, issue: Issue, **fields) -> Issue:
    """Change an unpublished issue's number, date, metadata or editor's note."""
    # The series first, as publishing does: two editors giving two drafts one
    # number at once are served one after the other.
    Series.objects.select_for_update().get(pk=issue.series_id)
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    _require_editable(issue)
    if "number" in fields and issue.is_published:
        fields.pop("number")  # fixed once published
    for name, value in fields.items():
        setattr(issue, name, value)
    _check_free(
        issue.series, issue.period_start, issue.number, issue.publication_date, issue
    )
    try:
        with transaction.atomic():
            issue.save()
    except IntegrityError as exc:
        raise ValidationError(PUBLISH_CONFLICT, code="conflict") from exc
    return issue


def _require_editable(issue: Issue):
    if not issue.is_editable:
        raise ValidationError(
            NOT_EDITABLE.format(status=issue.get_status_display()),
            code="not_editable",
        )


# --- the draft and the editor's changes ----------------------------------------------


def compose(issue: Issue, *, omit: bool = True) -> Document:
    """The composition of the issue's period from approved figures, with the
    editor's overrides, work-item order, omissions (unless ``omit`` is off, for
    the screen that lists every item) and note."""
    from bulletins.composition import compose_document

    series = issue.series
    return compose_document(
        profile=issue_profile(issue).spec,
        bureau=series.bureau,
        series_title=series.title,
        publisher=series.publisher,
        subtitle=series.subtitle,
        issue_label=issue.label,
        publication_date=issue.publication_date,
        period=issue.period(),
        overrides=issue.overrides,
        item_order=issue.item_order,
        omitted_items=issue.omitted_items if omit else (),
        editor_note=issue.editor_note.strip(),
    )


def issue_profile(issue: Issue) -> Profile:
    """The profile version the issue is built with: the one recorded when it was
    published, else the series' latest."""
    if issue.profile_id is not None:
        return issue.profile
    return issue.series.current_profile()


def draft_document(issue: Issue, base: Document | None = None) -> Document:
    """What the issue would publish now: a fresh composition with the editor's
    changes, or, for a correction, the published snapshot ``base`` with the
    editor's paragraph overrides and note; with the 政府信息公开 metadata."""
    if base is None:
        document = compose(issue)
    else:
        document = replace(
            base,
            sections=[_override_section(s, issue) for s in base.sections],
            editor_note=issue.editor_note.strip(),
        )
    return replace(document, metadata={**document.metadata, **issue_metadata(issue)})


def issue_metadata(issue: Issue) -> dict[str, str]:
    """The 政府信息公开 block: 索引号, 发布机构, 成文日期, 发布日期."""
    from bulletins.chinese import date_text

    data = {}
    index = issue.index_number or (
        f"{issue.series.index_prefix}{issue.number:03d}"
        if issue.series.index_prefix
        else ""
    )
    if index:
        data["索引号"] = index
    data["发布机构"] = issue.issuing_org or issue.series.publisher
    if issue.written_date:
        data["成文日期"] = date_text(issue.written_date)
    # The date printed on the masthead, which the leader signs with the rest
    # (the moment of publication is not known at sign-off).
    data["发布日期"] = date_text(issue.publication_date)
    return data


def _override_section(section: Section, issue: Issue) -> Section:
    blocks = []
    for block in section.blocks:
        if isinstance(block, Section):
            block = _override_section(block, issue)
        elif isinstance(block, Paragraph):
            override = issue.overrides.get(block.key) if block.key else None
            if override and override["text"] != block.text:
                block = replace(
                    block,
                    text=override["text"],
                    edited=True,
                    generated=block.generated if block.edited else block.text,
                )
        blocks.append(block)
    return replace(section, blocks=blocks)


def is_work_item(block) -> bool:
    """The first paragraph of a work item (its key ``workitem.<id>``)."""
    return isinstance(block, Paragraph) and bool(_ITEM_KEY.match(block.key))


def work_items(document: Document) -> list[tuple[Section, list[Paragraph]]]:
    """Sections that hold work items, each with its items, in reading order."""
    found = []
    stack = list(reversed(document.sections))
    while stack:
        section = stack.pop()
        items = [b for b in section.blocks if is_work_item(b)]
        if items:
            found.append((section, items))
        stack.extend(reversed([b for b in section.blocks if isinstance(b, Section)]))
    return found


def stale_overrides(issue: Issue, composed: Document) -> dict[str, str]:
    """Overrides whose generated text has changed since the editor wrote them:
    {key: the generated text now} ("" when the paragraph is gone)."""
    current = {
        p.key: p.generated if p.edited else p.text
        for p in composed.iter_paragraphs()
        if p.key
    }
    stale = {}
    for key, override in issue.overrides.items():
        now = current.get(key, "")
        if now != override.get("generated", ""):
            stale[key] = now
    return stale


def find_paragraph(document: Document, key: str) -> Paragraph:
    for paragraph in document.iter_paragraphs():
        if paragraph.key == key:
            return paragraph
    raise ValidationError(NO_SUCH_PARAGRAPH.format(key=key), code="no_paragraph")


@transaction.atomic
def issue_set_override(*, issue: Issue, key: str, text: str, generated: str) -> Issue:
    """Store the editor's text for paragraph ``key`` beside the generated text
    it replaces (kept to warn when the generated text later changes)."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    _require_editable(issue)
    text = text.strip()
    if not text or text == generated:
        issue.overrides.pop(key, None)
    else:
        issue.overrides[key] = {"text": text, "generated": generated}
    issue.save(update_fields=["overrides", "updated_at"])
    return issue


@transaction.atomic
def issue_clear_override(*, issue: Issue, key: str) -> Issue:
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    _require_editable(issue)
    issue.overrides.pop(key, None)
    issue.save(update_fields=["overrides", "updated_at"])
    return issue


@transaction.atomic
def issue_set_items(
    *, issue: Issue, order: dict[str, list[str]], omitted: list[str]
) -> Issue:
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    _require_editable(issue)
    issue.item_order = order
    issue.omitted_items = sorted(set(omitted))
    issue.save(update_fields=["item_order", "omitted_items", "updated_at"])
    return issue


# --- the document to publish ------------------------------------------------


def plain_text(document: Document) -> str:
    """The document as plain text, one block a line: the search column."""
    lines = [
        document.masthead.title,
        document.masthead.issue_label,
        document.issuer,
        document.title,
        document.introduction,
        document.editor_note,
    ]

    def walk(blocks):
        for block in blocks:
            if isinstance(block, Section):
                lines.append(f"{block.number}{block.title}")
                walk(block.blocks)
            elif isinstance(block, Paragraph):
                lines.append(f"{block.lead}{block.text}")
            elif isinstance(block, Table):
                lines.append(block.caption)

    walk(document.sections)
    for attachment in document.attachments:
        lines.append(f"{attachment.label} {attachment.title}")
        for row in attachment.table.rows:
            lines.append(" ".join(cell.text for cell in row if cell.text))
    return "\n".join(line for line in lines if line)


def render_pdf_bytes(document: Document) -> bytes:
    """The PDF of ``document`` (deterministic: the same document gives the same
    bytes, so the draft PDF the leader opens is the one that is published)."""
    from bulletins.pdf import render_pdf

    return render_pdf(document)


def reports_used(issue: Issue) -> list[int]:
    """Ids of the approved reports the period's composition reads."""
    from bulletins import selectors

    return selectors.approved_report_ids(issue.period(), bureau=issue.series.bureau)


def pending_document(issue: Issue) -> Document:
    """What publishing the issue would put out now, from live data: the draft,
    or for a published issue its pending correction (the current snapshot
    with the editor's changes, or a fresh composition with ``recompose``)."""
    if issue.is_published and not issue.correction_recompose:
        return draft_document(issue, Document.from_dict(issue.snapshot))
    return draft_document(issue)
