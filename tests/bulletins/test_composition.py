"""Composition of an issue: the seed's June 2021 issue, written right."""

import datetime
import io
import json
import re

import pytest
from django.core.management import CommandError, call_command

from bulletins.chinese import normalise_text
from bulletins.composition import compose_document, document_text
from bulletins.document import Document, Paragraph, Section
from bulletins.periods import Period
from submissions.models import Centre, MonthlyReport, WorkItem
from tests.bulletins import june_2021
from tests.factories import MonthlyReportFactory, default_bureau
from transactions import demo as trades_demo

pytestmark = pytest.mark.django_db

JUNE = Period.month(2021, 6)
ISSUE = {
    "series_title": "海东政务服务动态",
    "publisher": "海东市政务服务监督管理局",
    "issue_label": "第63期",
    "publication_date": datetime.date(2021, 7, 6),
}
HALF_WIDTH = re.compile(r"[,;:()?!\"']")


@pytest.fixture
def seed():
    centres = june_2021.load()
    trades_demo.load(io.StringIO())
    return centres


@pytest.fixture
def document(seed):
    return compose_document(**ISSUE, bureau=default_bureau(), period=JUNE)


def paragraphs(document):
    return {p.key: p for p in document.iter_paragraphs()}


def section(document, key):
    stack = list(document.sections)
    while stack:
        node = stack.pop()
        if isinstance(node, Section):
            if node.key == key:
                return node
            stack.extend(node.blocks)
    raise KeyError(key)


def test_masthead_issuer_and_title(document):
    assert document.masthead.title == "海东政务服务动态"
    assert document.masthead.issue_label == "第63期"
    assert document.masthead.publisher == "海东市政务服务监督管理局"
    assert document.masthead.date_text == "2021年7月6日"
    assert document.issuer == "市政务服务监督管理局"
    assert document.title == "6月份政务服务和公共资源工作情况"


def test_parts_and_sections_of_the_seed(document):
    assert [(s.number, s.title) for s in document.sections] == [
        ("一、", "市级政务服务大厅及公共资源交易工作开展情况"),
        ("二、", "区（县）政务服务大厅工作开展情况"),
    ]
    hall_part, centres_part = document.sections
    assert [(s.number, s.title, s.level) for s in hall_part.blocks] == [
        ("（一）", "办理情况", 2),
        ("（二）", "主要工作", 2),
    ]
    # Every centre has its own heading: 化隆县's, lost in the seed, included.
    assert [(s.number, s.title) for s in centres_part.blocks] == [
        ("（一）", "平安区政务服务中心"),
        ("（二）", "乐都区政务服务中心"),
        ("（三）", "互助县政务服务中心"),
        ("（四）", "循化县政务服务中心"),
        ("（五）", "民和县政务服务监督管理局"),
        ("（六）", "化隆县政务服务中心"),
    ]


def test_hall_sentences_with_correct_arithmetic(document):
    p = paragraphs(document)
    assert p["hall.cases"].lead == "1.办件情况。"
    assert p["hall.cases"].text == (
        "6月份，窗口受理行政许可事项、公共服务事项共计10503件。其中，行政许可事项"
        "受理2476件，办结2476件，办结率100%；公共服务事项受理8027件，办结8027件，"
        "办结率100%（详见附件1）。"
    )
    assert p["hall.trades"].lead == "2.公共资源交易情况。"
    assert p["hall.trades"].text == (
        "6月份，公共资源交易总量为224件，交易金额为7.73亿元。其中，工程建设54件，"
        "交易金额2.70亿元；政府采购162项，交易金额1.44亿元；土地使用权出让8宗，"
        "交易金额3.59亿元；采矿（探矿）权出让无交易；国有产权交易无交易。"
    )


