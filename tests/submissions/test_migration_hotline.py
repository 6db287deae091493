"""The 12345 hotline migration from the previous schema with data (DESIGN 5.7).

The database holds 第63期 as the code before bureaus stored it
(``tests/data/pre_bureau_demo.json.gz``, see tests/bureaus/test_migration.py):
互助县's June hotline is a ``Hotline`` row, its warnings are explained, and the
series' profile prints it with the ``hotline`` template of the time
(``tests/data/haidong-monthly-profile-with-hotline-template.yaml``). Migrated, the
hotline is 海东's figure definitions and values, and 第63期 composes the same text
and the same PDF, byte for byte.
"""

from __future__ import annotations

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

MINE = {
    "submissions": "0014_definition_links",
    "bulletins": "0009_hotline_as_figures",
}
FIELDS = {
    "received": ("hotline_received", None),
    "help_requests": ("hotline_received", "求助类"),
    "consultations": ("hotline_received", "咨询类"),
    "complaints": ("hotline_received", "投诉类"),
    "suggestions": ("hotline_received", "建议类"),
    "assigned": ("hotline_orders", "承办单"),
    "redone": ("hotline_orders", "重新办理单"),
    "completed": ("hotline_completed", None),
    "mayor_mailbox_received": ("hotline_channel_received", "市政府门户网站“市长信箱”"),
    "mayor_mailbox_completed": (
        "hotline_channel_completed",
        "市政府门户网站“市长信箱”",
    ),
    "netizen_received": ("hotline_channel_received", "市政府门户网站“网民留言”"),
    "netizen_completed": ("hotline_channel_completed", "市政府门户网站“网民留言”"),
    "provincial_received": ("hotline_channel_received", "青海省“12345”政务服务热线"),
    "provincial_completed": ("hotline_channel_completed", "青海省“12345”政务服务热线"),
}
HUZHU_SENTENCE = (
    "6月份，互助县12345市民服务热线共受理268件（其中承办单243件，重新办理单23件），"
    "日均受理9件，办结218件。"
)


def _old_templates():
    old = yaml.safe_load(
        (DATA / "haidong-monthly-profile-with-hotline-template.yaml").read_text(
            encoding="utf-8"
        )
    )
    centres = _centre_blocks(old["blocks"])[0]
    return centres["hotline"], centres["figures"]


def _centre_blocks(blocks):
    found = []
    for block in blocks:
        if block["kind"] in ("centres", "centre_paragraphs"):
            found.append(block)
        found += _centre_blocks(block.get("blocks", []))
    return found


def _old_database():
    """The pre-bureau demo, migrated up to the step before the hotline's, with
    the profile of that time (its ``hotline`` template) and an editor's change
    to 互助县's hotline paragraph."""
    objects = json.loads(
        gzip.decompress((DATA / "pre_bureau_demo.json.gz").read_bytes())
    )
    _insert(_migrate(BEFORE), objects)
    old = _migrate(_before(MINE))
    Profile = old.get_model("bulletins", "Profile")
    Issue = old.get_model("bulletins", "Issue")
    Centre = old.get_model("submissions", "Centre")
    hotline, figures = _old_templates()
    for profile in Profile.objects.all():
        for block in _centre_blocks(profile.spec["blocks"]):
            block["hotline"], block["figures"] = hotline, figures
        profile.save()
    huzhu = Centre.objects.get(short_name="互助县").pk
    draft = Issue.objects.get(number=63)
    draft.overrides = {f"centre.{huzhu}.hotline": {"text": "改写。", "generated": ""}}
    draft.save()
    return old, objects


