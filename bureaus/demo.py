"""Demo data: the two bureaus of the demo (DEMO DATA), before everything else.

海东 publishes the monthly 海东政务服务动态 (the seed's 第63期); 海西州 is a second
bureau of the same province (../shared/seed/haixi-tongbao-2022-06.md), whose
units, staff and June 2022 issue live beside 海东's and never mix with them.
"""

from .models import Bureau, SiteSettings
from .services import bureau_create

HAIDONG = {
    "name": "海东市政务服务监督管理局",
    "short_name": "海东",
    "slug": "haidong",
    "description": (
        "海东市政务服务监督管理局每月编发的《海东政务服务动态》，发布全市政务服务"
        "大厅办件、好差评、12345热线及公共资源交易情况。（演示数据）"
    ),
    "footer": "主办：海东市政务服务监督管理局",
    "order": 10,
}
HAIXI = {
    "name": "海西州政务服务监督管理局",
    "short_name": "海西州",
    "slug": "haixi",
    "description": (
        "海西州政务服务监督管理局每月通报全州政务服务和公共资源交易工作情况。"
        "（演示数据）"
    ),
    "footer": "主办：海西州政务服务监督管理局",
    "order": 20,
}


def ensure(fields: dict) -> Bureau:
    bureau = Bureau.objects.filter(slug=fields["slug"]).first()
    return bureau or bureau_create(**fields)


def load(stdout) -> None:
    SiteSettings.objects.update_or_create(
        pk=1, defaults={"footer": "政务服务动态演示站点：两个编发单位的演示数据。"}
    )
    for fields in (HAIDONG, HAIXI):
        ensure(fields)
    stdout.write("演示编发单位：海东市政务服务监督管理局、海西州政务服务监督管理局。")
