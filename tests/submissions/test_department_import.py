"""The hall's department table (附件1): upload with dry run, errors by row, export."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from submissions import resources
from submissions.models import DepartmentCount, MonthlyReport
from tests.factories import (
    ClerkFactory,
    DepartmentCountFactory,
    DepartmentFactory,
    HallFactory,
    MonthlyReportFactory,
)

TITLE = ["海东市行政服务和公共资源交易中心 6月份办件情况统计表"]
HEADER = [
    "序号",
    "单位",
    "受理行政许可事项（件）",  # full-width parentheses, as in Word
    "办结（件）",
    "办结率（%）",
    "受理公共服务事项(件)",
    "办结(件)",
    "办结率(%)",
    "备注",
]
GOOD_ROWS = [
    [1, "市公安局", "", "", "", 1687, 1687, "100%", ""],
    [2, "市烟草局", 99, 99, "100%", "", "", "", ""],
    [3, "市发展改革委", 0, 0, "0", "", "", "", "无业务"],
    ["合计", "", 99, 99, "100%", 1687, 1687, "100%", ""],
]


@pytest.fixture
def hall(db):
    hall = HallFactory()
    for order, name in enumerate(["市公安局", "市烟草局", "市发展改革委", "地震局"]):
        DepartmentFactory(centre=hall, name=name, order=order)
    return hall


@pytest.fixture
def report(hall):
    return MonthlyReportFactory(centre=hall, month=datetime.date(2021, 6, 1))


@pytest.fixture
def hall_client(login, hall):
    return login(ClerkFactory(username="hall_clerk", centre=hall))


def xlsx(rows):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("附件1.xlsx", buffer.getvalue())


def csv_file(rows, encoding="utf-8-sig"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return SimpleUploadedFile("附件1.csv", buffer.getvalue().encode(encoding))


def upload(client, report, file):
    return client.post(
        reverse("submissions:department_import", args=[report.pk]), {"file": file}
    )


def confirm(client, report):
    return client.post(
        reverse("submissions:department_import_confirm", args=[report.pk])
    )


def table(report):
    return {
        c.department.name: (
            c.licensing_accepted,
            c.licensing_completed,
            c.service_accepted,
            c.service_completed,
            c.note,
        )
        for c in DepartmentCount.objects.filter(report=report).select_related(
            "department"
        )
    }


EXPECTED = {
    "市公安局": (None, None, 1687, 1687, ""),
    "市烟草局": (99, 99, None, None, ""),
    "市发展改革委": (0, 0, None, None, "无业务"),
}


@pytest.mark.parametrize("make", [xlsx, csv_file])
def test_preview_then_confirm(hall_client, report, make):
    response = upload(hall_client, report, make([TITLE, HEADER, *GOOD_ROWS]))
    assert response.status_code == 200
    assert "预览" in response.content.decode()
    assert table(report) == {}  # the dry run saves nothing
    response = confirm(hall_client, report)
    assert response.status_code == 302
    assert table(report) == EXPECTED
    report.refresh_from_db()
    assert report.version == 2


def test_gbk_csv_without_title_row(hall_client, report):
    upload(hall_client, report, csv_file([HEADER, *GOOD_ROWS], encoding="gb18030"))
    confirm(hall_client, report)
    assert table(report) == EXPECTED


def test_import_replaces_the_table(hall_client, report, hall):
    quake = hall.departments.get(name="地震局")
    DepartmentCountFactory(report=report, department=quake, service_accepted=5)
    upload(hall_client, report, xlsx([HEADER, *GOOD_ROWS]))
    confirm(hall_client, report)
    assert "地震局" not in table(report)


def test_every_wrong_row_is_reported_and_nothing_saved(hall_client, report):
    rows = [
        HEADER,
        [1, "市公安局", "", "", "", "1,687", "1687", "", ""],  # fine
        [2, "市教育局", 1, 1, "", "", "", "", ""],  # unknown
        [3, "市烟草局", "九十九", 99, "", "", "", "", ""],  # non-numeric
        [4, "市发展改革委", -1, 0, "", "", "", "", ""],  # negative
        [5, "地震局", "", "", "", 10, 12, "", ""],  # completed > accepted
    ]
    response = upload(hall_client, report, xlsx(rows))
    assert response.status_code == 422
    content = response.content.decode()
    assert "第3行：窗口单位“市教育局”不在本单位的窗口单位名单中。" in content
    assert (
        "第4行（市烟草局）：“受理行政许可事项”应为整数，填写的是“九十九”。" in content
    )
    assert "第5行（市发展改革委）：“受理行政许可事项”不能为负数（-1）。" in content
    assert "第6行（地震局）：公共服务办结12件，超过受理10件。" in content
    assert "未保存任何数据" in content
    assert "确认导入" not in content
    # nothing pending either: confirming now does nothing
    response = confirm(hall_client, report)
    assert table(report) == {}
    report.refresh_from_db()
    assert report.version == 1


def test_wrong_header_is_refused(hall_client, report):
    bad = list(HEADER)
    bad[2] = "受理数"
    response = upload(hall_client, report, xlsx([bad, *GOOD_ROWS]))
    assert (
        "表头第3列应为“受理行政许可事项(件)”，实际为“受理数”。"
        in response.content.decode()
    )


def test_upload_size_limit_is_enforced_before_parsing(
    hall_client, report, settings, monkeypatch
):
    settings.UPLOAD_MAX_BYTES = 100
    called = []
    monkeypatch.setattr(
        "submissions.views.clerk.parse_department_table",
        lambda *a, **k: called.append(1),
    )
    response = upload(hall_client, report, xlsx([HEADER, *GOOD_ROWS]))
    assert "文件过大" in response.content.decode()
    assert called == []


def test_only_xlsx_or_csv(hall_client, report):
    response = upload(hall_client, report, SimpleUploadedFile("a.xls", b"junk"))
    assert "只接受 .xlsx 或 .csv 文件" in response.content.decode()


def test_stale_preview_is_refused(hall_client, report):
    upload(hall_client, report, xlsx([HEADER, *GOOD_ROWS]))
    MonthlyReport.objects.filter(pk=report.pk).update(version=5)  # someone saved
    response = confirm(hall_client, report)
    assert response.status_code == 302
    assert table(report) == {}


def test_import_refused_once_submitted(hall_client, report):
    MonthlyReport.objects.filter(pk=report.pk).update(
        status=MonthlyReport.Status.SUBMITTED
    )
    upload(hall_client, report, xlsx([HEADER, *GOOD_ROWS]))
    confirm(hall_client, report)
    assert table(report) == {}


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_in_the_attachment_layout_and_round_trip(hall_client, report, fmt):
    upload(hall_client, report, xlsx([HEADER, *GOOD_ROWS]))
    confirm(hall_client, report)
    response = hall_client.get(
        reverse("submissions:department_export", args=[report.pk, fmt])
    )
    assert response.status_code == 200
    content = response.content
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = [["" if v is None else str(v) for v in row] for row in sheet.values]
    assert rows[0] == resources.HEADERS
    assert rows[1][:8] == ["1", "市公安局", "", "", "", "1687", "1687", "100%"]
    assert rows[3][:5] == ["3", "市发展改革委", "0", "0", "—"]  # 0 of 0 is not 0%
    assert rows[-1][:8] == ["合计", "", "99", "99", "100%", "1687", "1687", "100%"]
    # what was exported imports again unchanged
    DepartmentCount.objects.filter(report=report).delete()
    name = f"back.{fmt}"
    upload(hall_client, report, SimpleUploadedFile(name, content))
    confirm(hall_client, report)
    assert table(report) == EXPECTED


def test_district_has_no_department_table(login, clerk, centre):
    report = MonthlyReportFactory(centre=centre)
    client = login(clerk)
    url = reverse("submissions:department_import", args=[report.pk])
    assert client.get(url).status_code == 404


def test_report_resource_exports_totals_with_chinese_headers(report, login, admin_user):
    MonthlyReport.objects.filter(pk=report.pk).update(accepted_total=10503)
    dataset = resources.MonthlyReportResource().export()
    assert dataset.headers[:4] == ["报送单位", "月份", "状态", "受理总数"]
    assert dataset[0][2] == "草稿" and str(dataset[0][3]) == "10503"
    client = login(admin_user)
    page = client.get(reverse("admin:submissions_monthlyreport_export"))
    assert page.status_code == 200
