# ruff: noqa: E501 (the seed's paragraphs are kept whole)
"""The seed issue's June 2021 figures (第63期) as approved reports, for tests.

Source: ../shared/seed/haidong-bulletin-063-2021-06.txt. Where the seed is wrong
or silent the figures are chosen to reproduce what it meant: 互助县's 公共服务
completed 29906 of 31152 (the seed's "办结率96%"), 循化县's completed total left
blank (the seed states none), 化隆县 has work items but no figures (its heading
was lost in the seed), 平安区's May report holds the 24236 it is compared with.
Work item texts are the seed's, half-width punctuation and all: composition
must normalise them. 互助县's first item (the hotline) is figures now, and the
typed ratings sentence of 民和县's third item is generated instead.
"""

import datetime

from submissions.models import Centre, MonthlyReport, WorkItem
from tests.factories import (
    DEPARTMENT_CODES,
    MonthlyReportFactory,
    default_bureau,
    department,
    department_values,
    hotline_values,
    rating_values,
)

JUNE = datetime.date(2021, 6, 1)
MAY = datetime.date(2021, 5, 1)
LICENSING, SERVICE, CONVENIENCE = "行政许可事项", "公共服务事项", "便民服务事项"

# name, short name, kind, order
CENTRES = [
    ("海东市行政服务和公共资源交易中心", "市级大厅", Centre.Kind.HALL, 0),
    ("平安区政务服务中心", "平安区", Centre.Kind.DISTRICT, 10),
    ("乐都区政务服务中心", "乐都区", Centre.Kind.DISTRICT, 20),
    ("互助县政务服务中心", "互助县", Centre.Kind.COUNTY, 30),
    ("循化县政务服务中心", "循化县", Centre.Kind.COUNTY, 40),
    ("民和县政务服务监督管理局", "民和县", Centre.Kind.COUNTY, 50),
    ("化隆县政务服务中心", "化隆县", Centre.Kind.COUNTY, 60),
]

# short name → (accepted, completed, in progress, working days)
TOTALS = {
    "市级大厅": (10503, 10503, None, None),
    "平安区": (29447, 29447, None, 29),
    "乐都区": (13358, 13358, None, None),
    "互助县": (35283, 35241, 42, None),
    "循化县": (22279, None, None, None),
    "民和县": (31551, 31551, None, 21),
    "化隆县": (None, None, None, None),
}

# short name → {category: (accepted, completed)}
CASES = {
    "市级大厅": {LICENSING: (2476, 2476), SERVICE: (8027, 8027)},
    "平安区": {LICENSING: (1973, 1973), SERVICE: (20157, 20157)},
    "乐都区": {LICENSING: (972, 972), SERVICE: (10521, 10521)},
    "互助县": {LICENSING: (489, 489), SERVICE: (31152, 29906)},
    "循化县": {LICENSING: (4202, 4202), SERVICE: (10731, 10731)},
    "民和县": {
        LICENSING: (1756, 1756),
        SERVICE: (24419, 24419),
        CONVENIENCE: (5376, 5376),
    },
}

# short name → [(channel, total, 非常满意, 满意, 基本满意)]
RATINGS = {
    "乐都区": [("网上评价", 13358, 1202, 11622, 534)],
    "民和县": [("纸质评价", 1632, 407, 1225, None)],
}

HUZHU_HOTLINE = {
    "received": 268,
    "assigned": 243,
    "redone": 23,
    "completed": 218,
    "help_requests": 185,
    "consultations": 5,
    "complaints": 75,
    "suggestions": 1,
    "mayor_mailbox_received": 1,
    "mayor_mailbox_completed": 0,
    "netizen_received": 0,
    "netizen_completed": 0,
    "provincial_received": 44,
    "provincial_completed": 37,
}