def test_centre_paragraphs(document, seed):
    p = paragraphs(document)
    pingan, ledu, huzhu = seed["平安区"].id, seed["乐都区"].id, seed["互助县"].id
    minhe, xunhua = seed["民和县"].id, seed["循化县"].id
    assert p[f"centre.{pingan}.summary"].text == (
        "6月份，中心共受理各类事项29447件，较5月份的24236件增加了5211件，日均办件量"
        "1015件（29个工作日），办结29447件，办结率100%。其中，行政许可事项受理1973件，"
        "办结1973件，办结率100%；公共服务事项受理20157件，办结20157件，办结率100%。"
    )
    assert p[f"centre.{ledu}.ratings"].text == (
        "在好差评方面，6月份共收到网上评价13358条，其中：非常满意1202条，满意11622条，"
        "基本满意534条，满意率100%。"
    )
    assert p[f"centre.{minhe}.ratings"].text == (
        "在好差评方面，6月份共收到纸质评价1632条，其中：非常满意407条，满意1225条，"
        "满意率100%。"
    )
    assert "日均办件量1502件（21个工作日）" in p[f"centre.{minhe}.summary"].text
    assert "便民服务事项受理5376件" in p[f"centre.{minhe}.summary"].text
    assert p[f"centre.{huzhu}.summary"].text.startswith(
        "6月份，中心共受理各类事项35283件，办结35241件，正在办理42件，办结率99.88%。"
    )
    assert "公共服务事项受理31152件，办结29906件，办结率96%" in (
        p[f"centre.{huzhu}.summary"].text
    )
    hotline = p[f"centre.{huzhu}.figures"].text
    assert "日均受理9件" in hotline
    assert (
        "求助类185件，占69.03%；咨询类5件，占1.87%；投诉类75件，占27.99%；"
        "建议类1件，占0.37%。"
    ) in hotline
    # 循化县 stated no completed total: no 办结 clause, no rate.
    assert p[f"centre.{xunhua}.summary"].text.startswith(
        "6月份，中心共受理各类事项22279件。其中，"
    )
    # 化隆县 stated no figures: no summary paragraph at all.
    assert f"centre.{seed['化隆县'].id}.summary" not in p


def test_every_work_item_of_the_seed_is_in_its_own_centre(document, seed):
    for short_name, items in june_2021.WORK_ITEMS.items():
        centre = seed[short_name]
        key = "hall.work" if centre.is_hall else f"centre.{centre.id}"
        work = [
            b
            for b in section(document, key).blocks
            if isinstance(b, Paragraph) and b.key.startswith("workitem.")
        ]
        assert len(work) == len(items), short_name
        for number, (paragraph, (title, _body)) in enumerate(
            zip(work, items, strict=True), start=1
        ):
            lead = re.sub(r"^主要工作：", "", paragraph.lead)
            assert lead == f"{number}.{normalise_text(title)}。"
            assert paragraph.lead.endswith("。")
            assert not HALF_WIDTH.search(paragraph.lead + paragraph.text)
    hualong = section(document, f"centre.{seed['化隆县'].id}")
    assert hualong.blocks[0].lead == "主要工作：1.推进“审批破冰”与“工改”事项梳理入库。"
    hall_items = section(document, "hall.work").blocks
    assert hall_items[0].lead == "1.积极推动政务服务五级联动建设。"
    assert "（征求意见稿）" in hall_items[1].text


def test_no_half_width_punctuation_in_the_body(document):
    for paragraph in document.iter_paragraphs():
        assert not HALF_WIDTH.search(paragraph.lead + paragraph.text), paragraph.key


