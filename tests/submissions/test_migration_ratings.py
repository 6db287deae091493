"""The ratings migration from the previous schema with data (DESIGN 5.7).

The database holds 第63期 as the code before bureaus stored it
(``tests/data/pre_bureau_demo.json.gz``, see tests/bureaus/test_migration.py),
migrated up to the step before the ratings' migrations: 乐都区's and 民和县's
June ratings are ``SatisfactionRating`` rows, 民和县's with a corrected total in
its history, an explained rating warning, an editor's change to 民和县's
ratings paragraph, and the series' profile of that time
(``tests/data/haidong-monthly-profile-with-ratings-template.yaml``). Migrated,
the ratings are 海东's figure definitions and values, and 第63期 composes the
same text and the same PDF, byte for byte; migrated back, the rows are there
again.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import json

import pytest
import yaml
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.bureaus.test_migration import (
    BEFORE,
    DATA,
    PDF_SHA256,
    _before,
    _insert,
    _migrate,
)
from tests.submissions.test_migration_hotline import _centre_blocks

MINE = {
    "submissions": "0017_rating_definitions",
    "bulletins": "0010_ratings_as_figures",
}
LEVELS = {
    "very_satisfied": "非常满意",
    "satisfied": "满意",
    "basically_satisfied": "基本满意",
    "dissatisfied": "不满意",
    "very_dissatisfied": "非常不满意",
}
CODES = {"纸质评价": "rating_paper", "网上评价": "rating_online"}
LEDU = (
    "在好差评方面，6月份共收到网上评价13358条，其中：非常满意1202条，满意11622条，"
    "基本满意534条，满意率100%。"
)
MINHE = (
    "在好差评方面，6月份共收到纸质评价1632条，其中：非常满意407条，满意1225条，"
    "满意率100%。"
)
EXPLANATION = "纸质评价表另有32份未分等级（演示）。"
EDITED = "在好差评方面，6月份民和县共收到纸质评价1632条。"


def _old_profile():
    return yaml.safe_load(
        (DATA / "haidong-monthly-profile-with-ratings-template.yaml").read_text(
            encoding="utf-8"
        )
    )


def _old_database():
    """The pre-bureau demo at the step before the ratings' migrations, with the
    profile of that time, a corrected rating in the history, an explained
    rating warning and an editor's change to a ratings paragraph."""
    objects = json.loads(
        gzip.decompress((DATA / "pre_bureau_demo.json.gz").read_bytes())
    )
    _insert(_migrate(BEFORE), objects)
    old = _migrate(_before(MINE))
    Profile = old.get_model("bulletins", "Profile")
    Issue = old.get_model("bulletins", "Issue")
    Centre = old.get_model("submissions", "Centre")
    SatisfactionRating = old.get_model("submissions", "SatisfactionRating")
    Historical = old.get_model("submissions", "HistoricalSatisfactionRating")
    FindingExplanation = old.get_model("submissions", "FindingExplanation")
    for profile in Profile.objects.all():
        profile.spec = _old_profile()
        profile.save()
    minhe = SatisfactionRating.objects.get(channel__name="纸质评价")
    # Entered as 1600 first, corrected to 1632 a day later.
    created = Historical.objects.get(id=minhe.pk, history_type="+")
    Historical.objects.filter(pk=created.pk).update(total=1600)
    # The dump's rows were inserted with their ids: new ones are numbered past
    # them (the sequences were not moved).
    last = Historical.objects.order_by("-history_id").first().history_id
    Historical.objects.create(
        history_id=last + 1,
        id=minhe.pk,
        report_id=minhe.report_id,
        channel_id=minhe.channel_id,
        total=1632,
        very_satisfied=407,
        satisfied=1225,
        history_date=created.history_date + datetime.timedelta(days=1),
        history_type="~",
        history_change_reason="更正",
    )
    FindingExplanation.objects.create(
        id=FindingExplanation.objects.order_by("-id").first().id + 1,
        report_id=minhe.report_id,
        rule="rating_levels_sum",
        subject="纸质评价",
        text=EXPLANATION,
    )
    minhe_centre = Centre.objects.get(short_name="民和县").pk
    draft = Issue.objects.get(number=63)
    draft.overrides = {
        f"centre.{minhe_centre}.ratings": {"text": EDITED, "generated": MINHE}
    }
    draft.save()
    return old, objects


def _rows(apps):
    SatisfactionRating = apps.get_model("submissions", "SatisfactionRating")
    return sorted(
        (
            r.report_id,
            r.channel.name,
            r.total,
            *(getattr(r, level) for level in LEVELS),
        )
        for r in SatisfactionRating.objects.select_related("channel")
    )


