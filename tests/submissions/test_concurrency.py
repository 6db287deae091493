"""Two people saving the same report: the later save from a stale copy is refused."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from submissions import workflow
from submissions.models import MonthlyReport
from tests.factories import (
    ClerkFactory,
    MonthlyReportFactory,
    case_inputs,
    cases_of,
)
from tests.submissions.test_views_clerk import form_data


@pytest.fixture
def report(centre):
    return MonthlyReportFactory(centre=centre, month=datetime.date(2021, 6, 1))


@pytest.fixture
def two_clients(client, clerk, centre):
    from django.test import Client

    second = ClerkFactory(username="clerk_a2", centre=centre)
    first_client = client
    first_client.force_login(clerk, backend="django.contrib.auth.backends.ModelBackend")
    second_client = Client()
    second_client.force_login(
        second, backend="django.contrib.auth.backends.ModelBackend"
    )
    return first_client, second_client


def test_later_save_from_stale_copy_is_refused_and_keeps_typed_data(
    two_clients, report
):
    alice, bob = two_clients
    url = reverse("submissions:report_edit", args=[report.pk])
    alice_data = form_data(alice, report)
    bob_data = form_data(bob, report)  # both opened version 1
    lic = "行政许可事项"
    alice_data.update(
        case_inputs(report, accepted_total=100, categories={lic: (60, None)})
    )
    bob_data.update(
        case_inputs(report, accepted_total=222, categories={lic: (111, None)})
    )

    assert alice.post(url, alice_data).status_code == 302
    response = bob.post(url, bob_data)

    assert response.status_code == 409
    content = response.content.decode()
    assert workflow.STALE.format(expected=1, current=2) in content
    assert 'value="222"' in content and 'value="111"' in content  # Bob's input kept
    report.refresh_from_db()
    # Alice's save stands
    assert cases_of(report) == ((100, None, None), {lic: (60, None)})
    assert report.version == 2


def test_refused_person_can_deliberately_save_again(two_clients, report):
    alice, bob = two_clients
    url = reverse("submissions:report_edit", args=[report.pk])
    alice_data, bob_data = form_data(alice, report), form_data(bob, report)
    alice_data.update(case_inputs(report, accepted_total=100))
    alice.post(url, alice_data)
    bob_data.update(case_inputs(report, accepted_total=222))
    response = bob.post(url, bob_data)
    assert response.status_code == 409
    # The refusal page carries the current version: saving again is a conscious
    # decision made after seeing the message, not a silent overwrite.
    assert 'name="version" value="2"' in response.content.decode()
    bob_data["version"] = "2"
    assert bob.post(url, bob_data).status_code == 302
    report.refresh_from_db()
    assert (cases_of(report)[0][0], report.version) == (222, 3)


def test_claim_is_one_conditional_update(report):
    with CaptureQueriesContext(connection) as queries:
        report.claim_version(1)
    sql = queries.captured_queries[0]["sql"].upper()
    assert sql.startswith("UPDATE") and "VERSION" in sql.split("WHERE")[1]
    assert MonthlyReport.objects.get(pk=report.pk).version == 2


def test_second_claim_of_the_same_version_fails(report):
    copy_a = MonthlyReport.objects.get(pk=report.pk)
    copy_b = MonthlyReport.objects.get(pk=report.pk)
    copy_a.claim_version(1)
    with pytest.raises(workflow.StaleReportError):
        copy_b.claim_version(1)
    assert MonthlyReport.objects.get(pk=report.pk).version == 2


def test_save_after_the_editor_acted_is_refused(two_clients, report, editor):
    """A form opened before submission cannot overwrite after a return either."""
    alice, _ = two_clients
    url = reverse("submissions:report_edit", args=[report.pk])
    data = form_data(alice, report)
    MonthlyReport.objects.filter(pk=report.pk).update(
        status=MonthlyReport.Status.SUBMITTED, version=2
    )
    fresh = MonthlyReport.objects.get(pk=report.pk)
    fresh.return_for_changes(editor, "请补充热线数据")
    data.update(case_inputs(report, accepted_total=5))
    response = alice.post(url, data)
    assert response.status_code == 409
    assert cases_of(report)[0][0] is None
