"""Chinese text for the synthetic demo catalog: phrase pools and length-bounded composers.

The phrases come from the themes of the seed articles (党史学习、基层治理、乡村振兴、
党支部标准化、非公党建、廉洁教育、一训一评、菜单式点单…), so generated pages read,
wrap and segment like real records. Every composer takes a `random.Random` and returns
text whose length (in characters) lies inside the bounds it was asked for.
"""

from __future__ import annotations

import random
from collections.abc import Callable

# --- topics, by course category (unknown categories use every topic) --------------------

TOPICS: dict[str, list[str]] = {
    "政治理论": [
        "党的创新理论",
        "党的二十大精神",
        "新发展理念",
        "中国式现代化",
        "全过程人民民主",
        "马克思主义中国化时代化",
        "习近平新时代中国特色社会主义思想",
    ],
    "党史学习": [
        "百年党史",
        "太湖地区革命斗争史",
        "新四军在江南",
        "红船精神",
        "改革开放史",
        "地方红色文化",
        "党的光辉历程",
    ],
    "党性教育": [
        "理想信念",
        "初心使命",
        "党性修养",
        "党员身份意识",
        "重温入党誓词",
        "党员先锋模范作用",
    ],
    "党务实务": [
        "党支部标准化规范化建设",
        "“三会一课”制度",
        "主题党日活动",
        "组织生活会",
        "民主评议党员",
        "发展党员工作",
        "党员教育培训档案管理",
        "党组织书记履职",
        "换届选举",
    ],
    "现代经济": [
        "高质量发展",
        "数字经济",
        "营商环境",
        "新质生产力",
        "非公企业党建",
        "产业链党建",
        "“小个专”党建",
    ],
    "社会治理": [
        "基层治理",
        "新时代“枫桥经验”",
        "网格化管理",
        "社区治理",
        "物业管理党建",
        "矛盾纠纷化解",
        "接诉即办",
    ],
    "科学技术": [
        "科技创新",
        "人工智能应用",
        "智慧党建平台",
        "数字化转型",
        "科学普及",
        "“党建+互联网”",
    ],
    "先进典型": [
        "劳模精神",
        "工匠精神",
        "身边的优秀共产党员",
        "时代楷模",
        "先锋模范事迹",
        "老党员口述史",
    ],
    "廉洁教育": [
        "全面从严治党",
        "党纪学习教育",
        "廉洁文化建设",
        "中央八项规定精神",
        "警示教育",
        "清廉单元建设",
    ],
    "乡村振兴": [
        "乡村振兴",
        "和美乡村建设",
        "农村集体经济",
        "村级党组织带头人",
        "生态文明建设",
        "强村富民",
        "乡村人才振兴",
    ],
}
ALL_TOPICS = sorted({topic for topics in TOPICS.values() for topic in topics})

TITLE_PREFIXES = [
    "新时代",
    "深入学习",
    "扎实推进",
    "从实践看",
    "聚焦",
    "学好用好",
    "读懂",
    "走近",
    "“一训一评”视角下的",
]
TITLE_SUFFIXES = [
    "专题党课",
    "专题辅导",
    "的实践与思考",
    "的理论与实践",
    "案例解析",
    "十讲",
    "实务讲堂",
    "能力提升专题",
    "现场教学",
    "情景模拟",
    "学习研讨",
    "若干问题",
    "的滨湖探索",
    "工作坊",
]

ANGLES = [
    "讲清楚为什么做、做什么、怎么做",
    "结合基层一线的真实案例展开",
    "梳理近年来的政策要求和工作经验",
    "回应党员需求清单中反映集中的问题",
    "把理论讲透、把方法讲实",
    "以“缺什么、补什么”为原则设计内容",
    "从一个村、一个社区的变化讲起",
    "串联红色资源和现场教学点位",
    "突出问题导向和实践导向",
    "用档案、老照片和口述史还原历史现场",
]
METHODS = [
    "课程采用{fmt}的方式",
    "课堂安排案例分析和答疑解惑",
    "课前有预习、课中有互动、课后有分享",
    "授课教员来自基层一线",
    "课程可与现场教学点位组合成学习套餐",
    "课后安排一训一评",
]
BENEFITS = [
    "帮助学员学有所获、学以致用",
    "推动学习教育往心里走、往深里走",
    "让党员在互动中学经验、在研讨中换思路",
    "提升党员履职尽责、服务发展的能力",
    "做到训前有需求、训中有管理、训后有评估",
]

