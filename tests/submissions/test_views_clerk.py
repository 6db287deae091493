"""The clerk's screens: to-do, create, the report form, live validation, submit."""

import datetime

import pytest
from django.urls import reverse

from submissions.forms import NEGATIVE, NOT_A_NUMBER, NOT_INTEGER, TOO_LARGE
from submissions.models import (
    BreakdownOption,
    FigureDefinition,
    FigureValue,
    MonthlyReport,
    WorkItem,
)
from submissions.validation import rules as validation_rules
from submissions.validation.types import Rule
from tests.factories import (
    DEPARTMENT_CODES,
    HallFactory,
    MonthlyReportFactory,
    WorkItemFactory,
    case_inputs,
    case_values,
    cases_of,
    department,
    department_inputs,
    department_of,
    department_values,
    filled_report,
    hotline_inputs,
    hotline_of,
    rating_inputs,
    rating_of,
)

S = MonthlyReport.Status
JUNE = datetime.date(2021, 6, 1)


def form_data(client, report):
    """The edit form exactly as the page fills it (all management forms included)."""
    response = client.get(reverse("submissions:report_edit", args=[report.pk]))
    form = response.context["entry"]
    data = {}
    for part in [form.main, form.defined]:
        for bound in part:
            value = bound.value()
            data[bound.html_name] = "" if value is None else value
    for formset in form.formsets():
        for bound in formset.management_form:
            data[bound.html_name] = bound.value()
        for sub in formset.forms:
            for bound in sub:
                value = bound.value()
                if bound.name == "DELETE":
                    if value:
                        data[bound.html_name] = "on"
                    continue
                data[bound.html_name] = "" if value is None else value
    return data


@pytest.fixture
def clerk_client(login, clerk):
    return login(clerk)


@pytest.fixture
def report(centre):
    return MonthlyReportFactory(centre=centre, month=JUNE, working_days=21)


def edit_url(report):
    return reverse("submissions:report_edit", args=[report.pk])


