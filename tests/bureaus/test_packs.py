"""A new bureau's reference data comes from a starter pack, a data file
(``bureaus/starter_packs/*.json``): adding a pack takes no code, a bureau can
start blank, and a wrong pack saves nothing."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from bureaus import packs
from bureaus.models import Bureau
from bureaus.services import bureau_create
from submissions.models import (
    Breakdown,
    BreakdownOption,
    FigureDefinition,
    RateDefinition,
)
from transactions.models import TradeCategory

pytestmark = pytest.mark.django_db

CITY = json.loads((packs.PACKS_DIR / "city.json").read_text(encoding="utf-8"))


def flatten(entries, parent=None):
    for entry in entries:
        yield entry, parent
        yield from flatten(entry.get("children", []), entry["code"])


@pytest.fixture
def pack_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(packs, "PACKS_DIR", tmp_path)
    packs.starter_packs.cache_clear()
    yield tmp_path
    packs.starter_packs.cache_clear()


def test_a_new_bureau_gets_the_default_pack_exactly():
    bureau = bureau_create(name="甲市政务服务局", short_name="甲市", slug="jia")
    trees = {
        (
            c.code,
            c.label,
            c.name,
            c.measure_word,
            c.order,
            getattr(c.parent, "code", None),
        )
        for c in TradeCategory.objects.for_bureau(bureau).select_related("parent")
    }
    assert trees == {
        (e["code"], e["label"], e["name"], e["measure_word"], e["order"], parent)
        for e, parent in flatten(CITY["trade_categories"])
    }
    (cases,) = [b for b in CITY["breakdowns"] if b["name"] == "办件类别"]
    assert sorted(
        BreakdownOption.objects.filter(
            breakdown__bureau=bureau, breakdown__name="办件类别"
        ).values_list("name", "short_label")
    ) == sorted((o["name"], o["short_label"]) for o in cases["options"])
    rates = {
        r.code: (
            r.name,
            r.numerator.code,
            sorted(o.name for o in r.numerator_options.all()),
            r.denominator.code,
            sorted(o.name for o in r.denominator_options.all()),
            r.places,
        )
        for r in RateDefinition.objects.filter(bureau=bureau)
    }
    assert rates == {
        e["code"]: (
            e["name"],
            e["numerator"],
            sorted(e.get("numerator_options", [])),
            e["denominator"],
            sorted(e.get("denominator_options", [])),
            e.get("places", 2),
        )
        for e in CITY["rate_definitions"]
    }
    assert rates["rating_paper_satisfaction"] == (
        "纸质评价满意率",
        "rating_paper",
        sorted(["非常满意", "满意", "基本满意"]),
        "rating_paper",
        [],
        2,
    )


def test_a_new_city_bureau_gets_the_hotline_definitions_of_the_pack():
    """The pack's breakdowns, options and definitions, links by code."""
    bureau = bureau_create(name="甲市政务服务局", short_name="甲市", slug="jia")
    breakdowns = {
        b.name: [o.name for o in b.options.all()]
        for b in Breakdown.objects.filter(bureau=bureau)
    }
    assert breakdowns == {
        b["name"]: [o["name"] for o in b["options"]] for b in CITY["breakdowns"]
    }
    got = {
        d.code: (
            d.name,
            getattr(d.breakdown, "name", None),
            d.has_total,
            d.parts_rule,
            getattr(d.parts_of, "code", None),
            getattr(d.not_above, "code", None),
        )
        for d in FigureDefinition.objects.filter(bureau=bureau)
    }
    assert got == {
        e["code"]: (
            e["name"],
            e.get("breakdown"),
            e.get("has_total", True),
            e.get("parts_rule", "none"),
            e.get("parts_of"),
            e.get("not_above"),
        )
        for e in CITY["figure_definitions"]
    }
    assert got["hotline_orders"][4] == "hotline_received"
    # One definition per rating channel, the five levels its parts, a stated
    # total they sum to (over: error; under: warning).
    assert {code: got[code] for code in got if code.startswith("rating_")} == {
        code: (name, "评价等级", True, "sum", None, None)
        for code, name in [
            ("rating_paper", "纸质评价"),
            ("rating_online", "网上评价"),
            ("rating_device", "评价器评价"),
            ("rating_sms", "短信评价"),
        ]
    }
    assert breakdowns["评价等级"] == [
        "非常满意",
        "满意",
        "基本满意",
        "不满意",
        "非常不满意",
    ]
    # The case categories: 受理 and 办结 by 办件类别, each option with its
    # short label, 办结 not above 受理.
    assert got["cases_completed"] == (
        "办结",
        "办件类别",
        True,
        "sum_warning",
        None,
        "cases_accepted",
    )
    assert list(
        Breakdown.objects.get(bureau=bureau, name="办件类别").options.values_list(
            "name", "short_label"
        )
    ) == [
        ("行政许可事项", "行政许可"),
        ("公共服务事项", "公共服务"),
        ("便民服务事项", "便民服务"),
    ]
    # Their rules: 受理 = 办结 + 正在办理, a change limit on 受理, 正在办理 a
    # stock, 办结率 with a minimum; the hall table's columns sum to the
    # categories.
    cases = {
        d.code: d
        for d in FigureDefinition.objects.filter(bureau=bureau).select_related(
            "sums_to", "sums_to_option"
        )
    }
    assert [
        d.code for d in cases["cases_accepted"].equals_sum_of.order_by("order")
    ] == [
        "cases_completed",
        "cases_in_progress",
    ]
    assert cases["cases_accepted"].change_limit == 50
    assert cases["cases_in_progress"].aggregation == "last"
    assert bureau.rate_definitions.get(code="cases_completion").minimum == 90
    assert {
        code: (d.sums_to.code, d.sums_to_option.name)
        for code, d in cases.items()
        if d.sums_to_id
    } == {
        "hall_licensing_accepted": ("cases_accepted", "行政许可事项"),
        "hall_licensing_completed": ("cases_completed", "行政许可事项"),
        "hall_service_accepted": ("cases_accepted", "公共服务事项"),
        "hall_service_completed": ("cases_completed", "公共服务事项"),
    }
    for definition in FigureDefinition.objects.filter(bureau=bureau):
        definition.full_clean()


