"""The admin does not bypass the workflow, and speaks Chinese (issue 16,
finding 8): submitted/approved reports and trades of a published month are
read-only; axes, transition and rule codes, and export labels are Chinese."""

import datetime

import pytest
from django.urls import reverse

from submissions.models import MonthlyReport, ReportTransition
from tests.factories import (
    AdminFactory,
    FindingExplanationFactory,
    MonthlyReportFactory,
    PublishedIssueFactory,
    TradeFactory,
)

pytestmark = pytest.mark.django_db
S = MonthlyReport.Status


@pytest.fixture
def admin_client(client):
    client.force_login(
        AdminFactory(username="root"),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    return client


def change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


@pytest.mark.parametrize("status", [S.SUBMITTED, S.APPROVED])
def test_a_submitted_or_approved_report_is_read_only(admin_client, centre, status):
    report = MonthlyReportFactory(centre=centre, status=status, working_days=21)
    page = admin_client.get(change_url(report)).content.decode()
    assert 'name="_save"' not in page
    response = admin_client.post(
        change_url(report),
        {"centre": centre.pk, "month": "2021-06-01", "working_days": "9"},
    )
    assert response.status_code == 403
    assert MonthlyReport.objects.get(pk=report.pk).working_days == 21


def test_a_draft_report_can_still_be_corrected(admin_client, centre):
    report = MonthlyReportFactory(centre=centre, status=S.DRAFT)
    assert 'name="_save"' in admin_client.get(change_url(report)).content.decode()


def test_a_trade_of_a_published_month_is_read_only(admin_client):
    PublishedIssueFactory(number=63, period_start=datetime.date(2021, 6, 1))
    published = TradeFactory(date=datetime.date(2021, 6, 15))
    later = TradeFactory(date=datetime.date(2021, 7, 15))
    assert (
        'name="_save"' not in admin_client.get(change_url(published)).content.decode()
    )
    response = admin_client.post(
        reverse("admin:transactions_trade_delete", args=[published.pk]),
        {"post": "yes"},
    )
    assert response.status_code == 403
    assert 'name="_save"' in admin_client.get(change_url(later)).content.decode()


def test_axes_is_in_chinese(admin_client):
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert "登录防护" in index and "Axes" not in index
    assert "登录尝试" in index and "Access attempts" not in index
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(
        user_agent="curl",
        ip_address="127.0.0.1",
        username="clerk",
        http_accept="*/*",
        path_info="/admin/login/",
        get_data="",
        post_data="",
        failures_since_start=3,
    )
    page = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    html = page.content.decode()
    assert "IP 地址" in html and "IP Address" not in html
    assert "尝试时间" in html and "Attempt Time" not in html
    assert "Model name" not in html


def test_transitions_and_rules_are_named_not_coded(admin_client, centre):
    report = MonthlyReportFactory(centre=centre)
    step = ReportTransition.objects.create(
        report=report, from_status=S.DRAFT, to_status=S.SUBMITTED
    )
    assert str(step).endswith("草稿→已提交")
    FindingExplanationFactory(report=report, rule="defined_parts_sum", text="核对过")
    html = admin_client.get(change_url(report)).content.decode()
    assert "defined_parts_sum" not in html
    assert "draft→submitted" not in html


def test_export_columns_are_labelled_as_in_the_file(admin_client):
    html = admin_client.get(reverse("admin:transactions_trade_export")).content.decode()
    assert "项目编号" in html
    assert "Code (" not in html


def test_permissions_are_named_in_chinese(admin_client):
    from django.contrib.auth.models import Permission

    names = dict(Permission.objects.values_list("codename", "name"))
    assert names["view_monthlyreport"] == "可查看月度报送"
    assert names["change_historicalmonthlyreport"] == "可修改月度报送的历史记录"
    assert names["review_monthlyreport"] == "可审核月报"  # custom: as declared
    assert not [name for name in names.values() if name.startswith("Can ")]
    user = AdminFactory(username="someone")
    page = admin_client.get(reverse("admin:auth_user_change", args=[user.pk]))
    assert "Can view" not in page.content.decode()
    add = admin_client.get(reverse("admin:auth_user_add")).content.decode()
    assert "创建用户后，可以编辑更多用户选项。" in add


@pytest.mark.parametrize("language", ["en-US,en;q=0.9", "fr", "zh-TW"])
def test_the_interface_is_chinese_whatever_the_browser_asks(admin_client, language):
    """An intranet browser set to English still gets the Chinese admin and the
    Chinese login page (Django's own strings included)."""
    admin = admin_client.get(
        reverse("admin:bureaus_bureau_add"), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert "增加 编发单位" in admin and "保存" in admin
    assert "Save and add another" not in admin
    admin_client.logout()
    login = admin_client.post(
        reverse("login"),
        {"username": "", "password": ""},
        HTTP_ACCEPT_LANGUAGE=language,
    ).content.decode()
    assert "这个字段是必填项。" in login and "This field is required" not in login
