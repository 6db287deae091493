"""The trade category tree (DESIGN 3.5) and the roles' trade permissions.

Measure words: 工程建设 and its leaves count 件 ("工程建设项目交易数为54件"),
政府采购 项 ("162项"), land, mining rights and state property 宗 (a parcel, a
right, a property transaction: "土地使用权出让8宗"); the overall total counts 件.
"""

from django.db import migrations

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

_TRADE = [
    "transactions.add_trade",
    "transactions.change_trade",
    "transactions.delete_trade",
    "transactions.view_trade",
    "transactions.add_monthlytradetotal",
    "transactions.change_monthlytradetotal",
    "transactions.delete_monthlytradetotal",
    "transactions.view_monthlytradetotal",
    "transactions.view_tradecategory",
]
ROLE_PERMISSIONS = {
    "编辑": _TRADE,
    "签发人": [
        "transactions.view_trade",
        "transactions.view_monthlytradetotal",
        "transactions.view_tradecategory",
    ],
    "管理员": [*_TRADE, "transactions.change_tradecategory"],
}


def forwards(apps, schema_editor):
    from submissions.roles import grant

    TradeCategory = apps.get_model("transactions", "TradeCategory")
    for code, label, name, word, order, children in CATEGORIES:
        parent, _ = TradeCategory.objects.get_or_create(
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
                code=c_code,
                defaults={
                    "parent": parent,
                    "label": c_label,
                    "name": c_name,
                    "measure_word": c_word,
                    "order": c_order,
                },
            )
    grant(apps, schema_editor, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("transactions", "0001_initial"),
        ("submissions", "0002_roles_and_reference_data"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
