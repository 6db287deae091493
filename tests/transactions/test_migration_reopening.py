"""Migrations transactions 0007–0009 from the previous schema with data: a reopening
made when locks were per month (it opened the month of every bureau) becomes
one reopening per bureau, at its original time, so no bureau's month changes
state by the upgrade; and back."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("transactions", "0006_trade_measures")]
AFTER = [("transactions", "0009_reopening_bureau_required")]
JUNE = datetime.date(2021, 6, 1)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.mark.no_bureau
@pytest.mark.django_db(transaction=True)
def test_a_shared_reopening_becomes_one_per_bureau_and_back():
    old = _migrate(BEFORE)
    Bureau = old.get_model("bureaus", "Bureau")
    User = old.get_model("auth", "User")
    Reopening = old.get_model("transactions", "TradeMonthReopening")
    haidong = Bureau.objects.create(name="海东市局", short_name="海东", slug="haidong")
    haixi = Bureau.objects.create(name="海西州局", short_name="海西", slug="haixi")
    editor = User.objects.create(username="editor")
    at = timezone.now() - datetime.timedelta(days=30)
    reopening = Reopening.objects.create(month=JUNE, user=editor, reason="金额有误")
    Reopening.objects.filter(pk=reopening.pk).update(at=at)

    new = _migrate(AFTER)
    Reopening = new.get_model("transactions", "TradeMonthReopening")
    rows = sorted(
        Reopening.objects.values_list("bureau_id", "month", "user_id", "reason", "at")
    )
    assert rows == [
        (haidong.pk, JUNE, editor.pk, "金额有误", at),
        (haixi.pk, JUNE, editor.pk, "金额有误", at),
    ]

    old = _migrate(BEFORE)
    Reopening = old.get_model("transactions", "TradeMonthReopening")
    assert list(Reopening.objects.values_list("month", "reason", "at")) == [
        (JUNE, "金额有误", at)
    ]
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