def test_todo_shows_due_month_deadline_and_returned(clerk_client, centre):
    returned = MonthlyReportFactory(
        centre=centre,
        month=datetime.date(2021, 5, 1),
        status=S.RETURNED,
        return_comment="受理总数与分类合计不符",
    )
    response = clerk_client.get(reverse("submissions:todo"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "被退回的报送" in content
    assert "受理总数与分类合计不符" in content
    # the oldest open report is what is due next
    assert response.context["due_month"] == returned.month
    assert response.context["due"] == datetime.date(2021, 6, 7)  # 6-5 is a Saturday


def test_create_report_for_a_month(clerk_client, centre, clerk, settings):
    settings.REPORT_FIRST_MONTH = "2021-01"
    response = clerk_client.post(
        reverse("submissions:report_create"), {"month": "2021-06-01"}
    )
    report = MonthlyReport.objects.get(centre=centre, month=JUNE)
    assert response.status_code == 302
    assert response.url == edit_url(report)
    assert report.working_days == 21
    assert report.transitions.get().actor == clerk
    # a second create does not duplicate
    clerk_client.post(reverse("submissions:report_create"), {"month": "2021-06-01"})
    assert MonthlyReport.objects.filter(centre=centre, month=JUNE).count() == 1


def test_edit_page_renders_all_sections(clerk_client, report):
    response = clerk_client.get(edit_url(report))
    content = response.content.decode()
    assert response.status_code == 200
    for heading in [
        "工作日",
        "按办件类别填报",  # one table: 总数 and the categories by 受理 and 办结
        "办件类别",
        "纸质评价",  # the rating channels are defined figures
        "12345热线",
        "主要工作",
        "按公报口径显示",
    ]:
        assert heading in content
    assert 'name="version"' in content
    assert "<script>" not in content  # the CSP forbids inline scripts
    assert "窗口单位办件情况" not in content  # only the hall has the table


def test_save_partial_draft_keeps_blank_and_zero_apart(clerk_client, report):
    data = form_data(clerk_client, report)
    data.update(
        case_inputs(
            report, accepted_total="0", categories={"行政许可事项": ("0", None)}
        )
    )
    response = clerk_client.post(edit_url(report), data)
    assert response.status_code == 302
    # 0 is stored, a blank is not; an all-blank category has no row
    assert cases_of(report) == ((0, None, None), {"行政许可事项": (0, None)})
    assert hotline_of(report) is None


@pytest.mark.parametrize(
    "typed, stored",
    [("２９４４７", 29447), ("29,447", 29447), ("29，447", 29447), (" 1 015 ", 1015)],
)
def test_full_width_digits_and_separators_are_normalised(
    clerk_client, report, typed, stored
):
    data = form_data(clerk_client, report)
    data.update(case_inputs(report, accepted_total=typed))
    assert clerk_client.post(edit_url(report), data).status_code == 302
    assert cases_of(report)[0][0] == stored


@pytest.mark.parametrize(
    "typed, template",
    [
        ("-5", NEGATIVE),
        ("12.5", NOT_INTEGER),
        ("abc", NOT_A_NUMBER),
        ("10000000000", TOO_LARGE),
    ],
)
def test_bad_numbers_are_refused_naming_the_field_and_nothing_is_saved(
    clerk_client, report, typed, template
):
    data = form_data(clerk_client, report)
    data.update(
        case_inputs(  # the total is valid, but must not be saved either
            report, completed_total=100, categories={"公共服务事项": (typed, None)}
        )
    )
    response = clerk_client.post(edit_url(report), data)
    assert response.status_code == 422
    content = response.content.decode()
    assert "受理·公共服务事项" in content
    expected = template.split("“{label}”")[1].split("{")[0]
    assert expected in content
    assert "未保存" in content
    report.refresh_from_db()
    assert report.version == 1
    assert cases_of(report) == ((None, None, None), {})
    # what was typed is shown again
    assert f'value="{typed}"' in content


def test_hotline_ratings_and_work_items_round_trip(clerk_client, report):
    data = form_data(clerk_client, report)
    data.update(
        {
            **hotline_inputs(report, received=268, assigned=243, completed=218),
            **rating_inputs(
                report, "纸质评价", total=1632, very_satisfied=407, satisfied=1225
            ),
            "items-TOTAL_FORMS": "2",
            "items-0-title": "第一项",
            "items-0-body": "正文一。",
            "items-0-ORDER": "2",
            "items-1-title": "第二项",
            "items-1-body": "正文二。",
            "items-1-ORDER": "1",
        }
    )
    assert clerk_client.post(edit_url(report), data).status_code == 302
    assert hotline_of(report).received == 268
    rating = rating_of(report, "纸质评价")
    assert (rating.total, rating.very_satisfied, rating.dissatisfied) == (
        1632,
        407,
        None,
    )
    assert list(report.work_items.values_list("title", "order")) == [
        ("第二项", 1),
        ("第一项", 2),
    ]


def test_work_items_can_be_removed_and_edited_in_place(clerk_client, report):
    first = WorkItemFactory(report=report, title="保留", order=1)
    second = WorkItemFactory(report=report, title="删除", order=2)
    data = form_data(clerk_client, report)
    data["items-0-title"] = "保留（改）"
    data["items-1-DELETE"] = "on"
    assert clerk_client.post(edit_url(report), data).status_code == 302
    assert list(WorkItem.objects.filter(report=report).values_list("pk", "title")) == [
        (first.pk, "保留（改）")
    ]
    assert not WorkItem.objects.filter(pk=second.pk).exists()


def test_body_without_title_is_refused(clerk_client, report):
    data = form_data(clerk_client, report)
    data.update({"items-TOTAL_FORMS": "1", "items-0-title": "", "items-0-body": "正文"})
    response = clerk_client.post(edit_url(report), data)
    assert response.status_code == 422
    assert "第1项主要工作已填写正文，请填写标题" in response.content.decode()
    assert not WorkItem.objects.filter(report=report).exists()


def test_findings_are_shown_next_to_the_fields_after_save(clerk_client, centre):
    report = filled_report(centre, completed_total=30000)
    response = clerk_client.get(edit_url(report))
    content = response.content.decode()
    assert "“办结”30000件，超过“受理”29447件" in content
    completed = FigureDefinition.objects.get(
        bureau=centre.bureau, code="cases_completed"
    )
    finding_fields = {f.field for f in response.context["findings"]}
    assert f"defined[{completed.pk}].total" in finding_fields
    assert f'id="fk-defined-{completed.pk}-total"' in content


def test_live_validation_returns_findings_fragment_and_saves_nothing(
    clerk_client, report
):
    data = form_data(clerk_client, report)
    data.update(
        case_inputs(
            report,
            accepted_total=10,
            completed_total=12,
            categories={"行政许可事项": (-1, None)},
        )
    )
    response = clerk_client.post(
        reverse("submissions:report_validate", args=[report.pk]),
        data,
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "“办结”12件，超过“受理”10件，多2件。" in content
    assert "不能为负数" in content  # the unreadable input, as an error
    assert 'hx-swap-oob="true"' in content
    assert "<html" not in content
    # derived figures as the bulletin prints them
    assert "120%" in content
    report.refresh_from_db()
    assert cases_of(report)[0] == (None, None, None) and report.version == 1


def test_derived_figures_follow_bulletin_rules(clerk_client, centre):
    report = filled_report(centre, working_days=29)
    content = clerk_client.get(edit_url(report)).content.decode()
    assert "1015" in content  # 29447 / 29 days, rounded half-up
    assert "100%" in content


def test_submit_with_explanations(clerk_client, report, monkeypatch):
    monkeypatch.setattr(
        validation_rules,
        "RULES",
        [
            Rule(
                "w1",
                "warning",
                "测试",
                lambda rule, f: [rule.finding("分类合计与总数不一致", subject="S")],
            )
        ],
    )
    url = reverse("submissions:report_submit", args=[report.pk])
    response = clerk_client.post(
        url,
        {
            "explanation-count": "1",
            "explanation-0-rule": "w1",
            "explanation-0-subject": "S",
            "explanation-0-text": "",
            "confirmed": "1",
        },
        follow=True,
    )
    assert "1项预警未填写说明" in response.content.decode()
    report.refresh_from_db()
    assert report.status == S.DRAFT
    clerk_client.post(
        url,
        {
            "explanation-count": "1",
            "explanation-0-rule": "w1",
            "explanation-0-subject": "S",
            "explanation-0-text": "新增事项未分类。",
        },
    )
    # Asked first, the explanation carried on the confirmation page.
    report.refresh_from_db()
    assert report.status == S.DRAFT
    clerk_client.post(
        url,
        {
            "explanation-count": "1",
            "explanation-0-rule": "w1",
            "explanation-0-subject": "S",
            "explanation-0-text": "新增事项未分类。",
            "confirmed": "1",
        },
    )
    report.refresh_from_db()
    assert report.status == S.SUBMITTED
    assert report.explanations.get().text == "新增事项未分类。"


def test_submitted_report_is_read_only(clerk_client, report):
    data = form_data(clerk_client, report)
    MonthlyReport.objects.filter(pk=report.pk).update(status=S.SUBMITTED)
    content = clerk_client.get(edit_url(report)).content.decode()
    assert "保存草稿" not in content
    assert "<fieldset disabled" in content
    data.update(case_inputs(report, accepted_total=5))
    clerk_client.post(edit_url(report), data)
    assert cases_of(report)[0][0] is None


def _grids(response, breakdown: str) -> list[dict]:
    return [
        b
        for b in response.context["entry"].defined.layout()
        if b["kind"] == "grid" and b["breakdown"].name == breakdown
    ]


def test_hall_form_has_the_department_table_as_one_grid(login, db):
    """The four total-less definitions on 窗口单位 are one grid: a row per
    window unit, a column per definition, and 备注."""
    from tests.factories import ClerkFactory

    hall = HallFactory()
    police = department("市公安局", order=1)
    department("民政局", order=2)
    clerk = ClerkFactory(username="hall_clerk", centre=hall)
    client = login(clerk)
    report = MonthlyReportFactory(centre=hall, month=JUNE)
    page = client.get(edit_url(report))
    (grid,) = _grids(page, "窗口单位")
    assert [d.code for d in grid["definitions"]] == list(DEPARTMENT_CODES.values())
    assert [name for name, _fields, _note in grid["rows"]] == ["市公安局", "民政局"]
    assert grid["has_note"]
    content = page.content.decode()
    assert "按窗口单位填报" in content and "行政许可事项受理（件）" in content
    data = form_data(client, report)
    data.update(
        department_inputs(
            report, police, service_accepted=1687, service_completed=1687, note="含补录"
        )
    )
    assert client.post(edit_url(report), data).status_code == 302
    row = department_of(report, police)
    assert (row.licensing_accepted, row.service_accepted, row.note) == (
        None,
        1687,
        "含补录",
    )


def test_only_the_hall_reports_the_department_table(clerk_client, report):
    """``unit_kind``: a district's form has no 窗口单位 grid or inputs."""
    department("市公安局")
    entry = clerk_client.get(edit_url(report)).context["entry"]
    assert not report.centre.is_hall
    codes = {d.code for d in entry.defined.definitions}
    assert not codes & set(DEPARTMENT_CODES.values())
    assert not any(
        b["kind"] == "grid" and b["breakdown"].name == "窗口单位"
        for b in entry.defined.layout()
    )


def test_case_figures_keep_untouched_rows_history_free(clerk_client, report):
    case_values(report, categories={"行政许可事项": (5, None)})
    data = form_data(clerk_client, report)
    data.update(case_inputs(report, accepted_total=5))
    clerk_client.post(edit_url(report), data)
    count = FigureValue.objects.get(report=report, option__name="行政许可事项")
    assert count.history.count() == 1  # unchanged row: no new history record


def test_explanations_are_kept_when_submission_is_refused(
    clerk_client, report, monkeypatch
):
    monkeypatch.setattr(
        validation_rules,
        "RULES",
        [
            Rule("e1", "error", "测试", lambda rule, f: [rule.finding("错误甲")]),
            Rule("w1", "warning", "测试", lambda rule, f: [rule.finding("预警乙")]),
        ],
    )
    response = clerk_client.post(
        reverse("submissions:report_submit", args=[report.pk]),
        {
            "explanation-count": "1",
            "explanation-0-rule": "w1",
            "explanation-0-subject": "",
            "explanation-0-text": "说明丙",
            "confirmed": "1",
        },
        follow=True,
    )
    assert "还有1项错误需要更正" in response.content.decode()
    assert MonthlyReport.objects.get(pk=report.pk).status == S.DRAFT
    assert report.explanations.get().text == "说明丙"
    assert "说明丙" in response.content.decode()  # shown again in the submit form


def test_todo_offers_to_create_the_due_month(clerk_client, centre):
    response = clerk_client.get(reverse("submissions:todo"))
    content = response.content.decode()
    due_month = response.context["due_month"]
    assert f'value="{due_month:%Y-%m-%d}"' in content
    assert "开始填报" in content


def test_edit_page_query_count_does_not_grow_with_items(
    login, db, django_assert_max_num_queries
):
    from tests.factories import ClerkFactory

    hall = HallFactory()
    client = login(ClerkFactory(username="hall_clerk", centre=hall))
    report = MonthlyReportFactory(centre=hall, month=JUNE)
    url = edit_url(report)
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    for n in range(10):
        WorkItemFactory(report=report)
        department_values(
            report, department(f"局{n}"), licensing_accepted=n, note=f"备注{n}"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    (grid,) = _grids(response, "窗口单位")
    assert len(grid["rows"]) == 10


def test_inactive_category_shown_only_when_the_report_has_figures(clerk_client, report):
    BreakdownOption.objects.filter(name="便民服务事项").update(is_active=False)

    def names():
        form = clerk_client.get(edit_url(report)).context["entry"].defined
        return {
            o.name
            for d in form.definitions
            if d.code == "cases_accepted"
            for o in d.active_options
        }

    assert "便民服务事项" not in names()
    case_values(report, categories={"便民服务事项": (3, None)})
    assert "便民服务事项" in names()


CHROMIUM = "/usr/bin/chromium"


@pytest.mark.browser
@pytest.mark.slow
# serialized_rollback restores the migrations' reference data (groups, case
# categories) after the flush, for tests that run later.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    not __import__("os").path.exists(CHROMIUM), reason="Chromium not installed"
)
def test_live_validation_and_work_items_in_a_real_browser(
    live_server, transactional_db
):
    """htmx posts the unsaved form as the clerk types; work items reorder and save."""
    from playwright.sync_api import sync_playwright

    from tests.factories import PASSWORD, CentreFactory, ClerkFactory

    centre = CentreFactory(name="平安区政务服务中心", short_name="平安区")
    ClerkFactory(username="browser_clerk", centre=centre)
    report = MonthlyReportFactory(centre=centre, month=JUNE, working_days=21)
    inputs = case_inputs(report, accepted_total="１０", completed_total=12)
    (accepted, _), (completed, _) = inputs.items()
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page()
        page.goto(live_server.url + reverse("login"))
        page.fill("input[name=username]", "browser_clerk")
        page.fill("input[name=password]", PASSWORD)
        page.click("form [type=submit]")
        page.goto(live_server.url + edit_url(report))
        page.fill(f"[name='{accepted}']", "１０")
        page.fill(f"[name='{completed}']", "12")
        page.wait_for_selector("#live-panels >> text=超过“受理”10件", timeout=5000)
        assert "“办结”12件，超过“受理”10件" in page.inner_text("#live-panels")
        page.click("[data-add-item]")
        page.fill("#id_items-0-title", "甲")
        page.click("[data-add-item]")
        page.fill("#id_items-1-title", "乙")
        page.locator("[data-item]").nth(1).locator("[data-move=up]").click()
        page.click("button[name=save]")
        page.wait_for_load_state("networkidle")
        browser.close()
    assert cases_of(report)[0][:2] == (10, 12)
    assert list(report.work_items.values_list("title", flat=True)) == ["乙", "甲"]