def test_attachment_list_and_department_table(document):
    assert document.attachment_list == [
        "1.海东市行政服务和公共资源交易中心6月份办件情况统计表",
        "2.公共资源交易进场交易情况统计表",
    ]
    departments = document.attachments[0]
    assert departments.label == "附件1"
    table = departments.table
    assert [c.label for c in table.columns] == [
        "序号",
        "单位",
        "受理行政许可事项（件）",
        "办结（件）",
        "办结率（%）",
        "受理公共服务事项（件）",
        "办结（件）",
        "办结率（%）",
        "备注",
    ]
    rows = {row[1].text: [c.text for c in row] for row in table.rows}
    assert len(table.rows) == 19
    assert rows["市公安局"] == ["1", "市公安局", "", "", "", "1687", "1687", "100", ""]
    assert rows["市烟草局"][2:5] == ["99", "99", "100"]
    # A stated 0 is printed; 0 of 0 has no rate (—, never 0); blank stays blank.
    assert rows["市发展改革委"][2:8] == ["0", "0", "—", "", "", ""]
    assert rows["地震局"] == ["19", "地震局", "", "", "", "", "", "", ""]
    assert [c.text for c in table.totals] == [
        "合计",
        "",
        "2476",
        "2476",
        "100",
        "8027",
        "8027",
        "100",
        "",
    ]
    assert table.totals_span == 2


def test_trade_table(document):
    trades = document.attachments[1]
    assert trades.label == "附件2"
    assert trades.title == "公共资源交易进场交易情况统计表"
    assert trades.meta == "单位名称：海东市政务服务监督管理局\u30002021年7月6日"
    rows = [[c.text for c in row] for row in trades.table.rows]
    assert len(rows) == 13
    assert rows[0] == ["1", "房屋建筑", "8", "0.8934", ""]
    assert rows[2] == ["3", "公路", "0", "0", ""]
    assert rows[9] == ["10", "政府采购", "162", "1.4400", ""]
    assert rows[10] == ["11", "土地出让", "8", "3.5911", ""]
    assert [c.text for c in trades.table.totals] == ["合计", "", "224", "7.7266", ""]
    assert trades.table.totals[3].value == "7.7266"


def test_figures_for_open_data(document, seed):
    figures = json.loads(json.dumps(document.figures))
    assert figures["period"]["key"] == "2021-06"
    assert figures["trades"]["total"]["amount_yuan"] == "772660000.00"
    assert figures["trades"]["total"]["count"] == 224
    pingan = next(c for c in figures["centres"] if c["short_name"] == "平安区")
    assert pingan["daily_average"] == 1015
    assert pingan["previous_accepted"] == 24236
    assert figures["hall"]["categories"][0]["completion_rate"] == "100%"
    # 附件1's figures are the hall's defined figures: a blank stays out.
    hall = {f["code"]: f for f in figures["hall"]["figures"]}
    parts = {
        code: {p["name"]: p["value"] for p in hall[code]["parts"]}
        for code in ("hall_licensing_accepted", "hall_service_accepted")
    }
    assert "市公安局" not in parts["hall_licensing_accepted"]
    assert parts["hall_service_accepted"]["市公安局"] is not None
    assert "departments" not in figures
    assert len(figures["report_ids"]) == 7
    assert figures["missing"] == []


def test_round_trip_and_stable_keys(document):
    assert Document.from_dict(json.loads(json.dumps(document.to_dict()))) == document
    again = compose_document(**ISSUE, bureau=default_bureau(), period=JUNE)
    assert [p.key for p in again.iter_paragraphs()] == [
        p.key for p in document.iter_paragraphs()
    ]
    keys = [p.key for p in document.iter_paragraphs()]
    assert len(keys) == len(set(keys))
    assert all(keys)


def test_only_approved_reports_are_composed(seed):
    MonthlyReport.objects.filter(centre=seed["乐都区"]).update(
        status=MonthlyReport.Status.SUBMITTED
    )
    document = compose_document(**ISSUE, bureau=default_bureau(), period=JUNE)
    *centres, note = document.sections[1].blocks
    titles = [s.title for s in centres]
    assert "乐都区政务服务中心" not in titles
    assert titles[1] == "互助县政务服务中心"
    assert document.sections[1].blocks[1].number == "（二）"
    assert document.figures["missing"][0]["name"] == "乐都区政务服务中心"
    # The centres' part ends with a generated note naming the centre left out.
    assert note.key == "centres.missing"
    assert note.text == (
        "注：乐都区政务服务中心6月份数据未报送或未审核通过，以上情况未包括该单位。"
    )


