"""Hand-built Documents for the PDF tests and the benchmark.

``issue_63()`` mirrors the seed (海东政务服务动态 第63期) section by section, with
its text punctuated as the composer would print it (full-width marks, the
missing 化隆县 heading restored, 0 of 0 shown as —). ``large_issue()`` is the
long case: 20 centres with 10 work items each and a department table that runs
over several pages.
"""

from __future__ import annotations

from bulletins.document import (
    Attachment,
    Cell,
    Column,
    Document,
    Masthead,
    Paragraph,
    Section,
    Table,
)

MASTHEAD = Masthead(
    title="海东政务服务动态",
    issue_label="第63期",
    publisher="海东市政务服务监督管理局",
    date_text="2021年7月6日",
)

HALL_CASES = (
    "6月份，窗口受理行政许可事项、公共服务事项共计10503件。其中，行政许可事项受理"
    "2476件，办结2476件，办结率100%；公共服务事项受理8027件，办结8027件，"
    "办结率100%（详见附件1）。"
)
HALL_TRADES = (
    "6月份公共资源交易总量为224件，交易金额为7.73亿元。其中，工程建设项目交易数为"
    "54件，交易金额2.70亿元；政府采购项目交易数为162项，交易金额为1.44亿元；"
    "采矿（探矿）权出让无交易；土地使用权出让8宗，交易额3.59亿元；国有产权交易无交易。"
)
HALL_WORK = [
    (
        "1.积极推动政务服务五级联动建设。",
        "加快推进政务服务向基层延伸，按照省局相关工作要求，将互助县五峰镇和北街社区作为"
        "我市线上线下五级联动政务服务体系乡镇（街道）和村（社区）试点，在2021年年底"
        "运行成熟后在全市推广。",
    ),
    (
        "2.持续提升政务服务便捷度。",
        "一是根据《青海省人民政府关于取消和调整28项行政审批等事项的决定》"
        "（青政〔2021〕23号）文件要求，梳理编制《海东市拟取消和承接的行政审批等事项目录"
        "（征求意见稿）》，取消市级行政审批事项4项，承接省级下放审批事项5项；二是为了"
        "更好地服务办事群众和企业，将进驻综合审批服务区的14家单位事项纳入电话预约办理，"
        "通过电话预约办理时间并一次性告知需准备材料，有效提高事项办理的便捷度。",
    ),
    (
        "3.着力提升政务服务效能。",
        "结合“党史学习教育”和“我为群众办实事”活动，进一步转变工作作风：一是在大厅"
        "设置政务服务导办员及志愿者服务队，向办事群众提供及时、优质的人工咨询和导办服务；"
        "二是结合大厅窗口工作，开展“六个免费”活动，即免费邮寄、免费复印、免费茶饮、"
        "免费拍照、免费停车、免费阅读；三是结合老年人实际情况，设立“老年人服务岗”和"
        "“无健康码通道”，配备轮椅、老花镜、应急医药箱等，方便老年人办事。",
    ),
]

