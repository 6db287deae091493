"""The seed bulletin's figures as data, for the demo (``submissions.demo``).

Source: ../shared/seed/haidong-bulletin-063-2021-06.txt (海东政务服务动态 第63期):
its units, its window units (附件1), June 2021's figures as printed, the one
May figure it compares with, and the explanations of its inconsistencies.
"""

import datetime

from .models import Centre

HALL = "海东市行政服务和公共资源交易中心"

# (name, short name, kind, order, clerk username)
CENTRES = [
    (HALL, "市级大厅", Centre.Kind.HALL, 0, "shiji"),
    ("平安区政务服务中心", "平安区", Centre.Kind.DISTRICT, 10, "pingan"),
    ("乐都区政务服务中心", "乐都区", Centre.Kind.DISTRICT, 20, "ledu"),
    ("互助县政务服务中心", "互助县", Centre.Kind.COUNTY, 30, "huzhu"),
    ("循化县政务服务中心", "循化县", Centre.Kind.COUNTY, 40, "xunhua"),
    ("民和县政务服务监督管理局", "民和县", Centre.Kind.COUNTY, 50, "minhe"),
    # The seed's heading for 化隆县 is missing; its work items name it.
    ("化隆县政务服务中心", "化隆县", Centre.Kind.COUNTY, 60, "hualong"),
]

# The 19 window units of the seed's attachment 1, in its order: the options
# of the breakdown 窗口单位.
WINDOW_UNITS = "窗口单位"
DEPARTMENTS = [
    "市公安局",
    "市社保局",
    "市烟草局",
    "市公积金中心",
    "市市场监管局",
    "市发展改革委",
    "市生态环境局",
    "市司法局",
    "市住建局",
    "区税务局",
    "区公安局",
    "海东不动产交易登记",
    "卫生健康委",
    "民政局",
    "商务局",
    "林草局",
    "水务局",
    "工信局",
    "地震局",
]

JUNE = datetime.date(2021, 6, 1)
MAY = datetime.date(2021, 5, 1)
LICENSING = "行政许可事项"
SERVICE = "公共服务事项"
CONVENIENCE = "便民服务事项"

# June 2021 as printed in 第63期, per centre (short name). "totals": 受理,
# 办结 and 正在办理 (``demo.CASE_TOTALS`` names their definitions) and the
# working days; "categories" maps a 办件类别 to (受理, 办结); "defined": other
# figures as (definition code, option name or None for the total) → value.
# None is a figure the seed does not print.
JUNE_FIGURES = {
    "市级大厅": {
        # "窗口受理行政许可事项、公共服务事项共计10503件": an accepted total only.
        "totals": {"accepted_total": 10503},
        "categories": {LICENSING: (2476, 2476), SERVICE: (8027, 8027)},
    },
    "平安区": {
        "totals": {
            "accepted_total": 29447,
            "completed_total": 29447,
            "working_days": 29,
        },
        "categories": {LICENSING: (1973, 1973), SERVICE: (20157, 20157)},
    },
    "乐都区": {
        "totals": {"accepted_total": 13358, "completed_total": 13358},
        "categories": {LICENSING: (972, 972), SERVICE: (10521, 10521)},
        # The seed says only "共收到评价13358条", one per case handled: the online
        # 好差评 system rates every case, so the channel is taken as 网上评价 (the
        # city pack's rating definitions: the channel's total and its levels).
        "defined": {
            ("rating_online", None): 13358,
            ("rating_online", "非常满意"): 1202,
            ("rating_online", "满意"): 11622,
            ("rating_online", "基本满意"): 534,
        },
    },
    "互助县": {
        "totals": {
            "accepted_total": 35283,
            "completed_total": 35241,
            "in_progress_total": 42,
        },
        # 行政许可 "办结率100%" gives 489 completed; 公共服务 is printed only as
        # "办结率96%", which fits any count from 29751 to 30217: left blank.
        "categories": {LICENSING: (489, 489), SERVICE: (31152, None)},
        # The 12345 hotline, as 海东's figure definitions (the city starter
        # pack): (definition code, option name or None for the total) → value.
        "defined": {
            ("hotline_received", None): 268,
            ("hotline_received", "求助类"): 185,
            ("hotline_received", "咨询类"): 5,
            ("hotline_received", "投诉类"): 75,
            ("hotline_received", "建议类"): 1,
            ("hotline_orders", "承办单"): 243,
            ("hotline_orders", "重新办理单"): 23,
            ("hotline_completed", None): 218,
            ("hotline_channel_received", "市政府门户网站“市长信箱”"): 1,
            ("hotline_channel_received", "市政府门户网站“网民留言”"): 0,
            ("hotline_channel_received", "青海省“12345”政务服务热线"): 44,
            ("hotline_channel_completed", "市政府门户网站“市长信箱”"): 0,
            ("hotline_channel_completed", "市政府门户网站“网民留言”"): 0,
            ("hotline_channel_completed", "青海省“12345”政务服务热线"): 37,
        },
    },
    "循化县": {
        # "办件22279件" is the accepted total; no completed total is printed.
        "totals": {"accepted_total": 22279},
        # The seed's 行政审批事项 is the 行政许可 category.
        "categories": {LICENSING: (4202, 4202), SERVICE: (10731, 10731)},
    },
    "民和县": {
        "totals": {
            "accepted_total": 31551,
            "completed_total": 31551,
            "working_days": 21,
        },
        "categories": {
            LICENSING: (1756, 1756),
            SERVICE: (24419, 24419),
            CONVENIENCE: (5376, 5376),
        },
        "defined": {
            ("rating_paper", None): 1632,
            ("rating_paper", "非常满意"): 407,
            ("rating_paper", "满意"): 1225,
        },
    },
    # No figures printed (the heading is missing); only its two work items.
    "化隆县": {},
}

# 附件1 as printed: (department, licensing accepted, licensing completed,
# service accepted, service completed); an empty cell is None, a printed 0 is 0.
# The printed 办结率 column is derived, not stored. The columns are the city
# pack's definitions:
DEPARTMENT_CODES = (
    "hall_licensing_accepted",
    "hall_licensing_completed",
    "hall_service_accepted",
    "hall_service_completed",
)
DEPARTMENT_FIGURES = [
    ("市公安局", None, None, 1687, 1687),
    ("市社保局", None, None, 1359, 1359),
    ("市烟草局", 99, 99, None, None),
    ("市公积金中心", None, None, 450, 450),
    ("市市场监管局", 299, 299, None, None),
    ("市发展改革委", 0, 0, None, None),
    ("市生态环境局", 0, 0, None, None),
    ("市司法局", 0, 0, None, None),
    ("市住建局", 0, 0, None, None),
    ("区税务局", None, None, 3830, 3830),
    ("区公安局", 2078, 2078, None, None),
    ("海东不动产交易登记", None, None, 701, 701),
    ("卫生健康委", None, None, None, None),
    ("民政局", None, None, None, None),
    ("商务局", None, None, None, None),
    ("林草局", None, None, None, None),
    ("水务局", None, None, None, None),
    ("工信局", None, None, None, None),
    ("地震局", None, None, None, None),
]

# The one May 2021 figure the seed compares with ("较5月份的24236件").
MAY_FIGURES = {"平安区": {"accepted_total": 24236}}

EXPLANATION = "按原报送数据录入（第63期原文如此）。"
EXPLANATIONS = {
    "figures_missing": (
        "第63期未刊登化隆县的办件数据（该县标题缺失，其主要工作误排在民和县之下），"
        "按原文只录入主要工作。"
    ),
}
