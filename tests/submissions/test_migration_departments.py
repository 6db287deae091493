"""The department table's migration from the previous schema with data
(DESIGN 5.7).

The database holds 第63期 as the code before bureaus stored it
(``tests/data/pre_bureau_demo.json.gz``, see tests/bureaus/test_migration.py),
migrated up to the step before the department table's migrations, with the
series' profile of that time
(``tests/data/haidong-monthly-profile-with-department-table.yaml``): the hall's
19 window units are ``Department`` rows and its June table ``DepartmentCount``
rows, one with a note (备注) and a corrected figure in its history, and a
closed window unit with a figure. Migrated, the table is 海东's 窗口单位
breakdown with four definitions, its notes ``OptionNote``\\ s, the profile's
附件1 a figure table, and 第63期 composes the same text and the same PDF, byte
for byte; migrated back, the rows are there again.
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

MINE = {
    "submissions": "0020_department_definitions",
    "bulletins": "0011_department_table_as_figure_table",
}
FIELDS = (
    "licensing_accepted",
    "licensing_completed",
    "service_accepted",
    "service_completed",
)
CODES = dict(
    zip(
        FIELDS,
        (
            "hall_licensing_accepted",
            "hall_licensing_completed",
            "hall_service_accepted",
            "hall_service_completed",
        ),
        strict=True,
    )
)
NOTE = "含补录（演示）"


def _old_profile():
    return yaml.safe_load(
        (DATA / "haidong-monthly-profile-with-department-table.yaml").read_text(
            encoding="utf-8"
        )
    )


def _old_database():
    """The pre-bureau demo at the step before the table's migrations, with a
    note, a corrected figure in the history and a closed window unit."""
    objects = json.loads(
        gzip.decompress((DATA / "pre_bureau_demo.json.gz").read_bytes())
    )
    _insert(_migrate(BEFORE), objects)
    old = _migrate(_before(MINE))
    # The profile of that time (0008 reads today's shipped file).
    Profile = old.get_model("bulletins", "Profile")
    for profile in Profile.objects.all():
        profile.spec = _old_profile()
        profile.save()
    Department = old.get_model("submissions", "Department")
    DepartmentCount = old.get_model("submissions", "DepartmentCount")
    Historical = old.get_model("submissions", "HistoricalDepartmentCount")
    police = DepartmentCount.objects.get(department__name="市公安局")
    police.note = NOTE
    police.save()
    # Entered as 1600 first, corrected to 1687 a day later (with the note).
    created = Historical.objects.filter(id=police.pk).order_by("history_id").first()
    Historical.objects.filter(pk=created.pk).update(service_accepted=1600)
    last = Historical.objects.order_by("-history_id").first().history_id
    Historical.objects.create(
        history_id=last + 1,
        id=police.pk,
        report_id=police.report_id,
        department_id=police.department_id,
        licensing_accepted=police.licensing_accepted,
        licensing_completed=police.licensing_completed,
        service_accepted=police.service_accepted,
        service_completed=police.service_completed,
        note=NOTE,
        history_date=created.history_date + datetime.timedelta(days=1),
        history_type="~",
        history_change_reason="更正",
    )
    # A window unit closed since: inactive, with no figure in June.
    Department.objects.filter(name="地震局").update(is_active=False)
    return old


def _rows(apps):
    """The table's rows with a figure or a note (a row with neither is a blank
    row: the form never keeps one, and no figure value stands for it)."""
    DepartmentCount = apps.get_model("submissions", "DepartmentCount")
    rows = (
        (
            c.report_id,
            c.department.name,
            *(getattr(c, field) for field in FIELDS),
            c.note,
        )
        for c in DepartmentCount.objects.select_related("department")
    )
    return sorted(r for r in rows if any(v not in (None, "") for v in r[2:]))


def _departments(apps):
    Department = apps.get_model("submissions", "Department")
    return list(
        Department.objects.order_by("order", "id").values_list(
            "centre__short_name", "name", "order", "is_active"
        )
    )


@pytest.mark.no_bureau
@pytest.mark.django_db(transaction=True)
def test_the_department_table_migrates_into_definitions_and_63_prints_the_same():
    try:
        _check_forwards()
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def _check_forwards():
    old = _old_database()
    before, departments = _rows(old), _departments(old)
    assert len(departments) == 19 and len(before) == 12
    Issue = old.get_model("bulletins", "Issue")
    old_snapshot = Issue.objects.get(number=63).snapshot

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    cache.clear()

    from bulletins import services
    from bulletins.document import Document
    from bulletins.models import Issue, Profile
    from bulletins.profiles import default_profile
    from submissions.models import (
        Breakdown,
        FigureDefinition,
        FigureValue,
        OptionNote,
        RateDefinition,
    )

    # The window units are the options of 窗口单位, names, order and state kept.
    units = Breakdown.objects.get(name="窗口单位")
    assert units.has_note
    assert [
        (o.name, o.order, o.is_active) for o in units.options.order_by("order", "id")
    ] == [(name, order, active) for _, name, order, active in departments]
    # Four definitions without a total, reported by the hall only; 办结 not
    # above its 受理; the two 受理 required.
    definitions = {d.code: d for d in FigureDefinition.objects.filter(breakdown=units)}
    assert set(definitions) == set(CODES.values())
    for field, code in CODES.items():
        definition = definitions[code]
        assert (definition.has_total, definition.unit_kind, definition.unit) == (
            False,
            "hall",
            "件",
        )
        assert definition.required == field.endswith("accepted")
    assert (
        definitions["hall_licensing_completed"].not_above
        == (definitions["hall_licensing_accepted"])
    )
    assert (
        definitions["hall_service_completed"].not_above
        == (definitions["hall_service_accepted"])
    )
    rate = RateDefinition.objects.get(code="hall_service_rate")
    assert (rate.numerator.code, rate.denominator.code, rate.places) == (
        "hall_service_completed",
        "hall_service_accepted",
        2,
    )
    # Every figure copied exactly: a blank has no row, a 0 is a row.
    values = FigureValue.objects.filter(definition__breakdown=units).select_related(
        "definition", "option"
    )
    fields = {code: field for field, code in CODES.items()}
    got = sorted(
        (v.report_id, v.option.name, fields[v.definition.code], int(v.value))
        for v in values
    )
    expected = sorted(
        (report, name, field, value)
        for report, name, *figures, _note in before
        for field, value in zip(FIELDS, figures, strict=True)
        if value is not None
    )
    assert got == expected
    assert any(value == 0 for *_, value in got)
    # The note is the option's note; the history is the values' and notes'.
    (police_report,) = {r[0] for r in before if r[1] == "市公安局"}
    note = OptionNote.objects.get(report_id=police_report)
    assert (note.option.name, note.text) == ("市公安局", NOTE)
    assert [h.history_type for h in note.history.all()] == ["+"]
    service = FigureValue.history.filter(
        report_id=police_report,
        definition=definitions["hall_service_accepted"],
        option__name="市公安局",
    ).order_by("history_date")
    assert [(h.history_type, int(h.value)) for h in service] == [
        ("+", 1600),
        ("~", 1687),
    ]
    assert service.last().history_change_reason == "更正"
    # Stored profiles print 附件1 as a figure table.
    issue = Issue.objects.get(number=63)
    assert issue.profile.spec == default_profile()
    for profile in Profile.objects.all():
        kinds = [a["kind"] for a in profile.spec["attachments"]]
        assert "department_table" not in kinds

    # The note prints in 附件1's 备注 column.
    document = services.draft_document(issue)
    (table,) = [a.table for a in document.attachments if a.key == "figure_table"]
    police_row = next(r for r in table.rows if r[1].text == "市公安局")
    assert police_row[-1].text == NOTE

    # 第63期 (which had no note, and 地震局 open), composed afresh from the
    # migrated data, is what it was.
    note.delete()
    units.options.filter(name="地震局").update(is_active=True)
    document = services.draft_document(issue)
    printed = Document.from_dict(old_snapshot)
    assert services.plain_text(document) == services.plain_text(printed)
    (table,) = [a.table for a in document.attachments if a.key == "figure_table"]
    (old_table,) = [a.table for a in printed.attachments if a.label == "附件1"]
    assert [[c.text for c in row] for row in table.rows] == [
        [c.text for c in row] for row in old_table.rows
    ]
    assert [c.text for c in table.totals] == [c.text for c in old_table.totals]
    pdf = services.render_pdf_bytes(document)
    assert hashlib.sha256(pdf).hexdigest() == PDF_SHA256


@pytest.mark.no_bureau
@pytest.mark.django_db(transaction=True)
def test_the_department_table_migration_goes_back():
    try:
        old = _old_database()
        before, departments = _rows(old), _departments(old)
        Profile = old.get_model("bulletins", "Profile")
        profiles = {p.pk: p.spec for p in Profile.objects.all()}
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        back = _migrate(_before(MINE))
        assert _rows(back) == before
        assert _departments(back) == departments
        FigureDefinition = back.get_model("submissions", "FigureDefinition")
        assert not FigureDefinition.objects.filter(code__startswith="hall_").exists()
        Breakdown = back.get_model("submissions", "Breakdown")
        assert not Breakdown.objects.filter(name="窗口单位").exists()
        RateDefinition = back.get_model("submissions", "RateDefinition")
        assert not RateDefinition.objects.filter(code__startswith="hall_").exists()
        Profile = back.get_model("bulletins", "Profile")
        assert {p.pk: p.spec for p in Profile.objects.all()} == profiles
        assert all(spec == _old_profile() for spec in profiles.values())
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