CENTRES = [
    (
        "平安区政务服务中心",
        "6月份，中心共受理行政审批服务事项29447件，较5月份的24236件增加了5211件，"
        "日均办件量1015件（29个工作日），办结29447件，办结率为100%。其中受理行政许可"
        "1973项，办结1973项，办结率100%；受理公共服务20157项，办结20157项，办结率100%。",
        [
            (
                "1.不忘来时路，开创新篇章。",
                "开展庆“七一”系列主题活动，区政务服务中心党支部和联姻支部柳湾村组织党员"
                "干部来到小高陵村开展“主题党日”活动，参观小高陵精神展览馆，学习“敢为人先，"
                "实干善成”的小高陵精神；中心组织全体党员参观区党群服务中心、区公安局新时代"
                "机关党建服务中心和区档案馆爱国主义教育基地，学习了党的百年历史、长征历史和"
                "我区的优秀党员模范先进事迹，回顾了我们党自成立起经历的重大时刻和当代党员的"
                "风采。",
            ),
            (
                "2.亮身份、亮职责、亮承诺。",
                "进行了第二季度的流动红旗窗口和政务服务标兵表彰大会。对在窗口工作中发挥先进"
                "表率的五名党员授予“党员示范岗”荣誉称号，对在第二季度政务服务工作中表现突出"
                "的三个窗口授予“流动红旗窗口”称号，对六名先进个人授予“政务服务标兵”称号，"
                "并予以表彰奖励。",
            ),
            (
                "3.大力开展“局长进大厅”直接联系服务群众。",
                "认真组织进驻大厅区级审批职能部门领导到一线窗口值守，对话企业、百姓，及时"
                "解决关系群众切身利益问题，优化办事流程。本月，部门领导共值守窗口1人次，现场"
                "办理审批事项3件，接受群众咨询8件，密切了党群干群关系。",
            ),
            (
                "4.开展了一系列交流学习活动。",
                "为贯彻落实党的十九大精神，庆祝中国共产党建党100周年，新中国成立72周年，"
                "青海解放72周年，区政务服务中心根据深化民族团结进步的要求，紧紧围绕各民族"
                "“共同团结奋斗、共同繁荣发展”的民族工作主题，党群服务中心联合党支部组织全体"
                "党员集中观看《建党伟业》和《古田军号》。",
            ),
        ],
    ),
    (
        "乐都区政务服务中心",
        "6月份共受理办结13358件。其中受理行政许可972项，办结972项，办结率100%；受理"
        "公共服务10521项，办结10521项，办结率100%。在好差评方面，6月份共收到评价"
        "13358条，其中：非常满意1202条，满意11622条，基本满意534条。",
        [
            (
                "1.积极参加为党献礼活动，锤炼忠党爱党的党性修养。",
                "按照党史学习的工作目标和任务，为进一步做到学史明理、学史增信、学史崇德、"
                "学史力行和学党史、悟思想、办实事、开新局，我局积极组织大厅干部职工参加建党"
                "100周年献礼大合唱活动，以歌唱祖国、歌唱党为主题，近70人唱响了《唱支山歌给党"
                "听》《在太行山上》歌曲，参加了乐都区全区歌唱比赛，同时参加了“奋进新时代"
                "红歌颂党恩”民和乐都同心向党献礼百年华诞合唱展演，充分展示了干部职工爱党"
                "激情，进一步锤炼了干部职工为群众办实事工作积极性，坚决将党的艰苦奋斗精神和"
                "宗旨意识力行到工作实践中。",
            ),
            (
                "2.踊跃参加庆党华诞运动会，增强干部职工体格体魄。",
                "要求干部职工积极参加乐都区第一届干部职工运动会，坚持学史力行为主题，以提升"
                "干部职工凝聚力为目的，通过集体走方阵，参加各项体育集体项目比赛，使干部职工在"
                "比赛中尽情展演，释放激情活力，力争上游。参赛者立誓下一步将运动的激情和好争"
                "第一的精神践行到实际工作中，以昂扬的斗志为群众做好服务，为群众办好实事，开创"
                "乐都区政务服务新局面。",
            ),
            (
                "3.推进延时办理服务常态化，提升窗口办理服务水平。",
                "以“满足群众办事需求、提升办事服务水平”为目标，着力推进业务量较大的窗口实施"
                "延时服务，并建立常态化服务机制，按照不限定时间段的原则，拓展服务范围、延伸"
                "服务流程，在重点窗口加派专人开展延时服务，确保群众进厅就可办，让群众满意"
                "而归。",
            ),
        ],
    ),
    (
        "互助县政务服务中心",
        "6月份，已受理35283件，已办理35241件，正在办理42件。其中行政许可事项489件，"
        "办结率100%；公共服务事项31152件，办结率96%。",
        [
            (
                "1.12345市民热线办理情况。",
                "6月份，互助县12345市民服务热线共受理268件（其中承办单243件，重新办理单"
                "23件），日均受理9件，办结218件。其中，按办件性质分：求助类185件，占69.03%；"
                "咨询类5件，占1.87%；投诉类75件，占27.99%；建议类1件，占0.37%。共受理市政府"
                "门户网站“市长信箱”1件，办结0件。受理市政府门户网站“网民留言”0件，办结0件。"
                "受理青海省“12345”政务服务热线44件，办结37件。",
            ),
            (
                "2.“少跑快办”，优化做实“一件事”套餐服务情况。",
                "6月份，中心组织相关单位、部门积极梳理一件事事项7大类31项。",
            ),
        ],
    ),
    (
        "循化县政务服务中心",
        "6月份办件22279件，其中受理行政审批事项4202件，办结4202件，办结率100%。受理"
        "公共服务事项10731件，办结10731件，办结率100%。",
        [
            (
                "1.强化平台建设，提高服务效率。",
                "一是推进事项线上线下融合。中心作为推进“互联网+政务服务”改革的重要载体，"
                "认真落实“三集中，三到位”，积极整合入驻事项向网上办理延伸，引导群众“网上办、"
                "指尖办、预约办、咨询办”。结合“网上智能办事大厅”与线下实体大厅的融合模式，"
                "通过青海政务服务公众号、“青松办”APP服务终端线上办，积极为群众提供“容缺办”"
                "“预约办”“延时办”等特色政务服务，及时满足群众的政务服务需求。二是全力推进"
                "“一窗受理”。按照“前台综合受理、后台分类审批、统一窗口出件”的模式，简化环节、"
                "优化流程，推动“一窗受理、集成服务”改革。将办理事项少的编办、气象局、民宗局、"
                "广电局、住建等11个部门105项行政审批事项纳入到中心进行综合受理，设置企业开办"
                "专区、跨省通办专区、综合受理专区，初步形成前台综合受理，后台分口审批的办件"
                "模式。三是根据省市业务部门的要求，督促指导涉及“跨省通办”事项录入的公安、民政"
                "等部门，按时间节点完成了第二批82项“跨省通办”和“审批破冰”与“工改”事项认领"
                "及清单梳理编制工作。",
            ),
            (
                "2.持续优化服务，提升服务效能。",
                "一是提升企业开办便利度。企业开办时间已压缩至1.5个工作日，新开办企业、个体"
                "工商户、农民专业合作社通过网络平台办理企业登记、印章刻制、发票申领以及银行"
                "开户业务，实现企业开办全程网上办。二是压缩政务服务事项办理时间。不动产登记"
                "推进“互联网+不动产登记”服务，将一般登记时限由压缩后的8个工作日进一步压缩为"
                "5个工作日。三是精减办事材料。申领失业保险金，职工养老保险本省转移、办理企业"
                "稳岗补贴返还、税务窗口代开房屋租赁发票、税种申报、注销税务登记、税务登记"
                "（补录）信息取消了相关证明材料。四是贯彻落实政务服务“好差评”制度，积极引导"
                "企业和办事群众参评，切实做到“一次一评、一事一评”，将窗口工作人员“好差评”"
                "落实情况与平时考核、年终考核相结合，倒逼工作人员转变工作作风，提高服务意识"
                "和服务水平。",
            ),
        ],
    ),
    (
        "民和县政务服务监督管理局",
        "6月份，中心共受理各类事项31551件（行政许可事项1756件，公共服务事项24419件，"
        "便民服务事项5376件），办结各类事项31551件（行政许可事项1756件，公共服务事项"
        "24419件，便民服务事项5376件），日均办件量1502件（21个工作日），办结率为100%。",
        [
            (
                "1.认真梳理政务服务“一件事”办理事项。",
                "全面推进“一件事”套餐服务试点工作，从企业和群众高效快捷办成一件事角度出发，"
                "突出质效并举，树立正确导向，做实“一件事”套餐服务。在去年梳理的基础上，再次"
                "梳理“我要开面包店”“我要开奶茶店”“廉租房申请”“二手房交易登记和水电气等过户"
                "联办”“扶残助残”等5件套餐。",
            ),
            (
                "2.积极推动政务服务向乡（镇）延伸下沉。",
                "完善省、市、县、乡（镇）和行政村（社区）五级政务服务体系，认真梳理全县乡"
                "（镇）和村（社区）政务服务事项，打通政务服务“最后一公里”。",
            ),
            (
                "3.持续推动政务服务“好差评”工作。",
                "以政务服务工作“提速、提质、提效”为目标，把加强日常管理，切实转变工作作风，"
                "作为提高政务服务能力和水平的关键，严明工作纪律，狠抓工作落实。继续做好政务"
                "服务“好差评”工作。继续引导办事群众主动客观公正地对政务服务工作进行评价，"
                "6月份，共填写纸质评价1632条，其中：非常满意407条，满意1225条。",
            ),
        ],
    ),
    (
        "化隆县政务服务中心",
        "",
        [
            (
                "1.推进“审批破冰”与“工改”事项梳理入库。",
                "“审批破冰”与“工改”事项开展编制入库工作时间5月25日，共涉及单位11个：县城管局、"
                "地震局、林草局、气象局、住建局（人防办）、自然资源局、发改、生态环境局、"
                "交通局、民宗局、水利局。“审批破冰”与“工改”事项共53项，其中县级事项48项，"
                "核对后反馈实际不行权事项12项，截止6月1日共编制完成入库事项36项，已全部完成。",
            ),
            (
                "2.继续推进政务服务“一件事”联办主题套餐清单整合梳理。",
                "化隆县政务服务中心在党史学习教育过程中，始终把办实事作为最终检验学习成果的"
                "有效手段，扎扎实实把为民办实事工作常抓不懈。为了给企业营造更好的经营环境，"
                "减少审批材料的重复提交，改变多个证件多次跑办的状况，化隆县政务服务中心对涉及"
                "多个部门的审批事项办事环节继续进行了前期整合梳理，按照办事类型编制了“一件事”"
                "主题联办套餐事项信息表，初步梳理出联办主题套餐23项，为后期场地问题解决后在"
                "政务大厅设立“一件事”联办主题套餐办理专区打下了基础。",
            ),
        ],
    ),
]