def test_a_bureau_can_start_blank():
    bureau = bureau_create(name="乙州政务服务局", short_name="乙州", slug="yi", pack="")
    for model in (TradeCategory, Breakdown, FigureDefinition, RateDefinition):
        assert not model.objects.filter(bureau=bureau).exists(), model


def test_a_pack_added_as_a_file_needs_no_code(pack_dir):
    (pack_dir / "prefecture.json").write_text(
        json.dumps(
            {
                "name": "州级通报",
                "breakdowns": [
                    {
                        "name": "评价等级",
                        "options": [{"name": "非常满意"}, {"name": "满意"}],
                    }
                ],
                "figure_definitions": [
                    {
                        "code": "rating",
                        "name": "好差评",
                        "unit": "条",
                        "breakdown": "评价等级",
                        "parts_rule": "sum",
                    }
                ],
                "rate_definitions": [
                    {
                        "code": "satisfied",
                        "name": "满意率",
                        "numerator": "rating",
                        "numerator_options": ["非常满意"],
                        "denominator": "rating",
                    }
                ],
                "trade_categories": [
                    {
                        "code": "procurement-central",
                        "label": "政府集中采购",
                        "name": "政府集中采购",
                        "measure_word": "批次",
                        "in_total": False,
                        "children": [
                            {"code": "goods", "label": "货物", "name": "货物类"}
                        ],
                    },
                    {
                        "code": "mining",
                        "label": "矿业权",
                        "name": "矿业权出让",
                        "measure_word": "宗",
                        "amount_printed": False,
                    },
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    bureau = bureau_create(
        name="丙州政务服务局", short_name="丙州", slug="bing", pack="prefecture"
    )
    categories = {c.code: c for c in TradeCategory.objects.for_bureau(bureau)}
    assert set(categories) == {"procurement-central", "goods", "mining"}
    assert categories["procurement-central"].measure_word == "批次"
    assert not categories["procurement-central"].in_total
    assert categories["goods"].parent == categories["procurement-central"]
    assert not categories["mining"].amount_printed
    rate = RateDefinition.objects.get(bureau=bureau)
    assert (rate.name, rate.numerator.name, rate.denominator.name) == (
        "满意率",
        "好差评",
        "好差评",
    )
    assert [o.name for o in rate.numerator_options.all()] == ["非常满意"]


def test_an_unknown_or_malformed_pack_saves_nothing(pack_dir):
    with pytest.raises(packs.PackError, match="没有名为“nowhere”的起始参照数据"):
        bureau_create(
            name="丁市政务服务局", short_name="丁市", slug="ding", pack="nowhere"
        )
    (pack_dir / "broken.json").write_text(
        json.dumps(
            {"name": "坏的", "trade_categories": "工程建设"}, ensure_ascii=False
        ),
        encoding="utf-8",
    )
    packs.starter_packs.cache_clear()  # packs are read once per process
    with pytest.raises(packs.PackError, match="坏的.*trade_categories"):
        bureau_create(
            name="丁市政务服务局", short_name="丁市", slug="ding", pack="broken"
        )
    assert not Bureau.objects.filter(slug="ding").exists()


def test_the_site_admin_chooses_the_pack_when_adding_a_bureau(login, admin_user):
    client = login(admin_user)
    add = reverse("admin:bureaus_bureau_add")
    page = client.get(add).content.decode()
    assert "起始参照数据" in page and CITY["name"] in page and "空白" in page
    fields = {"name": "戊市政务服务局", "short_name": "戊市", "order": 0}
    client.post(add, {**fields, "slug": "wu", "starter_pack": "city"})
    client.post(
        add, {**fields, "name": "己市政务服务局", "slug": "ji", "starter_pack": ""}
    )
    assert TradeCategory.objects.filter(bureau__slug="wu").count() == len(
        list(flatten(CITY["trade_categories"]))
    )
    assert not TradeCategory.objects.filter(bureau__slug="ji").exists()
    change = reverse(
        "admin:bureaus_bureau_change", args=[Bureau.objects.get(slug="wu").pk]
    )
    assert "起始参照数据" not in client.get(change).content.decode()


def test_no_starter_vocabulary_is_written_in_python():
    """The starters read the pack; none of its words is in their code."""
    root = Path(packs.__file__).resolve().parent.parent
    code = "".join(
        (root / path).read_text(encoding="utf-8")
        for path in ("transactions/reference.py", "submissions/reference.py")
    )
    words = [e["name"] for e, _ in flatten(CITY["trade_categories"])]
    words += [e["measure_word"] for e, _ in flatten(CITY["trade_categories"])]
    words += [b["name"] for b in CITY["breakdowns"]]
    words += [o["name"] for b in CITY["breakdowns"] for o in b["options"]]
    words += [e["name"] for e in CITY["figure_definitions"] + CITY["rate_definitions"]]
    assert not [w for w in words if w in code]