DESCRIPTION_SENTENCES = [
    "课程围绕{topic}这一主题，结合{region}的实践经验，帮助学员把握要求、找准抓手。",
    "近年来，各地把{topic}作为党员教育培训的重点内容，形成了一批可复制、可推广的做法。",
    "本课坚持“缺什么、补什么”，内容根据党员需求清单逐年更新。",
    "课堂上，教员以案例开路，层层剖析，引导学员在讨论中找到解决问题的办法。",
    "课程采用{fmt}等形式，注重互动交流，避免“大水漫灌”式的灌输。",
    "学员可以结合本单位实际提出问题，教员在课后进行针对性的辅导。",
    "课程可以送课上门，也可以安排在教学点位开展现场教学。",
    "通过学习，学员能够说清{topic}的基本要求，并能在工作中运用。",
    "课程内容经过组织部门审核备案，学时计入党员年度学习登记。",
    "每期培训结束后开展一训一评，根据学员反馈持续改进课程。",
    "本课曾在多个镇（街道）和行业党委巡回宣讲，受到基层党员普遍欢迎。",
    "教员把政策文件转化为通俗易懂的语言，讲清来龙去脉和实践路径。",
    "课堂设置小组研讨环节，学员分组交流、相互点评、共同进步。",
    "课程特别适合{audience}参加，也可面向其他党员开设。",
    "课程时长可根据点单单位的需要灵活调整。",
    "欢迎各基层党组织根据需要点单，组织部门统筹派单。",
    "如需与现场教学组合，可在点单时一并注明。",
    "课后提供学习资料和延伸阅读书目。",
    "教员会提前了解参训党员的岗位和需求，做到因材施教、量体裁衣。",
    "课程把“请进来”和“走出去”结合起来，邀请基层党组织书记现身说法。",
    "有的单位把本课纳入冬春季党员集中培训，也有的单位用于新党员入党“第一课”。",
    "课程配套线上学习资源，党员可以扫码随时学、反复学。",
    "学员普遍反映，这门课“听得懂、记得住、用得上”。",
    "课程注重把红色资源用活，让党员在现场感悟初心、在对比中看到变化。",
    "针对流动党员和离退休党员，课程可以调整为线上或送学上门的形式。",
    "每期课程结束时，学员填写评估表，评估结果作为教员动态管理的依据。",
    "对于党组织书记，课程还会讲到如何把学习成果转化为支部工作的具体举措。",
    "课程所用案例都来自近年来的基层实践，具体、鲜活，贴近党员的工作和生活。",
]
DESCRIPTION_POINTS = [
    "基本要求：{topic}的主要内容和政策依据",
    "历史脉络：从百年党史中看{topic}的形成与发展",
    "实践案例：{region}的典型做法和经验启示",
    "常见问题：基层党组织工作中容易出现的偏差和纠正办法",
    "方法工具：可直接使用的工作流程、模板和清单",
    "互动研讨：围绕本单位实际问题分组讨论",
    "现场体验：走进教学点位，开展沉浸式学习",
    "学用结合：把学习成果转化为推动工作的具体举措",
    "重温誓词：在党旗下重温入党誓词，锤炼党性",
    "成果转化：形成一份问题清单和一份行动计划",
]
COURSE_HEADINGS = ["课程简介", "课程概况", "为什么开这门课", "课程背景"]
COURSE_LIST_HEADINGS = ["主要内容", "课程要点", "教学安排", "学习收获"]

# --- people ------------------------------------------------------------------------------

SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹孟熊秦邱江尹薛顾"
)
GIVEN_NAMES = [
    "建国",
    "丽华",
    "志强",
    "文斌",
    "晓燕",
    "海涛",
    "春梅",
    "国华",
    "雅萍",
    "若曦",
    "一鸣",
    "文静",
    "小宇",
    "德军",
    "美玲",
    "红波",
    "鹏飞",
    "青松",
    "晓东",
    "立新",
    "玉琴",
    "淑芬",
    "志远",
    "家豪",
    "敏",
    "军",
    "磊",
    "佳",
    "辉",
    "林",
    "杰",
    "静",
    "勇",
    "艳",
    "涛",
    "强",
    "芳",
    "颖",
    "超",
    "婷",
    "思源",
    "明远",
    "卫东",
    "秀英",
    "玉兰",
    "建华",
    "振华",
    "晓峰",
    "红霞",
    "丽娟",
    "永刚",
    "宏伟",
    "雪梅",
    "子涵",
    "欣怡",
    "浩然",
    "梓轩",
    "嘉怡",
    "宇航",
    "天佑",
    "书琴",
    "兰英",
    "桂芳",
    "金龙",
]
POSTS: dict[str, list[str]] = {
    "领导干部": ["区委组织部副部长", "街道党工委书记", "镇党委副书记", "区委宣传部副部长", "区委党校副校长"],
    "党组织书记": ["村党委书记", "社区党委书记", "企业党委书记", "机关党支部书记", "“两新”组织党支部书记"],
    "专家学者": ["党校副教授", "党史党建教研室主任", "马克思主义学院教授", "党校讲师", "地方志办公室研究员"],
    "先锋模范": [
        "全国劳动模范",
        "省级优秀共产党员",
        "首席技师、高级工程师",
        "退役军人志愿服务队队长",
        "乡村振兴带头人",
    ],
    "业务骨干": ["组织科科长", "党建指导员", "党务工作者", "人才发展中心主任", "企业党建工作部部长"],
}
ALL_POSTS = sorted({post for posts in POSTS.values() for post in posts})
ORGANISATIONS: dict[str, list[str]] = {
    "市级": ["中共无锡市委党校", "无锡市委组织部", "江南大学马克思主义学院", "无锡市委党史工作办公室"],
    "区级": ["中共滨湖区委党校", "滨湖区委组织部", "滨湖区委党史工作办公室", "滨湖区退役军人事务局"],
    "镇（街道）级": ["{region}党工委", "{region}党群服务中心", "{region}综合执法局"],
    "村（社区）级": ["{region}{place}社区党委", "{region}{village}村党委", "{place}社区党群服务站"],
}
FIELDS = [
    "党史党建研究",
    "基层党建",
    "社会治理",
    "农村集体经济发展",
    "非公企业党建",
    "党员教育培训",
    "纪检监察",
    "科技服务",
]
CAREERS = [
    "先后在乡镇、街道和区级机关任职",
    "扎根基层二十余年",
    "参与整理地方革命史料二十余万字",
    "带领团队打造多个基层党建品牌",
    "多次承担区级重点班次的授课任务",
    "长期在生产一线带徒传艺",
]
ACHIEVEMENTS = [
    "主讲的专题课入选区级精品党课",
    "牵头编写的党务工作手册在全区推广使用",
    "所在党组织被评为先进基层党组织",
    "总结提炼的工作法被多家媒体报道",
    "开发的现场教学课程受到学员好评",
]
STYLES = [
    "授课风格平实生动，善于用身边事讲身边理",
    "擅长把档案、老照片和口述史融进课堂",
    "讲课注重互动，常用案例分析和情景模拟",
    "善于把政策要求讲成基层听得懂的话",
    "课堂节奏紧凑，注重学用结合",
]
HONOURS = [
    "全国优秀共产党员",
    "江苏省劳动模范",
    "无锡市“三精三名”党课创优活动一等奖",
    "滨湖区优秀党务工作者",
    "滨湖区精品党课主讲人",
    "无锡市五一劳动奖章",
    "江苏省优秀党组织书记",
]

# --- places ------------------------------------------------------------------------------