CHINESE_NUMBERS = "一二三四五六七八九十"

# (序号, 单位, 许可受理, 许可办结, 许可办结率, 公共受理, 公共办结, 公共办结率)
# None is a blank cell (not handled), 0 is "none this month".
DEPARTMENTS = [
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

TRADES = [
    ("房屋建筑", 8, "0.8934"),
    ("市政", 11, "0.5827"),
    ("公路", 0, "0.0000"),
    ("铁路", 0, "0.0000"),
    ("水运", 0, "0.0000"),
    ("水利", 7, "0.5128"),
    ("能源", 0, "0.0000"),
    ("邮电通信", 0, "0.0000"),
    ("其他", 28, "0.7066"),
    ("政府采购", 162, "1.4400"),
    ("土地出让", 8, "3.5911"),
    ("采矿权", 0, "0.0000"),
    ("产权交易", 0, "0.0000"),
]


def figure(value: int | None) -> Cell:
    return Cell("" if value is None else str(value), value)


def rate(done: int | None, accepted: int | None) -> Cell:
    """Blank when not handled, — for 0 of 0, else the percentage."""
    if accepted is None or done is None:
        return Cell("")
    if accepted == 0:
        return Cell("—")
    value = done * 100 / accepted
    text = "100" if done == accepted else f"{value:.2f}".rstrip("0").rstrip(".")
    return Cell(f"{text}%", text)


def department_table(departments=DEPARTMENTS) -> Table:
    rows = []
    sums = [0, 0, 0, 0]
    for number, (name, a1, d1, a2, d2) in enumerate(departments, start=1):
        rows.append(
            [
                Cell(str(number), number),
                Cell(name),
                figure(a1),
                figure(d1),
                rate(d1, a1),
                figure(a2),
                figure(d2),
                rate(d2, a2),
                Cell(""),
            ]
        )
        for i, value in enumerate((a1, d1, a2, d2)):
            sums[i] += value or 0
    totals = [
        Cell("合计"),
        Cell(""),
        figure(sums[0]),
        figure(sums[1]),
        rate(sums[1], sums[0]),
        figure(sums[2]),
        figure(sums[3]),
        rate(sums[3], sums[2]),
        Cell(""),
    ]
    return Table(
        columns=[
            Column("序号", "center", "number"),
            Column("单位", "center", "department"),
            Column("受理行政许可事项（件）", "right", "licensing_accepted"),
            Column("办结（件）", "right", "licensing_completed"),
            Column("办结率（%）", "right", "licensing_rate"),
            Column("受理公共服务事项（件）", "right", "service_accepted"),
            Column("办结（件）", "right", "service_completed"),
            Column("办结率（%）", "right", "service_rate"),
            Column("备注", "center", "note"),
        ],
        rows=rows,
        totals=totals,
        totals_span=2,
    )


def trade_table() -> Table:
    rows = [
        [Cell(str(n), n), Cell(name), figure(count), Cell(amount, amount), Cell("")]
        for n, (name, count, amount) in enumerate(TRADES, start=1)
    ]
    total_count = sum(count for _, count, _ in TRADES)
    total_amount = sum(float(a) for _, _, a in TRADES)
    return Table(
        columns=[
            Column("序号", "center", "number"),
            Column("交易类型", "center", "category"),
            Column("交易项目数（个）", "right", "count"),
            Column("交易金额（亿元）", "right", "amount"),
            Column("备注", "center", "note"),
        ],
        rows=rows,
        totals=[
            Cell("合计"),
            Cell(""),
            figure(total_count),
            Cell(f"{total_amount:.4f}"),
            Cell(""),
        ],
        totals_span=2,
    )


def _work(items, *, first_lead="") -> list[Paragraph]:
    paragraphs = []
    for i, (lead, text) in enumerate(items):
        prefix = first_lead if i == 0 else ""
        paragraphs.append(Paragraph(text=text, lead=prefix + lead, key=f"work.{i}"))
    return paragraphs


def _centre_sections(centres) -> list[Section]:
    sections = []
    for i, (name, summary, items) in enumerate(centres):
        blocks: list = []
        if summary:
            blocks.append(Paragraph(text=summary, key=f"centre.{i}.summary"))
        blocks.extend(_work(items, first_lead="主要工作："))
        sections.append(
            Section(
                number=f"（{_chinese(i + 1)}）",
                title=name,
                level=2,
                key=f"centre.{i}",
                blocks=blocks,
            )
        )
    return sections


def _chinese(n: int) -> str:
    if n <= 10:
        return CHINESE_NUMBERS[n - 1]
    if n < 20:
        return "十" + CHINESE_NUMBERS[n - 11]
    tens, ones = divmod(n, 10)
    return (
        CHINESE_NUMBERS[tens - 1] + "十" + (CHINESE_NUMBERS[ones - 1] if ones else "")
    )


def _document(centres, departments=DEPARTMENTS) -> Document:
    return Document(
        masthead=MASTHEAD,
        issuer="市政务服务监督管理局",
        title="6月份政务服务和公共资源工作情况",
        sections=[
            Section(
                number="一、",
                title="市级政务服务大厅及公共资源交易工作开展情况",
                key="hall",
                blocks=[
                    Section(
                        number="（一）",
                        title="办理情况",
                        level=2,
                        blocks=[
                            Paragraph(
                                text=HALL_CASES,
                                lead="1.办件情况。",
                                key="hall.cases",
                            ),
                            Paragraph(
                                text=HALL_TRADES,
                                lead="2.公共资源交易情况。",
                                key="trades",
                            ),
                        ],
                    ),
                    Section(
                        number="（二）",
                        title="主要工作",
                        level=2,
                        blocks=_work(HALL_WORK),
                    ),
                ],
            ),
            Section(
                number="二、",
                title="区（县）政务服务大厅工作开展情况",
                key="centres",
                blocks=_centre_sections(centres),
            ),
        ],
        attachment_list=[
            "1.海东市行政服务和公共资源交易中心6月份办件情况统计表",
            "2.公共资源交易进场交易情况统计表",
        ],
        attachments=[
            Attachment(
                label="附件1",
                title="海东市行政服务和公共资源交易中心6月份办件情况统计表",
                table=department_table(departments),
                key="departments",
            ),
            Attachment(
                label="附件2",
                title="公共资源交易进场交易情况统计表",
                meta="单位名称：海东市政务服务监督管理局\u30002021年7月6日",
                table=trade_table(),
                key="trades",
            ),
        ],
    )


def issue_63() -> Document:
    """The seed issue, as the composer would build it."""
    return _document(CENTRES)


def large_issue(centres: int = 20, items: int = 10, departments: int = 60) -> Document:
    """A long issue: ``centres`` centres with ``items`` work items each."""
    pool = [item for _, _, its in CENTRES for item in its] + HALL_WORK
    built = []
    for c in range(centres):
        name, summary, _ = CENTRES[c % len(CENTRES)]
        work = []
        for k in range(items):
            lead, text = pool[(c * items + k) % len(pool)]
            number = f"{k + 1}."
            work.append((number + lead.split(".", 1)[1], text))
        built.append((f"第{c + 1}{name}", summary or CENTRES[0][1], work))
    rows = [
        (f"第{i + 1}窗口单位", *DEPARTMENTS[i % len(DEPARTMENTS)][1:])
        for i in range(departments)
    ]
    return _document(built, rows)


# --- Reading a rendered PDF back --------------------------------------------------

PT_PER_MM = 72 / 25.4
BLOCK_LEFT = 28 * PT_PER_MM
BLOCK_RIGHT = (28 + 156) * PT_PER_MM
BLOCK_TOP = 37 * PT_PER_MM  # from the top of the page
BLOCK_BOTTOM = (37 + 225) * PT_PER_MM  # from the top of the page
BODY_SIZE = 15.75


def simple_document(*blocks, title="测试", attachments=()) -> Document:
    """A document with one 一、 section holding ``blocks`` (str -> Paragraph)."""
    return Document(
        masthead=MASTHEAD,
        title=title,
        sections=[
            Section(
                number="一、",
                title="测试",
                blocks=[Paragraph(text=b) if isinstance(b, str) else b for b in blocks],
            )
        ],
        attachments=list(attachments),
    )


def right_edge(char: dict) -> float:
    """Where a character's ink ends: a glyph drawn from a moved origin (the
    ``Shifted`` faces, Taiwan-style 。、 set bottom-left) keeps its ink within
    the em that starts at x0; its /Widths box is wider on purpose."""
    if "Shifted" in char["fontname"]:
        return char["x0"] + char["size"]
    return char["x1"]


def text_lines(page, *, body_only: bool = True) -> list[dict]:
    """The page's lines of text, top to bottom: text, left, right, top, baseline
    and chars.

    Characters whose tops lie within 10 pt belong to one line (a moved 。 sits
    up to 6 pt lower than its neighbours; lines are 29 pt apart).
    """
    chars = sorted(page.chars, key=lambda c: (c["top"], c["x0"]))
    if body_only:
        chars = [c for c in chars if c["top"] < BLOCK_BOTTOM]
    groups: list[list[dict]] = []
    for char in chars:
        if groups and char["top"] - groups[-1][0]["top"] < 10:
            groups[-1].append(char)
        else:
            groups.append([char])
    lines = []
    for group in groups:
        group.sort(key=lambda c: c["x0"])
        visible = [c for c in group if c["text"] != " "]
        upright = [c for c in visible if "Shifted" not in c["fontname"]] or group
        lines.append(
            {
                "text": "".join(c["text"] for c in group),
                "left": visible[0]["x0"] if visible else group[0]["x0"],
                "right": max(right_edge(c) for c in visible) if visible else 0,
                "top": min(c["top"] for c in group),
                # distance of the baseline from the top of the page
                "baseline": page.height - upright[0]["matrix"][5],
                "chars": group,
            }
        )
    return lines