@pytest.mark.no_bureau
@pytest.mark.django_db(transaction=True)
def test_the_hotline_migrates_into_definitions_and_63_prints_the_same(settings):
    old, objects = _old_database()
    Hotline = old.get_model("submissions", "Hotline")
    (row,) = Hotline.objects.all()
    stated = {f: getattr(row, f) for f in FIELDS}
    assert stated["netizen_received"] == 0  # a stated zero
    old_snapshot = next(o for o in objects if o["model"] == "bulletins.issue")[
        "fields"
    ]["snapshot"]

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    cache.clear()

    from bulletins import services
    from bulletins.document import Document
    from bulletins.models import Issue, Profile
    from bulletins.profiles import default_profile
    from submissions.models import FigureDefinition, FigureValue, FindingExplanation

    # The hotline's (the ratings became definitions later: 0017).
    values = FigureValue.objects.filter(
        definition__code__startswith="hotline_"
    ).select_related("definition", "option")
    got = {
        (v.definition.code, v.option.name if v.option_id else None): v.value
        for v in values
    }
    assert got == {FIELDS[f]: value for f, value in stated.items()}
    assert {v.report_id for v in values} == {row.report_id}
    haidong = FigureDefinition.objects.get(code="hotline_orders").bureau
    orders = FigureDefinition.objects.get(bureau=haidong, code="hotline_orders")
    assert orders.parts_of.code == "hotline_received" and not orders.has_total
    done = FigureDefinition.objects.get(bureau=haidong, code="hotline_completed")
    assert done.not_above.code == "hotline_received"
    # The field history became the figure values' history.
    history = FigureValue.history.filter(
        report_id=row.report_id, definition__code__startswith="hotline_"
    )
    assert history.count() == len(FIELDS)
    assert {h.history_type for h in history} == {"+"}
    # The editor's explanations of the hotline's warnings still explain them.
    keys = set(
        FindingExplanation.objects.filter(report_id=row.report_id).values_list(
            "rule", "subject"
        )
    )
    assert {
        ("defined_parts_sum", "12345热线工单"),
        ("defined_parts_sum", "12345热线受理"),
    } <= keys
    assert not {k for k in keys if k[0].startswith("hotline_")}
    # Stored profiles print the hotline from the definitions.
    for profile in Profile.objects.all():
        for block in _centre_blocks(profile.spec["blocks"]):
            assert "hotline" not in block
    issue = Issue.objects.get(number=63)
    assert issue.profile.spec == default_profile()
    huzhu = FigureValue.objects.filter(report_id=row.report_id).first().report
    assert list(issue.overrides) == [f"centre.{huzhu.centre_id}.figures"]

    # 第63期, composed afresh from the migrated data, is what it was.
    issue.overrides = {}
    document = services.draft_document(issue)
    printed = Document.from_dict(old_snapshot)
    assert services.plain_text(document) == services.plain_text(printed)
    assert HUZHU_SENTENCE in services.plain_text(document)
    pdf = services.render_pdf_bytes(document)
    assert hashlib.sha256(pdf).hexdigest() == PDF_SHA256


@pytest.mark.no_bureau
@pytest.mark.django_db(transaction=True)
def test_the_hotline_migration_goes_back():
    try:
        old, _ = _old_database()
        Hotline = old.get_model("submissions", "Hotline")
        before = list(Hotline.objects.values())
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        back = _migrate(_before(MINE))
        Hotline = back.get_model("submissions", "Hotline")
        assert [{**h, "id": None} for h in Hotline.objects.values()] == [
            {**h, "id": None} for h in before
        ]
        FigureDefinition = back.get_model("submissions", "FigureDefinition")
        assert not FigureDefinition.objects.filter(code__startswith="hotline_").exists()
        FindingExplanation = back.get_model("submissions", "FindingExplanation")
        rules = set(FindingExplanation.objects.values_list("rule", flat=True))
        assert {"hotline_orders_sum", "hotline_natures_sum"} <= rules
        Profile = back.get_model("bulletins", "Profile")
        hotline, figures = _old_templates()
        for profile in Profile.objects.all():
            for block in _centre_blocks(profile.spec["blocks"]):
                assert (block["hotline"], block["figures"]) == (hotline, figures)
        Issue = back.get_model("bulletins", "Issue")
        (key,) = Issue.objects.get(number=63).overrides
        assert key.endswith(".hotline")
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