@pytest.mark.no_bureau
@pytest.mark.django_db(transaction=True)
def test_the_ratings_migrate_into_definitions_and_63_prints_the_same(settings):
    try:
        _check_forwards()
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def _check_forwards():
    old, objects = _old_database()
    before = _rows(old)
    assert [r[1:] for r in before] == [
        ("网上评价", 13358, 1202, 11622, 534, None, None),
        ("纸质评价", 1632, 407, 1225, None, None, None),
    ]
    old_snapshot = next(o for o in objects if o["model"] == "bulletins.issue")[
        "fields"
    ]["snapshot"]

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    cache.clear()

    from bulletins import services
    from bulletins.document import Document
    from bulletins.models import Issue, Profile
    from bulletins.profiles import default_profile
    from submissions.models import (
        FigureDefinition,
        FigureValue,
        FindingExplanation,
        RateDefinition,
    )

    # Every value copied exactly: a blank level has no row.
    values = FigureValue.objects.filter(
        definition__code__startswith="rating_"
    ).select_related("definition", "option")
    got = sorted(
        (
            v.report_id,
            v.definition.name,
            v.option.name if v.option_id else "",
            int(v.value),
        )
        for v in values
    )
    expected = sorted(
        (report, channel, LEVELS.get(field, ""), value)
        for report, channel, *figures in before
        for field, value in zip(("total", *LEVELS), figures, strict=True)
        if value is not None
    )
    assert got == expected
    haidong = FigureDefinition.objects.get(code="rating_paper").bureau
    paper = FigureDefinition.objects.get(bureau=haidong, code="rating_paper")
    assert (paper.name, paper.unit, paper.has_total, paper.parts_rule) == (
        "纸质评价",
        "条",
        True,
        "sum",
    )
    assert [o.name for o in paper.breakdown.options.order_by("order")] == list(
        LEVELS.values()
    )
    rate = RateDefinition.objects.get(bureau=haidong, code="rating_paper_satisfaction")
    assert (rate.name, rate.numerator, rate.denominator, rate.places) == (
        "纸质评价满意率",
        paper,
        paper,
        2,
    )
    assert sorted(o.name for o in rate.numerator_options.all()) == sorted(
        ["非常满意", "满意", "基本满意"]
    )
    assert not rate.denominator_options.exists()
    # The field history became the figure values' history: 民和县's total
    # entered as 1600 and corrected to 1632.
    (minhe_report,) = {r[0] for r in before if r[1] == "纸质评价"}
    total_history = FigureValue.history.filter(
        report_id=minhe_report, definition=paper, option=None
    ).order_by("history_date")
    assert [(h.history_type, int(h.value)) for h in total_history] == [
        ("+", 1600),
        ("~", 1632),
    ]
    assert total_history.last().history_change_reason == "更正"
    assert FigureValue.history.filter(
        report_id=minhe_report, definition=paper
    ).count() == len(("1600", "1632", "非常满意", "满意"))
    # The editor's explanation of the rating warning still explains it.
    keys = set(
        FindingExplanation.objects.filter(report_id=minhe_report).values_list(
            "rule", "subject", "text"
        )
    )
    assert ("defined_parts_sum", "纸质评价", EXPLANATION) in keys
    assert not FindingExplanation.objects.filter(rule__startswith="rating_").exists()
    # Stored profiles print the ratings from the definitions.
    issue = Issue.objects.get(number=63)
    assert issue.profile.spec == default_profile()
    for profile in Profile.objects.all():
        for block in _centre_blocks(profile.spec["blocks"]):
            assert "c.levels" not in block["ratings"]
    # The editor's change to a ratings paragraph is where it was, and kept.
    minhe = FigureValue.objects.filter(report_id=minhe_report).first().report
    key = f"centre.{minhe.centre_id}.ratings"
    assert list(issue.overrides) == [key]
    document = services.draft_document(issue)
    texts = {p.key: p.text for p in document.iter_paragraphs()}
    assert texts[key] == EDITED

    # 第63期, composed afresh from the migrated data, is what it was.
    issue.overrides = {}
    document = services.draft_document(issue)
    printed = Document.from_dict(old_snapshot)
    assert services.plain_text(document) == services.plain_text(printed)
    texts = {p.key: p.text for p in document.iter_paragraphs()}
    assert texts[key] == MINHE
    assert LEDU in texts.values()
    pdf = services.render_pdf_bytes(document)
    assert hashlib.sha256(pdf).hexdigest() == PDF_SHA256


@pytest.mark.no_bureau
@pytest.mark.django_db(transaction=True)
def test_the_ratings_migration_goes_back():
    try:
        old, _ = _old_database()
        before = _rows(old)
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        back = _migrate(_before(MINE))
        assert _rows(back) == before
        RatingChannel = back.get_model("submissions", "RatingChannel")
        assert dict(RatingChannel.objects.values_list("name", "order")) == {
            "纸质评价": 10,
            "网上评价": 20,
            "评价器评价": 30,
            "短信评价": 40,
        }
        FigureDefinition = back.get_model("submissions", "FigureDefinition")
        assert not FigureDefinition.objects.filter(code__startswith="rating_").exists()
        RateDefinition = back.get_model("submissions", "RateDefinition")
        assert not RateDefinition.objects.exists()
        FindingExplanation = back.get_model("submissions", "FindingExplanation")
        rules = set(FindingExplanation.objects.values_list("rule", "subject"))
        assert ("rating_levels_sum", "纸质评价") in rules
        # The hotline's explanations are the hotline definitions' still.
        assert ("defined_parts_sum", "12345热线工单") in rules
        Profile = back.get_model("bulletins", "Profile")
        old_blocks = _centre_blocks(_old_profile()["blocks"])
        for profile in Profile.objects.all():
            assert _centre_blocks(profile.spec["blocks"]) == old_blocks
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
