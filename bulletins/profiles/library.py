"""The block library: what a profile may print, and the values each template sees.

Every block kind says whether it holds other blocks, which templates it has,
and a sample of each template's context: complete, non-blank values of the
shapes composition passes (``bulletins.profiles.layout``). Saving a profile
checks every template against its sample (``sandbox.check_template``), so a
template that names a value not listed here is refused. docs/profiles.md lists
the same, for people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bureaus.units import YI

WORDS = {
    "region": "全市",
    "centre": "中心",
    "hall": "大厅",
    "window": "窗口",
    "platform": "平台",
}

_PERIOD = {"period": "6月份", "previous_period": "5月份", "year": 2021}

DOCUMENT = {
    **_PERIOD,
    "series": "海东政务服务动态",
    "publisher": "海东市政务服务监督管理局",
    "publisher_from_city": "市政务服务监督管理局",
    "date": "2021年7月6日",
    "words": WORDS,
}

_CATEGORY = {
    "name": "行政许可事项",
    "accepted": 2476,
    "completed": 2476,
    "rate": "100%",
}

HALL_CASES = {
    **_PERIOD,
    "words": WORDS,
    "total": 10503,
    "names": "行政许可事项、公共服务事项",
    "reference": "附件1",
    "categories": [_CATEGORY],
}

TRADES = {
    **_PERIOD,
    "words": WORDS,
    "unit": YI,
    "total_count": 224,
    "total_amount": "7.73",
    "total_savings": "0.40",
    "total_premium": "0.01",
    "groups": [
        {
            "name": "政府采购项目",
            "measure_word": "项",
            "count": 162,
            "amount": "1.44",
            "savings": "0.08",
            "premium": "0.01",
            "in_total": True,
            "amount_printed": True,
        }
    ],
}

_CENTRE = {
    **_PERIOD,
    "words": WORDS,
    "name": "平安区政务服务中心",
    "short_name": "平安区",
}

SUMMARY = {
    **_CENTRE,
    "accepted": 29447,
    "completed": 29447,
    "in_progress": 3,
    "working_days": 29,
    "daily_average": 1015,
    "rate": "100%",
    "previous_accepted": 24236,
    "increase": 5211,
    "decrease": 5211,
    "categories": [_CATEGORY],
}

_CHANNEL_CASES = {
    "name": "窗口受理",
    "accepted": 2920,
    "completed": 2883,
    "rate": "98.74%",
}

LEVELS = {
    **_PERIOD,
    "words": WORDS,
    "levels": [
        {
            "name": "海西州（全州）",
            "short_name": "全州",
            "accepted": 78596,
            "completed": 78531,
            "rate": "99.92%",
            "units": [
                {
                    "name": "海西州政务服务中心",
                    "short_name": "州级中心",
                    "accepted": 7173,
                    "completed": 7136,
                    "rate": "99.48%",
                    "channels": [_CHANNEL_CASES],
                }
            ],
        }
    ],
}

_RANKING = {
    "top": 5,
    "rows": [{"rank": 1, "name": "州住房公积金管理中心", "value": 1022, "tied": True}],
    "tied_beyond": 1,
}

FIGURES = {
    **_CENTRE,
    "figures": [
        {
            "code": "cross_province",
            "name": "跨省通办",
            "unit": "件",
            "total": 12,
            "stated": True,
            "daily_average": 1,
            "parts": [{"name": "平安区", "value": 5, "share": "41.67%"}],
            "ranking": _RANKING,
        }
    ],
    "rates": [{"code": "rectification", "name": "差评整改率", "rate": "80%"}],
}

RANKING = {
    **_CENTRE,
    "figure": "统一平台办件",
    "unit": "件",
    **_RANKING,
}

MISSING = {
    **_PERIOD,
    "words": WORDS,
    "missing": ["乐都区政务服务中心"],
    "missing_count": 1,
}

ATTACHMENT = {**DOCUMENT, "hall": "海东市行政服务和公共资源交易中心", "unit": YI}


@dataclass(frozen=True)
class BlockKind:
    """A kind of block: its Chinese name, whether it holds blocks, and its
    templates with their sample contexts."""

    name: str
    container: bool = False
    templates: dict[str, dict[str, Any]] = field(default_factory=dict)
    texts: tuple[str, ...] = ()  # plain text fields besides heading
    amounts: bool = False  # may set its own amount unit and decimals


_CENTRE_TEMPLATES = {
    "summary": SUMMARY,
    "ratings": FIGURES,
    "figures": FIGURES,
}

BLOCKS: dict[str, BlockKind] = {
    "part": BlockKind("部分（一、）", container=True),
    "section": BlockKind("节（（一））", container=True),
    "hall_cases": BlockKind("大厅办件情况", templates={"template": HALL_CASES}),
    "trades": BlockKind(
        "公共资源交易段落", templates={"template": TRADES}, amounts=True
    ),
    "hall_work": BlockKind("大厅主要工作"),
    "centres": BlockKind(
        "各中心分节",
        templates=_CENTRE_TEMPLATES,
        texts=("intro",),
    ),
    "centre_paragraphs": BlockKind("各中心段落（不分节）", templates=_CENTRE_TEMPLATES),
    "work_topics": BlockKind("按专题的主要工作"),
    "missing_note": BlockKind("未报送单位说明", templates={"template": MISSING}),
    "levels": BlockKind(
        "层级办件（全州、中心、受理渠道）",
        templates={"template": LEVELS},
        texts=("accepted_figure", "completed_figure"),
    ),
    "ranking": BlockKind(
        "排名",
        templates={"template": RANKING},
        texts=("figure",),
        amounts=True,
    ),
}

ATTACHMENTS: dict[str, BlockKind] = {
    "figure_table": BlockKind(
        "按分类的指标表（如大厅分部门办件统计表）",
        templates={"title": ATTACHMENT},
        texts=("breakdown",),
    ),
    "trade_table": BlockKind(
        "公共资源交易统计表",
        templates={"title": ATTACHMENT, "meta": ATTACHMENT},
        texts=("beside_total_note",),
        amounts=True,
    ),
}

DOCUMENT_TEMPLATES = {"title": DOCUMENT, "issuer": DOCUMENT, "introduction": DOCUMENT}

# Column keys of the attachments' tables, in order; labels come from the profile.
TRADE_COLUMNS = ("number", "category", "count", "amount", "note")
COLUMNS = {"trade_table": TRADE_COLUMNS}
# A figure table's columns are a list, each with its label and one of: a
# ``key`` among these, a definition's code (``figure``) or a rate's (``rate``).
FIGURE_TABLE_KEYS = ("number", "option", "note")
FIGURE_TABLE_SOURCES = ("key", "figure", "rate")

NUMBERING = ("part", "section", "item", "none")
MASTHEAD_STYLES = {"masthead": "红头（刊名、期号）", "notice": "通报（标题行，无期号）"}
