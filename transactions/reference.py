"""The trade category tree every new bureau starts with (DESIGN 3.5).

Measure words: 工程建设 and its leaves count 件, 政府采购 项, land, mining rights
and state property 宗; the overall total counts 件.
"""

from .models import TradeCategory

# (code, label, text name, measure word, order, children)
CATEGORIES = [
    (
        "engineering",
        "工程建设",
        "工程建设",
        "件",
        10,
        [
            ("housing", "房屋建筑", "房屋建筑", "件", 10),
            ("municipal", "市政", "市政", "件", 20),
            ("highway", "公路", "公路", "件", 30),
            ("railway", "铁路", "铁路", "件", 40),
            ("waterway", "水运", "水运", "件", 50),
            ("water", "水利", "水利", "件", 60),
            ("energy", "能源", "能源", "件", 70),
            ("telecom", "邮电通信", "邮电通信", "件", 80),
            ("engineering-other", "其他", "其他工程建设", "件", 90),
        ],
    ),
    ("procurement", "政府采购", "政府采购", "项", 20, []),
    ("land", "土地出让", "土地使用权出让", "宗", 30, []),
    ("mining", "采矿权", "采矿（探矿）权出让", "宗", 40, []),
    ("property", "产权交易", "国有产权交易", "宗", 50, []),
]


def start_bureau(bureau) -> None:
    """A bureau starter (``bureaus.services.starters``): the category tree."""
    for code, label, name, word, order, children in CATEGORIES:
        parent, _ = TradeCategory.objects.get_or_create(
            bureau=bureau,
            code=code,
            defaults={
                "label": label,
                "name": name,
                "measure_word": word,
                "order": order,
            },
        )
        for c_code, c_label, c_name, c_word, c_order in children:
            TradeCategory.objects.get_or_create(
                bureau=bureau,
                code=c_code,
                defaults={
                    "parent": parent,
                    "label": c_label,
                    "name": c_name,
                    "measure_word": c_word,
                    "order": c_order,
                },
            )