# 附件1: department → (licensing accepted, completed, service accepted, completed)
DEPARTMENTS = [
    ("市公安局", (None, None, 1687, 1687)),
    ("市社保局", (None, None, 1359, 1359)),
    ("市烟草局", (99, 99, None, None)),
    ("市公积金中心", (None, None, 450, 450)),
    ("市市场监管局", (299, 299, None, None)),
    ("市发展改革委", (0, 0, None, None)),
    ("市生态环境局", (0, 0, None, None)),
    ("市司法局", (0, 0, None, None)),
    ("市住建局", (0, 0, None, None)),
    ("区税务局", (None, None, 3830, 3830)),
    ("区公安局", (2078, 2078, None, None)),
    ("海东不动产交易登记", (None, None, 701, 701)),
    ("卫生健康委", (None, None, None, None)),
    ("民政局", (None, None, None, None)),
    ("商务局", (None, None, None, None)),
    ("林草局", (None, None, None, None)),
    ("水务局", (None, None, None, None)),
    ("工信局", (None, None, None, None)),
    ("地震局", (None, None, None, None)),
]

WORK_ITEMS = {
    "市级大厅": [
        (
            "积极推动政务服务五级联动建设",
            "加快推进政务服务向基层延伸,按照省局相关工作要求,将互助县五峰镇和北街社区作为作为我市线上线下五级联动政务服务体系乡镇(街道)和村(社区)试点,在2021年年底运行成熟后在全市推广。",
        ),
        (
            "持续提升政务服务便捷度",
            "一是根据《青海省人民政府关于取消和调整28项行政审批等事项的决定》(青政〔2021〕23号)文件要求,梳理编制《海东市拟取消和承接的行政审批等事项目录(征求意见稿)》,取消市级行政审批事项4项,承接省级下放审批事项5项;二是为了更好地服务办事群众和企业,将进驻综合审批服务区的14家单位事项纳入电话预约办理,通过电话预约办理时间并一次性告知需准备材料,有效提高事项办理的便捷度。",
        ),
        (
            "着力提升政务服务效能",
            "结合“党史学习教育”和“我为群众办实事”活动,进一步转变工作作风:一是在大厅设置政务服务导办员及志愿者服务队,向办事群众提供及时、优质的人工咨询和导办服务;二是结合大厅窗口工作,开展“六个免费”活动,即免费邮寄、免费复印、免费茶饮、免费拍照、免费停车、免费阅读;三是结合老年人实际情况,设立“老年人服务岗”和“无健康码通道”,配备轮椅、老花镜、应急医药箱等,方便老年人办事。",
        ),
    ],
    "平安区": [
        (
            "不忘来时路,开创新篇章",
            "开展庆“七一”系列主题活动,区政务服务中心党支部和联姻支部柳湾村组织党员干部来到小高陵村开展“主题党日”活动,参观小高陵精神展览馆,学习“敢为人先,实干善成”的小高陵精神;中心组织全体党员参观区党群服务中心、区公安局新时代机关党建服务中心和区档案馆爱国主义教育基地,学习了党的百年历史、长征历史和我区的优秀党员模范先进事迹,回顾了我们党自成立起经历的重大时刻和当代党员的风采。",
        ),
        (
            "亮身份、亮职责、亮承诺",
            "进行了第二季度的流动红旗窗口和政务服务标兵表彰大会。对在窗口工作中发挥先进表率的五名党员授予“党员示范岗”荣誉称号,对在第二季度政务服务工作中表现突出的三个窗口授予“流动红旗窗口”称号,对六名先进个人授予“政务服务标兵”称号,并予以表彰奖励。",
        ),
        (
            "大力开展“局长进大厅”直接联系服务群众",
            "认真组织进驻大厅区级审批职能部门领导到一线窗口值守,对话企业、百姓、及时解决关系群众切身利益问题,优化办事流程。本月,部门领导共值守窗口1人次,现场办理审批事项3件,接受群众咨询8件,密切了党群干群关系。",
        ),
        (
            "开展了一系列交流学习活动",
            "为贯彻落实党的十九大精神,庆祝中国共产党建党100周年,新中国成立72周年,青海解放72周年,区政务服务中心根据深化民族团结进步的要求,紧紧围绕各民族“共同团结奋斗、共同繁荣发展”的民族工作主题,党群服务中心联合党支部组织全体党员集中观看《建党伟业》和《古田军号》。",
        ),
    ],
    "乐都区": [
        (
            "积极参加为党献礼活动,锤炼忠党爱党的党性修养",
            "按照党史学习的工作目标和任务,为进一步做到学史明理、学史增信、学史崇德、学史力行和学党史、悟思想、办实事、开新局,我局积极组织大厅干部职工参加建党100周年献礼大合唱活动,以歌唱祖国、歌唱党为主题,近70人唱响了《唱支山歌给党听》《在太行山上》歌曲,参加了乐都区全区歌唱比赛,同时参加了“奋进新时代红歌颂党恩”民和乐都同心向党献礼百年华诞合唱展演,充分展示了干部职工爱党激情,进一步锤炼了干部职工为群众办实事工作积极性,坚决将党的艰苦奋斗精神和宗旨意识力行到工作实践中。",
        ),
        (
            "踊跃参加庆党华诞运动会,增强干部职工体格体魄",
            "要求干部职工积极参加乐都区第一届干部职工运动会,坚持学史力行为主题,以提升干部职工凝聚力为目的,通过集体走方阵,参加各项体育集体项目比赛,使干部职工在比赛中尽情展演,释放激情活力,力争上游。参赛者立誓下一步将运动的激情和好争第一的精神践行到实际工作中,以昂扬的斗志为群众做好服务,为群众办好实事,开创乐都区政务服务新局面。",
        ),
        (
            "推进延时办理服务常态化,提升窗口办理服务水平",
            "以“满足群众办事需求、提升办事服务水平”为目标,着力推进业务量较大的窗口实施延时服务,并建立常态化服务机制,按照不限定时间段的原则,拓展服务范围、延伸服务流程,在重点窗口加派专人开展延时服务,确保群众进厅就可办,让群众满意而归。",
        ),
    ],
    "互助县": [
        (
            "“少跑快办”,优化做实“一件事”套餐服务情况",
            "6月份,中心组织相关单位、部门积极梳理一件事事项7大类31项。",
        ),
    ],
    "循化县": [
        (
            "强化平台建设,提高服务效率",
            "一是推进事项线上线下融合。中心作为推进“互联网+政务服务”改革的重要载体,认真落实“三集中,三到位”,积极整合入驻事项向网上办理延伸,引导群众“网上办、指尖办、预约办、咨询办”。结合“网上智能办事大厅”与线下实体大厅的融合模式,通过青海政务服务公众号、“青松办”APP服务终端线上办,积极为群众提供“容缺办”“预约办”“延时办”等特色政务服务,及时满足群众的政务服务需求。二是全力推进“一窗受理”。按照“前台综合受理、后台分类审批、统一窗口出件”的模式,简化环节、优化流程,推动“一窗受理、集成服务”改革。将办理事项少的编办、气象局、民宗局、广电局、住建等11个部门105项行政审批事项纳入到中心进行综合受理,设置企业开办专区、跨省通办专区、综合受理专区,初步形成前台综合受理,后台分口审批的办件模式。三是根据省市业务部门的要求,督促指导涉及“跨省通办”事项录入的公安、民政等部门、按时间节点完成了第二批82项“跨省通办”和“审批破冰”与“工改”事项认领及清单梳理编制工作。",
        ),
        (
            "持续优化服务,提升服务效能",
            '一是提升企业开办便利度。企业开办时间已压缩至1.5个工作日,新开办企业、个体工商户、农民专业合作社通过网络平台办理企业登记、印章刻制、发票申领以及银行开户业务,实现企业开办全程网上办。二是压缩政务服务事项办理时间。不动产登记推进“互联网+不动产登记”服务,将一般登记时限由压缩后的8个工作日进一步压缩为5个工作日。三是精减办事材料。申领失业保险金,职工养老保险本省转移、办理企业稳岗补贴返还、税务窗口代开房屋租赁发票、税种申报、注销税务登记、 税务登记(补录)信息取消了相关证明材料。四是贯彻落实政务服务“好差评”制度,积极引导企业和办事群众参评,切实做到"一次一评、一事一评",将窗口工作人员“好差评”落实情况与平时考核、年终考核相结合,倒逼工作人员转变工作作风,提高服务意识和服务水平。',
        ),
    ],
    "民和县": [
        (
            "认真梳理政务服务“一件事”办理事项",
            "全面推进“一件事”套餐服务试点工作,从企业和群众高效快捷办成一件事角度出发,突出质效并举,树立正确导向,做实“一件事”套餐服务。在去年梳理的基础上,再次梳理“我要开面包店”、“我要开奶茶店”、“廉租房申请”、“二手房交易登记和水电气等过户联办”、“扶残助残”等5件套餐。",
        ),
        (
            "积极推动政务服务向乡(镇)延伸下沉",
            "完善省、市、县、乡(镇)和行政村(社区)五级政务服务体系,认真梳理全县乡(镇)和村(社区)政务服务事项,打通政务服务“最后一公里”。",
        ),
        (
            "持续推动政务服务“好差评”工作",
            "以政务服务工作“提速、提质、提效”为目标,把加强日常管理,切实转变工作作风,作为提高政务服务能力和水平的关键,严明工作纪律,狠抓工作落实。继续做好政务服务“好差评”工作。继续引导办事群众主动客观公正的对政务服务工作进行评价。",
        ),
    ],
    "化隆县": [
        (
            "推进“审批破冰”与“工改”事项梳理入库",
            "“审批破冰”与“工改”事项开展编制入库工作时间5月25日,共涉及单位11个,县城管局、地震局、林草局、气象局、住建局(人防办)、自然资源局、发改、生态环境局、交通局、民宗局、水利局。“审批破冰”与“工改”事项共53项,其中县级事项48项,核对后反馈实际不行权事项12项,截止6月1日共编制完成入库事项36项,已全部完成。",
        ),
        (
            "继续推进政务服务“一件事”联办主题套餐清单整合梳理",
            "化隆县政务服务中心在党史学习教育过程中,始终把办实事作为最终检验学习成果的有效手段,扎扎实实把为民办实事工作常抓不懈。为了给企业营造更好的经营环境,减少审批材料的重复提交,改变多个证件多次跑办的状况,化隆县政务服务中心对涉及多个部门的审批事项办事环节继续进行了前期整合梳理,按照办事类型编制了“一件事”主题联办套餐事项信息表,初步梳理出联办主题套餐23项,为后期场地问题解决后在政务大厅设立“一件事”联办主题套餐办理专区打下了基础。",
        ),
    ],
}


