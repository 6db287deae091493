"""A bureau's working amount unit: chosen where the bureau's settings are
edited, checked against its decimals, and given to existing bureaus as 亿元
by the migration (from the previous schema, with data)."""

import doctest

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from bulletins.trends import arithmetic
from bureaus import units
from bureaus.models import Bureau
from tests.factories import BureauAdminFactory, default_bureau, second_bureau
from transactions import amount_input

BEFORE = [("bureaus", "0002_existing_data")]
AFTER = [("bureaus", "0003_amount_unit")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.mark.no_bureau
@pytest.mark.django_db(transaction=True)
def test_existing_bureaus_work_in_yi_yuan_with_four_decimals():
    old = _migrate(BEFORE)
    Bureau = old.get_model("bureaus", "Bureau")
    Bureau.objects.create(name="海东市局", short_name="海东", slug="haidong")
    Bureau.objects.create(name="海西州局", short_name="海西", slug="haixi")

    new = _migrate(AFTER)
    Bureau = new.get_model("bureaus", "Bureau")
    rows = Bureau.objects.order_by("slug").values_list(
        "slug", "amount_unit", "amount_places"
    )
    assert list(rows) == [("haidong", "亿元", 4), ("haixi", "亿元", 4)]

    old = _migrate(BEFORE)
    Bureau = old.get_model("bureaus", "Bureau")
    assert Bureau.objects.count() == 2
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db
def test_the_bureau_admin_chooses_the_unit_and_its_decimals(client):
    admin = BureauAdminFactory(username="hd-admin")
    client.force_login(admin)
    bureau = default_bureau()
    url = reverse("admin:bureaus_bureau_change", args=[bureau.pk])
    page = client.get(url).content.decode()
    assert "金额单位" in page and "金额小数位" in page
    texts = {"short_name": "海东", "description": "", "footer": ""}
    response = client.post(url, {**texts, "amount_unit": "万元", "amount_places": 2})
    assert response.status_code == 302
    bureau.refresh_from_db()
    assert (bureau.amount_unit, bureau.amount_places) == ("万元", 2)
    assert second_bureau().amount_unit == "亿元"  # another bureau's stays

    # Finer than the 分 in 元 means nothing: refused, nothing saved.
    response = client.post(url, {**texts, "amount_unit": "元", "amount_places": 3})
    assert response.status_code == 200
    assert "金额以元计时最多保留2位小数（到分），填写的是3位。" in (
        response.content.decode()
    )
    bureau.refresh_from_db()
    assert (bureau.amount_unit, bureau.amount_places) == ("万元", 2)


@pytest.mark.django_db
def test_a_unit_outside_the_list_is_refused():
    bureau = Bureau(name="甲", short_name="甲", slug="jia", amount_unit="千元")
    with pytest.raises(ValidationError) as error:
        bureau.full_clean()
    assert "amount_unit" in error.value.message_dict


def test_docstring_examples_hold():
    for module in (units, amount_input, arithmetic):
        assert doctest.testmod(module).failed == 0, module.__name__