PLACES = [
    "湖光",
    "蠡湖",
    "雪浪",
    "梅梁",
    "大浮",
    "渔港",
    "长广",
    "太湖湾",
    "山水城",
    "建筑",
    "鸿桥",
    "荣巷",
    "河埒",
    "华庄",
    "马山",
    "胡埭",
    "龙湾",
    "桃坞",
    "景园",
    "锦园",
    "溪南",
    "青祁",
    "隐秀",
    "南泉",
    "湖滨",
    "梁溪",
    "万顺",
    "立新",
    "雪浪山",
    "云湖",
]
VILLAGES = ["龙湾", "桃坞", "南泉", "富安", "马鞍", "杨湾", "嶂青", "和平", "四联", "新巷"]
ROADS = [
    "梁溪路",
    "蠡湖大道",
    "湖滨路",
    "青祁路",
    "建筑路",
    "太湖大道",
    "马山环山西路",
    "华谊路",
    "鸿桥路",
    "胡埭中路",
]
OPENING_HOURS = [
    "周二至周日 9:00—11:30，13:30—17:00（周一闭馆）",
    "工作日 8:30—17:00",
    "每天 9:00—16:30，节假日照常开放",
    "周一至周六 9:00—17:00，团队需提前预约",
]
BOOKING = ["（工作日预约，团队请提前 3 天）", "（预约后安排讲解）", "（请提前一周电话预约）"]
SITE_SENTENCES = [
    "这里是{region}党员教育阵地体系中的重要一环，常年承接现场教学和主题党日活动。",
    "展陈以“初心·使命·奋斗”为主线，图文、实物和多媒体相结合。",
    "点位配有多功能报告厅，可开展专题党课和重温入党誓词活动。",
    "讲解员由党员志愿者和先锋模范担任，讲解时长约 40 分钟。",
    "近年来累计接待各类党员培训班次数百批，参观党员逾万人次。",
    "点位周边还有村史馆、党建长廊等资源，可串联成半日教学线路。",
    "这里记录了{region}从城郊乡村到产业新城的变化，是了解基层治理的窗口。",
    "欢迎各基层党组织根据需要预约，组织部门统筹安排。",
    "课后提供学习资料和延伸阅读书目。",
]
SITE_POINTS = [
    "展区：百年征程、时代变迁、组织力量、先锋风采",
    "活动：重温入党誓词、主题党日、专题党课",
    "特色：“1+7+78+N”阵地体系中的示范点",
    "服务：提供讲解、场地预约和学习资料",
    "体验：情景模拟、互动答题和沉浸式参观",
]
ROUTE_MOTTOS = [
    "红色足迹",
    "初心之旅",
    "湖湾治理",
    "强村富民",
    "科创先锋",
    "清风廉韵",
    "生态画卷",
    "匠心传承",
    "党建引领",
]
ROUTE_POINTS = [
    "第一站：了解阵地体系和基层党建品牌",
    "途中：观看专题片，聆听老党员讲述",
    "重点站：现场教学与重温入党誓词",
    "末站：座谈交流，形成学习体会",
    "可选：与专题党课组合，安排半日集中学习",
]
ROUTE_SENTENCES = [
    "路线串联{count}个教学点位，一天之内完成参观、讲解和现场研讨。",
    "每一站都安排了讲解员和现场教学内容，站与站之间车程较短。",
    "适合各类党组织开展主题党日和集中培训时选用。",
    "路线可按单位需要调整站点顺序，也可与专题党课组合点单。",
    "沿途可以看到滨湖区在基层治理、乡村振兴和产业发展上的新变化。",
    "欢迎各基层党组织根据需要点单，组织部门统筹派单。",
    "路线全程有讲解员陪同，午餐可在沿线党群服务中心就近安排。",
]
TEACHINGS = [
    "参观展陈，听取讲解",
    "重温入党誓词",
    "现场教学：听老党员讲故事",
    "座谈交流，分享学习体会",
    "观摩基层治理现场",
    "实地了解集体经济项目",
    "情景模拟：党支部主题党日",
    "观看专题片并开展研讨",
]


def fit(rng: random.Random, make: Callable[[random.Random], str], low: int, high: int) -> str:
    """Call `make` until its text has between `low` and `high` characters."""
    for _ in range(200):
        text = make(rng)
        if low <= len(text) <= high:
            return text
    raise ValueError(f"could not compose a text of {low}-{high} characters")  # pragma: no cover


def title(rng: random.Random, topic: str) -> str:
    """A course title of 8 to 20 characters."""
    candidates = [
        text
        for text in (
            [f"{prefix}{topic}" for prefix in TITLE_PREFIXES]
            + [f"{topic}{suffix}" for suffix in TITLE_SUFFIXES]
            + [f"{prefix}{topic}{suffix}" for prefix in TITLE_PREFIXES for suffix in TITLE_SUFFIXES]
        )
        if 8 <= len(text) <= 20
    ]
    return rng.choice(candidates)