def test_without_a_hall_report_there_is_no_department_table(seed):
    MonthlyReport.objects.filter(centre=seed["市级大厅"]).delete()
    document = compose_document(**ISSUE, bureau=default_bureau(), period=JUNE)
    assert [a.label for a in document.attachments] == ["附件1"]
    assert document.attachments[0].title == "公共资源交易进场交易情况统计表"
    assert "hall.cases" not in paragraphs(document)
    assert [s.title for s in document.sections[0].blocks] == ["办理情况"]


def test_editing_overrides_order_and_omissions(seed):
    pingan = seed["平安区"]
    items = list(WorkItem.objects.filter(report__centre=pingan).order_by("order"))
    keys = [f"workitem.{i.id}" for i in items]
    document = compose_document(
        bureau=default_bureau(),
        **ISSUE,
        period=JUNE,
        overrides={"hall.cases": {"text": "编辑改写的段落。"}},
        item_order={f"centre.{pingan.id}": [keys[2], keys[0]]},
        omitted_items=[keys[1]],
        editor_note="本期为演示。",
    )
    cases = paragraphs(document)["hall.cases"]
    assert cases.text == "编辑改写的段落。"
    assert cases.edited is True
    assert cases.generated.startswith("6月份，窗口受理")
    work = [
        b.lead
        for b in section(document, f"centre.{pingan.id}").blocks
        if b.key.startswith("workitem.")
    ]
    assert work == [
        "主要工作：1.大力开展“局长进大厅”直接联系服务群众。",
        "2.不忘来时路，开创新篇章。",
        "3.开展了一系列交流学习活动。",
    ]
    assert document.editor_note == "本期为演示。"


def test_quarter_labels_and_sums(db):
    centre = Centre.objects.create(
        bureau=default_bureau(),
        name="平安区政务服务中心",
        short_name="平安区",
        kind=Centre.Kind.DISTRICT,
    )
    for month, accepted in [(4, 100), (5, 100), (6, 100), (7, 120), (8, 90), (9, 90)]:
        MonthlyReportFactory(
            centre=centre,
            month=datetime.date(2021, month, 1),
            status=MonthlyReport.Status.APPROVED,
            accepted_total=accepted,
            completed_total=accepted - 1 if month == 8 else accepted,
            working_days=21,
            categories={"行政许可事项": (accepted, 50)},
        )
    document = compose_document(
        **ISSUE, bureau=default_bureau(), period=Period.quarter(2021, 3)
    )
    assert document.title == "三季度政务服务和公共资源工作情况"
    summary = paragraphs(document)[f"centre.{centre.id}.summary"].text
    assert summary == (
        "三季度，中心共受理各类事项300件，与二季度的300件持平，日均办件量5件"
        "（63个工作日），办结299件，办结率99.67%。其中，行政许可事项受理300件，"
        "办结150件，办结率50%。"
    )


def test_document_text_reads_in_order(document):
    text = document_text(document)
    order = [
        "海东政务服务动态",
        "第63期",
        "6月份政务服务和公共资源工作情况",
        "一、市级政务服务大厅及公共资源交易工作开展情况",
        "（一）办理情况",
        "1.办件情况。6月份",
        "（二）主要工作",
        "二、区（县）政务服务大厅工作开展情况",
        "（六）化隆县政务服务中心",
        "附件：1.",
        "附件1",
        "合计\t\t2476",
        "附件2",
        "合计\t\t224\t7.7266",
    ]
    position = 0
    for piece in order:
        position = text.index(piece, position) + len(piece)
    assert text.count("\n附件1\n") == 1


