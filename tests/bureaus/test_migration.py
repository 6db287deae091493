"""The bureau migrations from the previous schema with data (DESIGN 5.7).

``tests/data/pre_bureau_demo.json.gz`` is ``dumpdata`` of the demo loaded by the
code before bureaus existed (commit 39a69dd: 海东's June 2021 organisation,
reports, trade totals and 第63期 published), ``pre_bureau_63-r1.pdf`` the PDF it
stored. The test migrates an empty database back to the nodes before the
bureau migrations, inserts the dump through the historical models of that
schema, migrates forward, and reads 第63期 at its new address.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

DATA = Path(__file__).resolve().parent.parent / "data"
BEFORE = [
    ("submissions", "0006_reminder"),
    ("transactions", "0003_signed_content"),
    ("bulletins", "0004_signed_content"),
    ("bureaus", None),
]
PDF_SHA256 = "bfd87ec66296cf65af1984f1ea49854013b0fc5ab849110bf5679e9118fa296d"


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    nodes = [t for t in targets if t[1] is not None]
    return MigrationExecutor(connection).loader.project_state(nodes).apps


def _before(mine: dict) -> list:
    """Every app at its leaf, except ``mine``'s apps ({app: migration}) at the
    step just before those migrations: the schema a conversion starts from."""
    graph = MigrationExecutor(connection).loader.graph
    targets = []
    for app, name in graph.leaf_nodes():
        if app in mine:
            parents = graph.node_map[(app, mine[app])].parents
            (name,) = [p[1] for p in parents if p[0] == app]
        targets.append((app, name))
    return targets


def _insert(apps, objects):
    """Insert ``dumpdata`` objects through the historical models."""
    User = apps.get_model("auth", "User")
    Group = apps.get_model("auth", "Group")
    later = []
    with transaction.atomic():
        for entry in objects:
            model = apps.get_model(entry["model"])
            values, m2m = {}, {}
            for name, value in entry["fields"].items():
                field = model._meta.get_field(name)
                if field.many_to_many:
                    m2m[name] = value
                elif field.is_relation and isinstance(value, list):
                    values[field.attname] = User.objects.get(username=value[0]).pk
                elif field.is_relation:
                    values[field.attname] = value
                else:
                    values[name] = value
            obj = model(pk=entry["pk"], **values)
            obj.save()
            later.extend((obj, name, names) for name, names in m2m.items())
        for obj, name, names in later:
            getattr(obj, name).set(Group.objects.filter(name__in=[n[0] for n in names]))


@pytest.mark.no_bureau
@pytest.mark.django_db(transaction=True)
def test_issue_63_survives_the_bureau_migrations(client, settings):
    objects = json.loads(
        gzip.decompress((DATA / "pre_bureau_demo.json.gz").read_bytes())
    )
    old_snapshot = next(o for o in objects if o["model"] == "bulletins.issue")[
        "fields"
    ]["snapshot"]
    target = Path(settings.MEDIA_ROOT) / "bulletins" / "1" / "63-r1.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(DATA / "pre_bureau_63-r1.pdf", target)

    old_apps = _migrate(BEFORE)
    _insert(old_apps, objects)
    executor = MigrationExecutor(connection)
    _migrate(executor.loader.graph.leaf_nodes())
    cache.clear()

    from bulletins.models import Issue, Series
    from bureaus.models import Bureau, StaffMembership
    from submissions.models import Breakdown, Centre, MonthlyReport
    from transactions.models import MonthlyTradeTotal, TradeCategory

    haidong = Bureau.objects.get(slug="haidong")
    assert haidong.name == "海东市政务服务监督管理局"
    assert Series.objects.get().bureau == haidong
    assert Series.objects.get().slug == "dongtai"
    for model in (Centre, Breakdown, TradeCategory, MonthlyTradeTotal):
        assert model.objects.exclude(bureau=haidong).count() == 0, model
        assert model.objects.count() > 0, model
    assert MonthlyReport.objects.count() == 8
    assert (
        StaffMembership.objects.filter(user__username="editor").get().bureau == haidong
    )

    issue = Issue.objects.get(number=63)
    assert issue.snapshot == old_snapshot  # every figure kept
    assert issue.get_absolute_url() == "/haidong/dongtai/2021/63/"

    page = client.get("/haidong/dongtai/2021/63/")
    assert page.status_code == 200
    assert "第63期" in page.content.decode()
    pdf = client.get("/haidong/dongtai/2021/63/pdf/")
    assert pdf.status_code == 200
    body = b"".join(pdf.streaming_content)
    assert hashlib.sha256(body).hexdigest() == PDF_SHA256
    old = client.get("/issues/63/pdf/")
    assert old.status_code == 301
    assert old["Location"] == "/haidong/dongtai/2021/63/pdf/"
