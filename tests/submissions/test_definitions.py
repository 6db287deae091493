"""Figure definitions as data (DESIGN 5.3): a figure added in the admin reaches
the clerk's form, validation, the editor's history, composition and open data
without a line of code."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from bulletins.composition import document_text
from submissions.definitions import RULE_WITHOUT_BREAKDOWN
from submissions.history import changes_since, field_history
from submissions.models import (
    Breakdown,
    FigureDefinition,
    FigureValue,
    MonthlyReport,
)
from submissions.validation import validate_report
from tests.factories import (
    BureauAdminFactory,
    CentreFactory,
    ClerkFactory,
    EditorFactory,
    MonthlyReportFactory,
    compose_june,
    default_bureau,
    second_bureau,
)

JUNE = datetime.date(2021, 6, 1)


def admin_add_breakdown(client, name, options):
    data = {
        "name": name,
        "options-TOTAL_FORMS": str(len(options)),
        "options-INITIAL_FORMS": "0",
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "1000",
    }
    for n, option in enumerate(options):
        data[f"options-{n}-name"] = option
        data[f"options-{n}-order"] = str(n + 1)
        data[f"options-{n}-is_active"] = "on"
    response = client.post(reverse("admin:submissions_breakdown_add"), data)
    assert response.status_code == 302, response.content.decode()
    return Breakdown.objects.get(name=name)


def admin_add_definition(client, **fields):
    data = {
        "value_type": "count",
        "unit": "件",
        "parts_rule": "none",
        "aggregation": "sum",
        "order": "1",
        "is_active": "on",
        "has_total": "on",
        **fields,
    }
    response = client.post(reverse("admin:submissions_figuredefinition_add"), data)
    assert response.status_code == 302, response.content.decode()
    return FigureDefinition.objects.get(code=fields["code"])


def edit(client, report):
    return client.get(reverse("submissions:report_edit", args=[report.pk]))


def form_data(response):
    """Every input of the report page as the browser would send it back."""
    entry = response.context["entry"]
    data = {}
    for form in [entry.main, entry.defined]:
        for bound in form:
            value = bound.value()
            data[bound.html_name] = "" if value is None else value
    for formset in entry.formsets():
        for bound in formset.management_form:
            data[bound.html_name] = bound.value()
        for sub in formset.forms:
            for bound in sub:
                if bound.name == "DELETE":
                    continue
                value = bound.value()
                data[bound.html_name] = "" if value is None else value
    return data


@pytest.fixture
def bureau_admin(db):
    return BureauAdminFactory(username="bureau_admin")


@pytest.mark.django_db
def test_a_definition_added_in_the_admin_reaches_form_validation_history_composition_and_open_data(  # noqa: E501
    login, bureau_admin
):
    centre = CentreFactory(name="平安区政务服务中心", short_name="平安区", order=10)
    clerk = ClerkFactory(username="clerk_p", centre=centre)
    editor = EditorFactory(username="editor_p")
    client = login(bureau_admin)
    counties = admin_add_breakdown(client, "办理地", ["平安区", "新区"])
    definition = admin_add_definition(
        client,
        code="cross_province",
        name="跨省通办",
        breakdown=str(counties.pk),
        parts_rule="sum",
        rank_top="2",
    )
    # The bureau admin works in their own bureau without choosing it.
    assert definition.bureau == default_bureau()
    preview = client.get(reverse("admin:submissions_figuredefinition_preview"))
    assert "跨省通办总数（件）" in preview.content.decode()
    assert "跨省通办·新区（件）" in preview.content.decode()

    report = MonthlyReportFactory(centre=centre, month=JUNE, accepted_total=100)
    client = login(clerk)
    page = edit(client, report)
    html = page.content.decode()
    assert "其他指标" in html and "跨省通办·新区（件）" in html
    data = form_data(page)
    total, first, second = (
        f"defined-d{definition.pk}",
        f"defined-d{definition.pk}_o{counties.options.get(name='平安区').pk}",
        f"defined-d{definition.pk}_o{counties.options.get(name='新区').pk}",
    )
    data.update({total: "12", first: "５", second: "0"})
    before_save = timezone.now()
    response = client.post(reverse("submissions:report_edit", args=[report.pk]), data)
    assert response.status_code == 302
    # The editor sees what changed, figure by figure.
    changed = {(c.section, c.old, c.new) for c in changes_since(report, before_save)}
    assert ("指标·跨省通办", None, Decimal("12")) in changed

    stored = {
        (v.option.name if v.option else None): v.value
        for v in FigureValue.objects.filter(report=report).select_related("option")
    }
    assert stored == {None: Decimal("12"), "平安区": Decimal("5"), "新区": Decimal("0")}
    # The parts rule comes from the definition, not from any name.
    findings = [f for f in validate_report(report) if f.rule == "defined_parts_sum"]
    assert [f.message for f in findings] == [
        "“跨省通办”各分项（平安区5件、新区0件）合计5件，与总数12件不一致，相差7件。"
    ]
    # The live preview prints what the bulletin will.
    printed = dict(edit(client, report).context["sections"][-1].rows)
    assert printed["跨省通办"] == "跨省通办12件，其中平安区5件、新区0件。"
    assert printed["跨省通办排名"] == ("跨省通办前2位：平安区5件，新区0件。")
    assert {c.section for c in field_history(report) if "跨省通办" in c.section} == {
        "指标·跨省通办",
        "指标·跨省通办·平安区",
        "指标·跨省通办·新区",
    }

    MonthlyReport.objects.filter(pk=report.pk).update(
        status=MonthlyReport.Status.APPROVED
    )
    document = compose_june()
    text = document_text(document)
    assert "跨省通办12件，其中平安区5件、新区0件。" in text
    assert "跨省通办前2位：平安区5件，新区0件。" in text
    (figure,) = [
        f for f in document.figures["centres"][0]["figures"] if f["name"] == "跨省通办"
    ]
    assert figure["total"] == 12 and figure["total_is_stated"] is True
    assert figure["parts"] == [
        {"name": "平安区", "value": 5},
        {"name": "新区", "value": 0},
    ]
    assert figure["ranking"]["rows"][0] == {
        "rank": 1,
        "name": "平安区",
        "value": 5,
        "tied": False,
    }
    del editor


@pytest.mark.django_db
def test_a_rule_needs_a_breakdown_and_another_bureaus_breakdown_is_refused(
    login, bureau_admin
):
    client = login(bureau_admin)
    response = client.post(
        reverse("admin:submissions_figuredefinition_add"),
        {
            "code": "consult",
            "name": "咨询",
            "value_type": "count",
            "unit": "件",
            "parts_rule": "sum",
            "order": "1",
        },
    )
    assert response.status_code == 200
    assert RULE_WITHOUT_BREAKDOWN in response.content.decode()
    assert not FigureDefinition.objects.filter(code="consult").exists()
    foreign = Breakdown.objects.create(bureau=second_bureau(), name="外单位分类")
    response = client.post(
        reverse("admin:submissions_figuredefinition_add"),
        {
            "code": "consult",
            "name": "咨询",
            "value_type": "count",
            "unit": "件",
            "parts_rule": "none",
            "breakdown": str(foreign.pk),
            "order": "1",
        },
    )
    assert response.status_code == 200
    assert not FigureDefinition.objects.filter(code="consult").exists()


@pytest.mark.django_db
def test_the_admin_sets_a_sum_link_and_a_change_limit_within_the_bureau(
    login, bureau_admin
):
    bureau = default_bureau()
    completed = FigureDefinition.objects.get(bureau=bureau, code="cases_completed")
    foreign = FigureDefinition.objects.get(
        bureau=second_bureau(), code="cases_completed"
    )
    client = login(bureau_admin)
    fields = {
        "code": "consult",
        "name": "咨询",
        "value_type": "count",
        "unit": "件",
        "parts_rule": "none",
        "aggregation": "sum",
        "change_limit": "30",
        "order": "1",
    }
    url = reverse("admin:submissions_figuredefinition_add")
    # Another bureau's definition is not among the choices.
    response = client.post(url, {**fields, "equals_sum_of": [str(foreign.pk)]})
    assert response.status_code == 200
    assert not FigureDefinition.objects.filter(code="consult").exists()
    response = client.post(url, {**fields, "equals_sum_of": [str(completed.pk)]})
    assert response.status_code == 302
    consult = FigureDefinition.objects.get(bureau=bureau, code="consult")
    assert list(consult.equals_sum_of.all()) == [completed]
    assert consult.change_limit == Decimal("30")
    assert FigureDefinition.objects.filter(bureau=bureau).sum_links()[consult.pk] == (
        completed.pk,
    )


@pytest.mark.django_db
def test_an_amount_typed_in_wan_yuan_is_kept_exactly_in_yuan(login):
    centre = CentreFactory()
    clerk = ClerkFactory(username="clerk_w", centre=centre)
    definition = FigureDefinition.objects.create(
        bureau=default_bureau(),
        code="procurement_budget",
        name="政府集中采购预算",
        value_type="amount",
        unit="万元",
    )
    report = MonthlyReportFactory(centre=centre, month=JUNE)
    client = login(clerk)
    page = edit(client, report)
    assert "政府集中采购预算（万元）" in page.content.decode()
    data = form_data(page)
    data[f"defined-d{definition.pk}"] = "3,185.4567"
    url = reverse("submissions:report_edit", args=[report.pk])
    assert client.post(url, data).status_code == 302
    assert FigureValue.objects.get(report=report).value == Decimal("31854567.00")
    # Shown back in the unit it was typed in, exactly.
    page = edit(client, report)
    assert page.context["entry"].defined[f"d{definition.pk}"].value() == "3185.4567"
    assert 'value="3185.4567"' in page.content.decode()

    # Finer than a 分 is refused, naming the figure; nothing changes.
    data = form_data(page)
    data[f"defined-d{definition.pk}"] = "0.0000001"
    response = client.post(url, data)
    assert response.status_code == 422
    message = "“政府集中采购预算（万元）”最多精确到分（0.01元），填写的是{}万元。"
    assert message.format("0.0000001") in response.content.decode()
    assert FigureValue.objects.get(report=report).value == Decimal("31854567.00")


@pytest.mark.django_db
def test_parts_of_and_not_above_are_checked_and_survive_renaming():
    """The hotline's rules come from the definitions' links, not their names:
    renamed, they still fire; a link to another bureau or itself is refused."""
    from django.core.exceptions import ValidationError

    from submissions.definitions import NOT_ITSELF, PARTS_OF_WITH_TOTAL
    from submissions.models import BreakdownOption
    from tests.factories import hotline_values

    bureau = default_bureau()
    definitions = {d.code: d for d in FigureDefinition.objects.filter(bureau=bureau)}
    report = hotline_values(
        MonthlyReportFactory(month=JUNE),
        received=100,
        assigned=90,
        redone=20,
        completed=101,
        mayor_mailbox_received=1,
        mayor_mailbox_completed=2,
    )
    for definition in definitions.values():
        definition.name = f"改名{definition.pk}"
        definition.save()
    for option in BreakdownOption.objects.filter(breakdown__bureau=bureau):
        option.name = f"改名{option.pk}"
        option.save()
    found = {(f.rule, f.subject) for f in validate_report(report)}
    received, orders = definitions["hotline_received"], definitions["hotline_orders"]
    done = definitions["hotline_completed"]
    channels = definitions["hotline_channel_completed"]
    mailbox = channels.breakdown.options.order_by("order").first()
    assert {
        ("defined_parts_exceed", orders.name),
        ("defined_exceeds_bound", done.name),
        ("defined_exceeds_bound", f"{channels.name}·{mailbox.name}"),
    } <= found

    orders.has_total = True
    with pytest.raises(ValidationError) as refused:
        orders.full_clean()
    assert refused.value.message_dict["has_total"] == [PARTS_OF_WITH_TOTAL]
    received.not_above = received
    with pytest.raises(ValidationError) as refused:
        received.full_clean()
    assert refused.value.message_dict["not_above"] == [NOT_ITSELF]
    foreign = FigureDefinition.objects.create(
        bureau=second_bureau(), code="x", name="外单位指标"
    )
    done.not_above = foreign
    with pytest.raises(ValidationError) as refused:
        done.full_clean()
    assert "外单位指标" in refused.value.message_dict["not_above"][0]