def test_compose_issue_command_text_and_json(seed):
    out = io.StringIO()
    call_command(
        "compose_issue",
        "--month",
        "2021-06",
        "--date",
        "2021-07-06",
        "--issue-label",
        "第63期",
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "共计10503件" in out.getvalue()
    assert "交易金额为7.73亿元" in out.getvalue()
    out = io.StringIO()
    call_command("compose_issue", "--month", "2021-06", "--format", "json", stdout=out)
    tree = json.loads(out.getvalue())
    assert tree["title"] == "6月份政务服务和公共资源工作情况"
    assert Document.from_dict(tree).sections[0].key == "hall"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2021-13"], "月份格式应为“YYYY-MM”"),
        (["--month", "六月"], "收到“六月”"),
        (["--quarter", "2021-Q5"], "季度格式应为“YYYY-QN”"),
        ([], "二者选一"),
        (["--month", "2021-06", "--quarter", "2021-Q2"], "二者选一"),
        (["--month", "2021-06", "--date", "7月6日"], "印发日期格式"),
    ],
)
def test_compose_issue_command_refuses_bad_periods_in_chinese(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("compose_issue", *args, stdout=io.StringIO())


def test_missing_reports_are_reported_on_stderr(seed):
    MonthlyReport.objects.filter(centre=seed["乐都区"]).update(
        status=MonthlyReport.Status.DRAFT
    )
    err = io.StringIO()
    call_command(
        "compose_issue", "--month", "2021-06", stdout=io.StringIO(), stderr=err
    )
    assert "乐都区政务服务中心2021年6月的月报尚未审核通过" in err.getvalue()


def test_the_demo_june_2021_composes_into_every_part_of_the_seed(db):
    from submissions import demo as submissions_demo

    submissions_demo.load(io.StringIO())
    trades_demo.load(io.StringIO())
    document = compose_document(**ISSUE, bureau=default_bureau(), period=JUNE)
    centres = {c.short_name: c for c in Centre.objects.all()}
    p = paragraphs(document)

    assert p["hall.cases"].text == (
        "6月份，窗口受理行政许可事项、公共服务事项共计10503件。其中，行政许可事项"
        "受理2476件，办结2476件，办结率100%；公共服务事项受理8027件，办结8027件，"
        "办结率100%（详见附件1）。"
    )
    assert "交易金额为7.73亿元" in p["hall.trades"].text
    assert "工程建设54件，交易金额2.70亿元" in p["hall.trades"].text
    assert [s.title for s in document.sections[1].blocks] == [
        "平安区政务服务中心",
        "乐都区政务服务中心",
        "互助县政务服务中心",
        "循化县政务服务中心",
        "民和县政务服务监督管理局",
        "化隆县政务服务中心",
    ]
    pingan = centres["平安区"].id
    assert "较5月份的24236件增加了5211件，日均办件量1015件（29个工作日）" in (
        p[f"centre.{pingan}.summary"].text
    )
    hotline = p[f"centre.{centres['互助县'].id}.figures"].text
    assert "建议类1件，占0.37%" in hotline
    # Every work item of the demo sits under its own centre, numbered from 1.
    for short_name, items in submissions_demo.work_items().items():
        centre = centres[short_name]
        key = "hall.work" if centre.is_hall else f"centre.{centre.id}"
        leads = [
            b.lead
            for b in section(document, key).blocks
            if b.key.startswith("workitem.")
        ]
        assert len(leads) == len(items), short_name
        assert [re.match(r"(主要工作：)?(\d+)\.", lead)[2] for lead in leads] == [
            str(n) for n in range(1, len(items) + 1)
        ]
    assert len(document.attachments[0].table.rows) == 19
    assert [c.text for c in document.attachments[0].table.totals][2:8] == [
        "2476",
        "2476",
        "100",
        "8027",
        "8027",
        "100",
    ]
    assert len(document.attachments[1].table.rows) == 13
    assert document.attachments[1].table.totals[3].text == "7.7266"
    for paragraph in document.iter_paragraphs():
        assert not HALF_WIDTH.search(paragraph.lead + paragraph.text), paragraph.key
