"""海西's June 2022 通报 from its own profile, published by load_demo through the
real workflow: no masthead and no number, its figures as its profile words
them, at its own address, and nothing of 海东 in its page, PDF, data or feed."""

import io
import json
import re

import pdfplumber
import pytest
from django.core.management import call_command

from bulletins.models import Issue

pytestmark = pytest.mark.django_db

HAIDONG_MARKS = ("海东", "第63期", "平安区", "市级政务服务大厅", "主要工作：")


@pytest.fixture
def tongbao(settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    return Issue.objects.select_related("series__bureau").get(
        series__bureau__slug="haixi", series__slug="tongbao"
    )


TITLE = "海西州政务服务监督管理局2022年6月份政务服务和公共资源交易工作情况的通报"
CASES = (
    "6月份，全州共受理各类事项78596件，办结78531件，办结率99.92%。"
    "其中，海西州政务服务中心受理7173件，办结7136件，办结率99.48%"
    "（窗口受理2920件，办结2883件，办结率98.73%；"
    "统一平台受理3468件，办结3289件，办结率94.84%）。"
)
TRADES = (
    "6月份，全州共完成各类公共资源交易事项239项，成交金额8.2037亿元，"
    "节约资金0.4005亿元。其中，工程建设76项，成交金额6.1798亿元，节约资金0.3185亿元；"
    "政府采购163项，成交金额2.0239亿元，节约资金0.0819亿元。"
    "另，采矿（探矿）权出让5宗，不计入交易总量。"
)
RATINGS = (
    "6月份，海西州政务服务中心共收到评价9576条，其中非常满意9471条，满意105条，"
    "满意率100%。"
)
RANKING = (
    "6月份，海西州政务服务中心统一平台办件居前5位的进驻单位依次为："
    "州住房公积金管理中心1022件，州人力资源和社会保障局738件，州医疗保障局608件，"
    "州市场监督管理局520件，州公安局311件。"
)
EXPECTED = [
    TITLE,
    "现将2022年6月份政务服务和公共资源交易工作通报如下：",
    "一、基本情况",
    "（一）政务服务中心办件情况",
    CASES,
    "（二）公共资源交易情况",
    TRADES,
    "（三）政务服务“好差评”情况",
    RATINGS,
    "（四）进驻单位办件情况",
    RANKING,
    "二、工作开展情况及亮点",
    "（一）优化营商环境工作推进情况",
    "（二）公共资源交易工作情况",
]


def _in_order(text: str, pieces) -> None:
    position = 0
    for piece in pieces:
        assert piece in text[position:], piece
        position = text.index(piece, position) + len(piece)


def test_the_tongbao_page_has_no_masthead_or_number_and_its_own_wording(
    client, tongbao
):
    assert tongbao.profile.spec["masthead"]["style"] == "notice"
    assert tongbao.label == "2022年6月份"
    url = tongbao.get_absolute_url()
    assert url == "/haixi/tongbao/2022/6/"
    page = client.get(url).content.decode()
    assert "bulletin-masthead" not in page
    assert "第6期" not in page
    assert 'class="bulletin-title is-notice"' in page
    body = page.split('<article class="bulletin"', 1)[1].split("</article>", 1)[0]
    text = re.sub(r"<[^>]+>", "", body)
    _in_order(text, EXPECTED)
    assert "无交易" not in text  # its profile leaves zero categories out
    # The count-only category has no amount in the table, and is noted as beside.
    assert re.search(r"采矿权\s*5\s*不计入合计", text)
    assert re.search(r"合计\s*239\s*8\.2037", text)
    for mark in HAIDONG_MARKS:
        assert mark not in page


def test_the_tongbao_pdf_data_and_feed_are_its_own(client, tongbao):
    pdf = client.get(tongbao.pdf_url)
    assert pdf.status_code == 200
    with pdfplumber.open(io.BytesIO(b"".join(pdf.streaming_content))) as document:
        pages = [page.extract_text() or "" for page in document.pages]
    first = pages[0].replace(" ", "")
    assert first.startswith(TITLE[:20])
    assert "第6期" not in first

    # Hanging punctuation is extracted out of line order: compare without it.
    def bare(text):
        return re.sub(r"[\s。，；：]", "", text)

    _in_order(bare("".join(pages)), [bare(piece) for piece in EXPECTED])
    data = json.loads(client.get(tongbao.json_url).content)
    feed = client.get("/haixi/feed/").content.decode()
    for text in (json.dumps(data, ensure_ascii=False), feed, "".join(pages)):
        for mark in HAIDONG_MARKS:
            assert mark not in text
    assert TITLE in feed
    figures = data["figures"]
    (level,) = figures["levels"]
    assert (level["accepted"], level["completion_rate"]) == (78596, "99.92%")
    (centre,) = figures["centres"]
    ranking = next(f for f in centre["figures"] if f.get("ranking"))["ranking"]
    assert [(r["rank"], r["value"]) for r in ranking["rows"]] == [
        (1, 1022),
        (2, 738),
        (3, 608),
        (4, 520),
        (5, 311),
    ]
    mining = next(c for c in figures["trades"]["categories"] if c["code"] == "mining")
    assert (mining["count"], mining["in_total"], mining["amount_printed"]) == (
        5,
        False,
        False,
    )
    assert figures["trades"]["total"]["savings_yuan"] == "40049800.00"


def test_haidong_63_from_its_profile_is_the_same_pdf_as_before_profiles(tongbao):
    """load_demo composes 第63期 through 海东's profile; its PDF is byte for byte
    the one the code before profiles (and before bureaus) stored
    (tests/data/pre_bureau_63-r1.pdf, see tests/bureaus/test_migration.py)."""
    from tests.bureaus.test_migration import PDF_SHA256

    issue = Issue.objects.get(series__bureau__slug="haidong", number=63)
    assert issue.profile.version == 1
    assert issue.pdf_sha256 == PDF_SHA256
