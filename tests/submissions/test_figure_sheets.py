"""A report's defined figures as a spreadsheet (issue 14): the export is the
form as rows (a template when empty), the import previews what would change,
names every wrong row, and saves only on confirmation, as the form saves."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from submissions import figure_sheets as sheets
from submissions.history import changes_since, field_history
from submissions.models import (
    Breakdown,
    BreakdownOption,
    FigureDefinition,
    FigureValue,
    MonthlyReport,
)
from submissions.validation import validate_report
from tests.factories import (
    CentreFactory,
    ClerkFactory,
    EditorFactory,
    MonthlyReportFactory,
    default_bureau,
    second_bureau,
)
from tests.submissions.test_definitions import form_data

pytestmark = pytest.mark.django_db

JUNE = datetime.date(2022, 6, 1)
# The city pack's 受理 and 办结 (a total and three case categories each) and
# 正在办理 (a total) lead every sheet of a bureau that started from it.
CASE_ROWS = 9
HEADER = ["指标", "分项", "数值", "单位", "1至本月累计"]
S = MonthlyReport.Status


def definitions(bureau):
    """Counts with a stated total and parts, a plain count, an amount in 万元
    and a ranking without a total, in this order."""
    channels = Breakdown.objects.create(bureau=bureau, name="受理渠道")
    units = Breakdown.objects.create(bureau=bureau, name="进驻单位")
    for order, name in enumerate(["窗口受理", "统一平台受理"], start=1):
        BreakdownOption.objects.create(breakdown=channels, name=name, order=order)
    for order, name in enumerate(["州公安局", "州医疗保障局"], start=1):
        BreakdownOption.objects.create(breakdown=units, name=name, order=order)
    BreakdownOption.objects.create(breakdown=units, name="已撤销", is_active=False)
    make = FigureDefinition.objects.create
    return {
        "channel": make(
            bureau=bureau,
            code="channel",
            name="分渠道受理",
            breakdown=channels,
            parts_rule="sum",
            order=10,
        ),
        "consult": make(bureau=bureau, code="consult", name="咨询", order=20),
        "budget": make(
            bureau=bureau,
            code="budget",
            name="预算金额",
            value_type="amount",
            unit="万元",
            order=30,
        ),
        "platform": make(
            bureau=bureau,
            code="platform",
            name="统一平台办件",
            breakdown=units,
            has_total=False,
            rank_top=5,
            order=40,
        ),
    }


@pytest.fixture
def defs(db):
    return definitions(default_bureau())


@pytest.fixture
def centre(db):
    return CentreFactory(name="海西州政务服务中心", short_name="州级中心")


@pytest.fixture
def report(centre, defs):
    return MonthlyReportFactory(centre=centre, month=JUNE)


@pytest.fixture
def clerk_client(login, centre):
    return login(ClerkFactory(username="hx_clerk", centre=centre))


def option(definition, name):
    return definition.breakdown.options.get(name=name)


def fill(report, defs):
    """7173 = 2920 + 3468 stated as in the seed; 咨询 a stated 0 with its
    1至本月累计; 预算 6.1798 亿元 = 61798 万元; one ranked unit."""
    channel, consult, budget = defs["channel"], defs["consult"], defs["budget"]
    add = FigureValue.objects.create
    add(report=report, definition=channel, value=7173)
    add(
        report=report,
        definition=channel,
        option=option(channel, "窗口受理"),
        value=2920,
    )
    add(
        report=report,
        definition=channel,
        option=option(channel, "统一平台受理"),
        value=3468,
    )
    add(report=report, definition=consult, value=0)
    add(report=report, definition=consult, value=120, to_date=True)
    add(report=report, definition=budget, value=Decimal("617981234.50"))
    add(
        report=report,
        definition=defs["platform"],
        option=option(defs["platform"], "州公安局"),
        value=311,
    )


def export(client, report, fmt="xlsx"):
    response = client.get(reverse("submissions:figures_export", args=[report.pk, fmt]))
    assert response.status_code == 200, response.status_code
    return response


def xlsx_rows(content: bytes) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def xlsx(rows, name="指标.xlsx") -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def csv_file(rows, encoding="utf-8-sig") -> SimpleUploadedFile:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return SimpleUploadedFile("指标.csv", out.getvalue().encode(encoding))


def upload(client, report, file):
    return client.post(
        reverse("submissions:figures_import", args=[report.pk]), {"file": file}
    )


def confirm(client, report):
    return client.post(reverse("submissions:figures_import_confirm", args=[report.pk]))


def stored(report) -> dict:
    return {
        (v.definition.code, v.option.name if v.option else None, v.to_date): v.value
        for v in FigureValue.objects.filter(report=report).select_related(
            "definition", "option"
        )
    }


# --- export -------------------------------------------------------------------------


def test_the_export_is_the_form_as_rows_blank_kept_apart_from_zero(
    clerk_client, report, defs
):
    fill(report, defs)
    rows = xlsx_rows(export(clerk_client, report).content)
    assert rows[0] == HEADER
    # The pack's case definitions lead (a total, then each category), the
    # bureau's own follow, then the rest of the pack (the 12345 hotline).
    assert [row[:2] for row in rows[1 : 1 + CASE_ROWS]] == [
        [name, option]
        for name in ("受理", "办结")
        for option in (None, "行政许可事项", "公共服务事项", "便民服务事项")
    ] + [["正在办理", None]]
    assert rows[1 + CASE_ROWS : 8 + CASE_ROWS] == [
        ["分渠道受理", None, 7173, "件", None],
        ["分渠道受理", "窗口受理", 2920, "件", None],
        ["分渠道受理", "统一平台受理", 3468, "件", None],
        ["咨询", None, 0, "件", 120],
        # the form's unit, exactly: 617981234.50 元 = 61798.123450 万元
        ["预算金额", None, 61798.12345, "万元", None],
        # no total: a ranking's options only (the inactive option is not shown)
        ["统一平台办件", "州公安局", 311, "件", None],
        ["统一平台办件", "州医疗保障局", None, "件", None],
    ]


def test_an_empty_report_exports_the_template_with_every_row_blank(
    clerk_client, report
):
    rows = xlsx_rows(export(clerk_client, report).content)
    assert [row[:2] for row in rows[1 + CASE_ROWS : 8 + CASE_ROWS]] == [
        ["分渠道受理", None],
        ["分渠道受理", "窗口受理"],
        ["分渠道受理", "统一平台受理"],
        ["咨询", None],
        ["预算金额", None],
        ["统一平台办件", "州公安局"],
        ["统一平台办件", "州医疗保障局"],
    ]
    # The pack's definitions are rows like any other: no special code.
    assert ["12345热线受理", None] in [row[:2] for row in rows[8 + CASE_ROWS :]]
    assert {(row[2], row[4]) for row in rows[1:]} == {(None, None)}


def test_the_csv_export_has_a_bom_and_the_same_rows(clerk_client, report, defs):
    fill(report, defs)
    content = export(clerk_client, report, "csv").content.decode("utf-8")
    assert content.startswith("\ufeff指标,分项,数值,单位,1至本月累计")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert rows[4 + CASE_ROWS] == ["咨询", "", "0", "件", "120"]
    assert rows[5 + CASE_ROWS] == ["预算金额", "", "61798.12345", "万元", ""]
    assert rows[7 + CASE_ROWS] == ["统一平台办件", "州医疗保障局", "", "件", ""]


def test_text_a_spreadsheet_would_run_is_neutralised(clerk_client, report, defs):
    FigureDefinition.objects.filter(pk=defs["consult"].pk).update(name="=1+1")
    BreakdownOption.objects.filter(name="窗口受理").update(name="@SUM(A1)")
    for fmt in ("xlsx", "csv"):
        content = export(clerk_client, report, fmt).content
        text = content.decode("utf-8") if fmt == "csv" else ""
        rows = (
            xlsx_rows(content) if fmt == "xlsx" else list(csv.reader(io.StringIO(text)))
        )
        cells = {cell for row in rows for cell in row if isinstance(cell, str)}
        assert "'=1+1" in cells and "'@SUM(A1)" in cells
        assert not {c for c in cells if c.startswith(("=", "@"))}
    # and the neutralised names import back as the names they are
    response = upload(clerk_client, report, xlsx([HEADER, ["'=1+1", "", 4, "件"]]))
    assert response.status_code == 200
    confirm(clerk_client, report)
    assert stored(report) == {("consult", None, False): 4}


def test_a_long_amount_is_exported_as_text_so_that_no_digit_is_lost(defs):
    budget = defs["budget"]
    budget.breakdown = None
    value = {(budget.pk, None): Decimal("1234567890123456.78")}
    dataset = sheets.figure_dataset([budget], value, title="t")
    # 18 digits: a float would keep 15 of them
    assert dataset[0][2] == "123456789012.345678"
    assert sheets.figure_dataset([budget], {}, title="t")[0][2] == ""


# --- round trip ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_exported_file_imports_back_to_no_change(clerk_client, report, defs, fmt):
    fill(report, defs)
    before = stored(report)
    content = export(clerk_client, report, fmt).content
    response = upload(clerk_client, report, SimpleUploadedFile(f"f.{fmt}", content))
    assert response.status_code == 200
    assert response.context["parsed"].errors == []
    assert response.context["changes"] == []
    assert "完全一致" in response.content.decode()
    assert confirm(clerk_client, report).status_code == 302
    assert stored(report) == before
    report.refresh_from_db()
    assert report.version == 1  # nothing was written


def test_the_empty_template_filled_offline_imports(clerk_client, report):
    content = export(clerk_client, report).content
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.active
    first = 2 + CASE_ROWS  # the sheet's row of 分渠道受理
    sheet[f"C{first}"], sheet[f"C{first + 1}"] = 7173, 2920
    sheet[f"C{first + 2}"] = 3468
    sheet[f"C{first + 3}"], sheet[f"E{first + 3}"] = 0, 120
    sheet[f"C{first + 4}"] = 0.8934  # 万元
    out = io.BytesIO()
    book.save(out)
    upload(clerk_client, report, SimpleUploadedFile("t.xlsx", out.getvalue()))
    confirm(clerk_client, report)
    assert stored(report) == {
        ("channel", None, False): 7173,
        ("channel", "窗口受理", False): 2920,
        ("channel", "统一平台受理", False): 3468,
        ("consult", None, False): 0,
        ("consult", None, True): 120,
        ("budget", None, False): Decimal("8934.00"),
    }


# --- dry run and confirmation ---------------------------------------------------------


def test_the_preview_lists_each_change_old_to_new_and_saves_nothing(
    clerk_client, report, defs
):
    fill(report, defs)
    before = stored(report)
    rows = [
        HEADER,
        ["分渠道受理", "窗口受理", "3,705", "件", ""],  # 2920 → 3705
        ["咨询", "", "", "件", ""],  # 0 → blank: a zero is not a blank
        ["预算金额", "", "0.5", "万元", ""],
        ["统一平台办件", "州医疗保障局", 608, "件", ""],  # blank → 608
    ]
    response = upload(clerk_client, report, xlsx(rows))
    assert response.status_code == 200
    changes = [
        (c.row, c.label, c.old, c.new, c.unit) for c in response.context["changes"]
    ]
    assert changes == [
        (2, "分渠道受理·窗口受理", "2920", "3705", "件"),
        (3, "咨询", "0", "", "件"),
        (3, "咨询·1至本月累计", "120", "", "件"),
        (4, "预算金额", "61798.12345", "0.5", "万元"),
        (5, "统一平台办件·州医疗保障局", "", "608", "件"),
    ]
    page = response.content.decode()
    assert "将修改5项数据" in page and "（空）" in page
    assert stored(report) == before  # the dry run saves nothing

    assert confirm(clerk_client, report).status_code == 302
    after = stored(report)
    assert after[("channel", "窗口受理", False)] == 3705
    assert ("consult", None, False) not in after  # blank: no row
    assert ("consult", None, True) not in after
    assert after[("budget", None, False)] == Decimal("5000.00")
    assert after[("platform", "州医疗保障局", False)] == 608
    # rows the file left out are as they were
    assert after[("channel", None, False)] == 7173
    assert after[("platform", "州公安局", False)] == 311


def test_an_import_is_seen_exactly_as_the_same_figures_typed(
    login, clerk_client, centre, defs
):
    """History, "changed since return" and validation of an imported report
    equal those of its twin where the clerk typed the same figures."""
    typed = MonthlyReportFactory(centre=centre, month=JUNE)
    imported = MonthlyReportFactory(centre=centre, month=datetime.date(2022, 5, 1))
    for report in (typed, imported):
        fill(report, defs)
        MonthlyReport.objects.filter(pk=report.pk).update(status=S.RETURNED)
    moment = datetime.datetime.now(datetime.UTC)

    page = clerk_client.get(reverse("submissions:report_edit", args=[typed.pk]))
    data = form_data(page)
    channel, platform = defs["channel"], defs["platform"]
    window = option(channel, "窗口受理").pk
    data[f"defined-d{channel.pk}_o{window}"] = "3705"
    data[f"defined-d{defs['consult'].pk}_ytd"] = ""
    data[f"defined-d{platform.pk}_o{option(platform, '州医疗保障局').pk}"] = "608"
    response = clerk_client.post(
        reverse("submissions:report_edit", args=[typed.pk]), data
    )
    assert response.status_code == 302

    rows = [
        HEADER,
        ["分渠道受理", "窗口受理", 3705, "件", ""],
        ["咨询", "", 0, "件", ""],
        ["统一平台办件", "州医疗保障局", 608, "件", ""],
    ]
    upload(clerk_client, imported, xlsx(rows))
    assert confirm(clerk_client, imported).status_code == 302

    def seen(report):
        history = {
            (c.section, c.field, c.old, c.new, c.user) for c in field_history(report)
        }
        since = {(c.section, c.old, c.new) for c in changes_since(report, moment)}
        findings = [(f.rule, f.message) for f in validate_report(report)]
        return history, since, findings

    assert seen(imported) == seen(typed)
    history, since, findings = seen(imported)
    assert ("指标·分渠道受理·窗口受理", Decimal("2920.00"), Decimal("3705")) in since
    assert ("指标·咨询·1至本月累计", Decimal("120.00"), None) in since
    # 3705 + 3468 = 7173 now: the parts-sum warning the seed raised is gone
    assert "defined_parts_sum" not in {rule for rule, _ in findings}


def test_confirming_with_nothing_previewed_saves_nothing(clerk_client, report):
    response = confirm(clerk_client, report)
    assert response.status_code == 302
    assert response.url == reverse("submissions:figures_import", args=[report.pk])
    assert FigureValue.objects.filter(report=report).count() == 0


def test_a_report_changed_after_the_preview_is_not_overwritten(
    clerk_client, report, defs
):
    upload(clerk_client, report, xlsx([HEADER, ["咨询", "", 5, "件", ""]]))
    FigureValue.objects.create(report=report, definition=defs["consult"], value=9)
    MonthlyReport.objects.filter(pk=report.pk).update(version=2)  # saved meanwhile
    response = confirm(clerk_client, report)
    assert response.status_code == 302
    assert stored(report) == {("consult", None, False): 9}


def test_a_definition_removed_after_the_preview_expires_it(clerk_client, report, defs):
    upload(clerk_client, report, xlsx([HEADER, ["咨询", "", 5, "件", ""]]))
    FigureDefinition.objects.filter(pk=defs["consult"].pk).update(is_active=False)
    response = confirm(clerk_client, report)
    assert response.url == reverse("submissions:figures_import", args=[report.pk])
    assert stored(report) == {}


@pytest.mark.parametrize("status", [S.SUBMITTED, S.APPROVED])
def test_a_report_under_review_or_approved_is_refused(clerk_client, report, status):
    MonthlyReport.objects.filter(pk=report.pk).update(status=status)
    url = reverse("submissions:figures_import", args=[report.pk])
    label = S(status).label
    page = clerk_client.get(url).content.decode()
    assert f"该报送当前状态为“{label}”，不能导入。" in page
    response = upload(clerk_client, report, xlsx([HEADER, ["咨询", "", 5, "件", ""]]))
    assert response.status_code == 302
    message = next(iter(response.wsgi_request._messages))
    assert str(message) == f"该报送当前状态为“{label}”，不能导入。"
    assert stored(report) == {}


def test_a_preview_confirmed_after_submission_is_refused(clerk_client, report):
    upload(clerk_client, report, xlsx([HEADER, ["咨询", "", 5, "件", ""]]))
    MonthlyReport.objects.filter(pk=report.pk).update(status=S.SUBMITTED)
    response = confirm(clerk_client, report)
    message = str(next(iter(response.wsgi_request._messages)))
    assert "该报送当前状态为“已提交”" in message
    assert stored(report) == {}


# --- errors, each on its row --------------------------------------------------------


def test_every_wrong_row_is_named_and_nothing_saved(clerk_client, report, defs):
    definitions(second_bureau())  # 海西's own 咨询 etc.
    FigureDefinition.objects.create(
        bureau=second_bureau(), code="remote", name="异地代收"
    )
    FigureDefinition.objects.create(
        bureau=default_bureau(),
        code="savings",
        name="节约资金",
        value_type="amount",
        unit="万元",
    )
    rows = [
        HEADER,
        ["咨询", "", 5, "件", ""],  # 2: fine
        ["异地代收", "", 5, "件", ""],  # 3: another bureau's definition
        ["分渠道受理", "邮寄受理", 5, "件", ""],  # 4: no such option
        ["分渠道受理", "窗口受理", "五", "件", ""],  # 5: not a number
        ["分渠道受理", "统一平台受理", -3, "件", ""],  # 6: negative
        ["分渠道受理", "", 1.5, "件", ""],  # 7: decimals for a count
        ["预算金额", "", "0.0000001", "万元", ""],  # 8: finer than a 分
        ["咨询", "", 6, "件", ""],  # 9: duplicate of row 2
        ["节约资金", "", 5, "亿元", ""],  # 10: another unit
        ["统一平台办件", "", 5, "件", ""],  # 11: a ranking has no total
        ["统一平台办件", "州公安局", 5, "件", 50],  # 12: 1至本月 on an option
        ["统一平台办件", "州医疗保障局", "=SUM(C2:C3)", "件", ""],  # 13: formula
        ["统一平台办件", "已撤销", 5, "件", ""],  # 14: an inactive option
        ["", "", "", "", ""],  # blank rows are skipped
    ]
    response = upload(clerk_client, report, xlsx(rows))
    assert response.status_code == 422
    assert response.context["parsed"].errors == [
        "第3行：“异地代收”不是本单位的指标。",
        "第4行：指标“分渠道受理”没有分项“邮寄受理”。",
        "第5行：“分渠道受理·窗口受理（件）”应填写整数，“五”不是数字。",
        "第6行：“分渠道受理·统一平台受理（件）”不能为负数（填写的是-3）。",
        "第7行：“分渠道受理总数（件）”应为整数，不能是小数（填写的是1.5）。",
        "第8行：“预算金额（万元）”最多精确到分（0.01元），填写的是0.0000001万元。",
        "第9行：“咨询”重复出现（第2行已有）。",
        "第10行：“节约资金”的单位应为“万元”，填写的是“亿元”；请按“万元”填写数值。",
        "第11行：指标“统一平台办件”只按分项填报，没有总数（分项不能为空）。",
        "第12行：分项“统一平台办件·州公安局”没有1至本月累计，只有总数有。",
        "第13行：“统一平台办件·州医疗保障局”是公式（=SUM(C2:C3)），请填写数字。",
        "第14行：指标“统一平台办件”没有分项“已撤销”。",
    ]
    page = response.content.decode()
    assert "文件有12处错误，未保存任何数据" in page
    assert "确认导入" not in page
    assert confirm(clerk_client, report).status_code == 302
    assert stored(report) == {}


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["序号", "单位"], [1, "咨询"]], sheets.NO_HEADER),
        ([["指标", "分项", "单位"], ["咨询", "", "件"]], "表头缺少“数值”列"),
        ([HEADER], sheets.EMPTY_FILE),
    ],
)
def test_a_file_that_is_not_the_template_is_refused(
    clerk_client, report, rows, message
):
    response = upload(clerk_client, report, xlsx(rows))
    assert response.status_code == 422
    assert message in response.context["parsed"].errors[0]


def test_a_file_without_the_to_date_column_leaves_stated_to_date_alone(
    clerk_client, report, defs
):
    fill(report, defs)
    upload(clerk_client, report, csv_file([HEADER[:3], ["咨询", "", 7]]))
    confirm(clerk_client, report)
    assert stored(report)[("consult", None, False)] == 7
    assert stored(report)[("consult", None, True)] == 120


def test_a_gbk_csv_with_full_width_digits_imports(clerk_client, report):
    rows = [HEADER, ["分渠道受理", "窗口受理", "２，９２０", "件", ""]]
    upload(clerk_client, report, csv_file(rows, "gb18030"))
    confirm(clerk_client, report)
    assert stored(report) == {("channel", "窗口受理", False): 2920}


# --- who may --------------------------------------------------------------------


def test_access(client, login, report, centre, defs):
    export_url = reverse("submissions:figures_export", args=[report.pk, "xlsx"])
    import_url = reverse("submissions:figures_import", args=[report.pk])
    confirm_url = reverse("submissions:figures_import_confirm", args=[report.pk])
    urls = (export_url, import_url)
    # the public: to the login page, never the file
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url
    # another centre's clerk of the same bureau: not found
    login(ClerkFactory(username="other", centre=CentreFactory()))
    for url in urls:
        assert client.get(url).status_code == 404
    assert client.post(confirm_url).status_code == 404
    # another bureau's clerk and editor: not found
    elsewhere = CentreFactory(bureau=second_bureau(), name="外单位中心")
    for user in (
        ClerkFactory(username="b_clerk", centre=elsewhere),
        EditorFactory(username="b_editor", bureau=second_bureau()),
    ):
        login(user)
        for url in urls:
            assert client.get(url).status_code == 404
    # the bureau's editor reads, and may not import a centre's own report
    login(EditorFactory(username="editor"))
    assert client.get(export_url).status_code == 200
    assert client.get(import_url).status_code == 403
    assert client.post(confirm_url).status_code == 403
    # a bureau without definitions has no sheet
    FigureDefinition.objects.all().update(is_active=False)
    assert client.get(export_url).status_code == 404


def test_the_form_and_the_review_link_to_the_sheet(clerk_client, login, report, defs):
    page = clerk_client.get(reverse("submissions:report_edit", args=[report.pk]))
    html = page.content.decode()
    assert reverse("submissions:figures_import", args=[report.pk]) in html
    assert reverse("submissions:figures_export", args=[report.pk, "csv"]) in html
    fill(report, defs)
    login(EditorFactory(username="editor"))
    page = clerk_client.get(reverse("submissions:report_review", args=[report.pk]))
    assert reverse("submissions:figures_export", args=[report.pk, "xlsx"]) in (
        page.content.decode()
    )


def test_the_editor_imports_into_a_report_opened_on_a_centres_behalf(
    login, centre, defs
):
    editor = EditorFactory(username="editor")
    report = MonthlyReportFactory(centre=centre, month=JUNE, backfilled_by=editor)
    client = login(editor)
    upload(client, report, xlsx([HEADER, ["咨询", "", 5, "件", ""]]))
    assert confirm(client, report).status_code == 302
    assert stored(report) == {("consult", None, False): 5}
    assert {c.user for c in field_history(report) if "咨询" in c.section} == {
        editor.get_full_name() or editor.username
    }