def summary(rng: random.Random, topic: str, fmt: str, audience: str, low: int = 40, high: int = 90) -> str:
    def make(r: random.Random) -> str:
        text = f"本课围绕{topic}，{r.choice(ANGLES)}。"
        text += r.choice(METHODS).format(fmt=fmt) + f"，{r.choice(BENEFITS)}。"
        if r.random() < 0.5:
            text += f"适合{audience}等对象学习。"
        return text

    return fit(rng, make, low, high)


def markdown(
    rng: random.Random,
    low: int,
    high: int,
    sentences: list[str],
    points: list[str],
    headings: tuple[list[str], list[str]],
    values: dict[str, str],
) -> str:
    """Markdown of `low` to `high` characters: two headings, short paragraphs, a 3–6 item list."""
    target = rng.randint(low, high)
    heading, list_heading = (rng.choice(options) for options in headings)
    spare = [s.format(**values) for s in sentences]
    spare_points = [p.format(**values) for p in points]
    rng.shuffle(spare)
    rng.shuffle(spare_points)
    paragraphs = [[spare.pop(), spare.pop()]]
    items = [spare_points.pop() for _ in range(3)]
    closing = [spare.pop()]

    def render() -> str:
        body = "\n\n".join("".join(p) for p in paragraphs)
        listing = "\n".join(f"- {item}；" for item in items[:-1]) + f"\n- {items[-1]}。"
        return f"## {heading}\n\n{body}\n\n## {list_heading}\n\n{listing}\n\n{''.join(closing)}"

    text = render()
    while len(text) < target:
        if spare_points and len(items) < 6 and rng.random() < 0.3:
            grown = items
            items.append(spare_points.pop())
        elif not spare:
            break
        elif len(paragraphs[-1]) < 4:
            grown = paragraphs[-1]
            grown.append(spare.pop())
        elif len(paragraphs) < 4:
            paragraphs.append([spare.pop()])
            grown = paragraphs
        elif len(closing) < 3:
            grown = closing
            closing.append(spare.pop())
        else:
            break
        if len(render()) > high:
            grown.pop()
            break
        text = render()
    if len(text) < low:
        raise ValueError(f"pools too small for {low} characters")  # pragma: no cover
    return text


def course_description(rng: random.Random, values: dict[str, str], low: int = 300, high: int = 800) -> str:
    headings = (COURSE_HEADINGS, COURSE_LIST_HEADINGS)
    return markdown(rng, low, high, DESCRIPTION_SENTENCES, DESCRIPTION_POINTS, headings, values)


def site_description(rng: random.Random, values: dict[str, str]) -> str:
    headings = (["点位简介", "阵地概况"], ["展陈与活动", "可以开展的教学"])
    return markdown(rng, 150, 400, SITE_SENTENCES, SITE_POINTS, headings, values)


def route_description(rng: random.Random, values: dict[str, str]) -> str:
    headings = (["路线简介", "线路概况"], ["沿途看点", "教学安排"])
    return markdown(rng, 150, 350, ROUTE_SENTENCES, ROUTE_POINTS, headings, values)


def route_summary(rng: random.Random, theme: str, count: int) -> str:
    def make(r: random.Random) -> str:
        return f"以“{theme}”为主题，串联{count}个教学点位，{r.choice(ANGLES)}。{r.choice(BENEFITS)}。"

    return fit(rng, make, 40, 90)


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def bio(rng: random.Random, organisation: str, post: str, low: int = 80, high: int = 200) -> str:
    """A teacher's biography: who, what work, what results, how they teach."""

    def make(r: random.Random) -> str:
        target = r.randint(low, high)
        text = f"现任{organisation}{post}，长期从事{r.choice(FIELDS)}工作，{r.choice(CAREERS)}。"
        extras = [
            f"{r.choice(STYLES)}。",
            *(f"{a}。" for a in r.sample(ACHIEVEMENTS, 2)),
            f"近年来主讲{r.choice(ALL_TOPICS)}等专题课，累计授课{r.randint(2, 30) * 10}余场。",
            f"曾获{r.choice(HONOURS)}等荣誉。",
            f"{r.choice(CAREERS)}，熟悉基层情况。",
        ]
        r.shuffle(extras)
        while extras and len(text) < target:
            text += extras.pop()
        return text

    return fit(rng, make, low, high)