def load() -> dict[str, Centre]:
    """Create the seed's centres and their approved June reports."""
    centres = {}
    for name, short_name, kind, order in CENTRES:
        centres[short_name] = Centre.objects.create(
            bureau=default_bureau(),
            name=name,
            short_name=short_name,
            kind=kind,
            order=order,
        )
    hall = centres["市级大厅"]
    approved = MonthlyReport.Status.APPROVED
    MonthlyReportFactory(
        centre=centres["平安区"], month=MAY, status=approved, accepted_total=24236
    )
    for short_name, centre in centres.items():
        accepted, completed, in_progress, days = TOTALS[short_name]
        report = MonthlyReportFactory(
            centre=centre,
            month=JUNE,
            status=approved,
            accepted_total=accepted,
            completed_total=completed,
            in_progress_total=in_progress,
            working_days=days,
            categories=CASES.get(short_name, {}),
        )
        for channel, total, very, satisfied, basic in RATINGS.get(short_name, []):
            rating_values(
                report,
                channel,
                total=total,
                very_satisfied=very,
                satisfied=satisfied,
                basically_satisfied=basic,
            )
        if short_name == "互助县":
            hotline_values(report, **HUZHU_HOTLINE)
        for order, (title, body) in enumerate(WORK_ITEMS.get(short_name, []), 1):
            WorkItem.objects.create(report=report, order=order, title=title, body=body)
        if centre == hall:
            for order, (name, figures) in enumerate(DEPARTMENTS, start=1):
                option = department(name, order=order)
                department_values(
                    report,
                    option,
                    **dict(zip(DEPARTMENT_CODES, figures, strict=True)),
                )
    return centres
