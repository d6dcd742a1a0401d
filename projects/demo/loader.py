"""Demo key projects: names, investors, figures and stages from the zone documents in shared/data.

Written through the services as the planner and the responsible units would; dates are relative
to today so the demo always shows projects on time and late. Loading again adds nothing.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from organisation.models import Membership, Unit, Zone
from projects import services
from projects.choices import STAGE_ORDER, ProjectCategory, ProjectLevel, ProjectStage
from projects.models import Project

S = ProjectStage
IND, INFRA, SOCIAL = ProjectCategory.INDUSTRIAL, ProjectCategory.INFRASTRUCTURE, ProjectCategory.SOCIAL
PROV, CITY, DIST = ProjectLevel.PROVINCIAL, ProjectLevel.CITY, ProjectLevel.DISTRICT


@dataclass(frozen=True)
class DemoProject:
    name: str
    investor: str
    industry: str
    category: str
    level: str
    stage: str
    total: int  # 万元
    this_year: int  # 万元
    land: int | None  # 亩
    floor: int | None  # ㎡
    unit: str
    started_months_ago: int | None = None
    completed_months_ago: int | None = None


PROJECTS = [
    DemoProject(
        "华瑞微半导体IDM芯片项目",
        "华瑞微半导体有限公司",
        "集成电路",
        IND,
        PROV,
        S.UNDER_CONSTRUCTION,
        300000,
        60000,
        520,
        210000,
        "市科技局",
        14,
    ),
    DemoProject(
        "尚德抗癌新药研发及中试基地项目",
        "尚德医药科技有限公司",
        "生物医药",
        IND,
        CITY,
        S.UNDER_CONSTRUCTION,
        35000,
        8000,
        80,
        46000,
        "市科技局",
        8,
    ),
    DemoProject(
        "一康益生菌研发与中试项目",
        "一康生物科技有限公司",
        "生物医药",
        IND,
        CITY,
        S.COMPLETED,
        12000,
        3000,
        40,
        18000,
        "市科技局",
        14,
        1,
    ),
    DemoProject(
        "南浦合作一期标准化厂房项目",
        "玉林高新区开发投资有限公司",
        "标准厂房",
        INFRA,
        CITY,
        S.LAND_SUPPLIED,
        45000,
        12000,
        300,
        150000,
        "玉林高新区管委",
    ),
    DemoProject(
        "东方乳品新厂区项目",
        "东方乳品有限公司",
        "食品加工",
        IND,
        CITY,
        S.SIGNED,
        28000,
        5000,
        150,
        60000,
        "市自然资源局",
    ),
    DemoProject(
        "园区邻里中心项目",
        "玉林高新区开发投资有限公司",
        "公共服务",
        SOCIAL,
        DIST,
        S.LAND_SUPPLIED,
        8000,
        3000,
        25,
        21000,
        "市自然资源局",
    ),
    DemoProject(
        "浙江蓝之梦纺织项目（首期）",
        "浙江蓝之梦纺织有限公司",
        "纺织服装",
        IND,
        DIST,
        S.STARTED,
        3500,
        2000,
        30,
        16000,
        "市工业和信息化局",
        2,
    ),
    DemoProject(
        "兰溪华龙纺织项目（首期）",
        "兰溪华龙纺织有限公司",
        "纺织服装",
        IND,
        DIST,
        S.UNDER_CONSTRUCTION,
        2500,
        1500,
        22,
        12000,
        "市工业和信息化局",
        6,
    ),
    DemoProject(
        "蓝海压缩机项目",
        "兰溪蓝海压缩机有限公司",
        "装备制造",
        IND,
        DIST,
        S.IN_PRODUCTION,
        3000,
        800,
        26,
        14000,
        "市工业和信息化局",
        16,
        3,
    ),
    DemoProject(
        "福布尔服饰项目",
        "福布尔服饰有限公司",
        "纺织服装",
        IND,
        DIST,
        S.UNDER_CONSTRUCTION,
        5000,
        3000,
        35,
        22000,
        "市工业和信息化局",
        7,
    ),
    DemoProject(
        "凯丽国际轻工产业园项目",
        "香港凯丽国际有限公司",
        "五金水暖",
        IND,
        CITY,
        S.NEGOTIATING,
        4000,
        0,
        40,
        None,
        "市投资促进局",
    ),
    DemoProject(
        "海特尔水果深加工项目",
        "海特尔食品有限公司",
        "绿色食品",
        IND,
        CITY,
        S.UNDER_CONSTRUCTION,
        15000,
        4000,
        120,
        30000,
        "市投资促进局",
        9,
    ),
    DemoProject(
        "威力智能科技项目",
        "威力智能科技有限公司",
        "智能制造",
        IND,
        CITY,
        S.STARTED,
        20000,
        6000,
        90,
        52000,
        "市工业和信息化局",
        1,
    ),
    DemoProject(
        "拓慧交通装备项目",
        "拓慧交通科技有限公司",
        "内燃机",
        IND,
        PROV,
        S.IN_PRODUCTION,
        18000,
        2500,
        85,
        48000,
        "市工业和信息化局",
        20,
        4,
    ),
    DemoProject(
        "丰达兴新材料项目",
        "丰达兴新材料有限公司",
        "新能源材料",
        IND,
        CITY,
        S.COMPLETED,
        22000,
        7000,
        100,
        56000,
        "市科技局",
        13,
        1,
    ),
    DemoProject(
        "伍子醉酒业技改项目",
        "伍子醉酒业有限公司",
        "绿色食品",
        IND,
        DIST,
        S.IN_PRODUCTION,
        9000,
        1500,
        None,
        9000,
        "市工业和信息化局",
        15,
        5,
    ),
    DemoProject(
        "翁垟片市级示范标准厂房（二期）",
        "玉林高新区开发投资有限公司",
        "标准厂房",
        INFRA,
        CITY,
        S.UNDER_CONSTRUCTION,
        18700,
        9000,
        95,
        130000,
        "市住房城乡建设局",
        11,
    ),
    DemoProject(
        "滨河路拓宽改造工程",
        "玉林高新区管委",
        "市政道路",
        INFRA,
        DIST,
        S.COMPLETED,
        680,
        400,
        None,
        None,
        "市住房城乡建设局",
        9,
        2,
    ),
    DemoProject(
        "园区污水处理厂扩建工程",
        "玉林高新区开发投资有限公司",
        "环保设施",
        INFRA,
        CITY,
        S.UNDER_CONSTRUCTION,
        12000,
        5000,
        45,
        8000,
        "市生态环境局",
        5,
    ),
    DemoProject(
        "园区增量配电网项目",
        "玉林高新区配售电有限公司",
        "能源设施",
        INFRA,
        CITY,
        S.PLANNING,
        26000,
        0,
        15,
        None,
        "市发展改革委",
    ),
]

MILESTONES_AFTER_START = [
    ("取得施工许可证", -1),
    ("主体结构封顶", 5),
    ("设备安装调试", 9),
    ("竣工验收", 12),
    ("投产达效", 14),
]
MILESTONES_BEFORE_START = [("完成土地摘牌", -2), ("取得施工许可证", 1), ("开工建设", 2)]
ISSUES = [
    ("施工临时用电尚未接入，影响设备进场。", "市发展改革委"),
    ("用地指标未落实，土地摘牌推迟。", "市自然资源局"),
    ("环评批复尚未取得。", "市生态环境局"),
    ("熟练技术工人招聘困难。", "市人力资源社会保障局"),
]


def months_ago(today: date, months: int, day: int = 15) -> date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return date(year, month + 1, day)


def load_project_demo(*, today: date | None = None) -> bool:
    """Load the demo projects of the demo zone; False if they are there already."""
    today = today or timezone.localdate()
    zone = Zone.objects.get(code="yulin-hitech")
    if Project.objects.filter(zone=zone, year=today.year).exists():
        return False
    users = {user.username: user for user in get_user_model().objects.filter(username__in=_demo_usernames())}
    units = {
        unit.name: unit
        for unit in Unit.objects.filter(name__in={p.unit for p in PROJECTS} | {u for _, u in ISSUES})
    }
    members = {m.unit.name: m.user for m in Membership.objects.select_related("unit", "user")}
    with transaction.atomic():
        for index, spec in enumerate(PROJECTS):
            project = _project(spec, zone=zone, units=units, users=users, today=today)
            reporter = members.get(spec.unit, users["admin"])
            _milestones(project, spec, index=index, planner=users["planner"], reporter=reporter, today=today)
            _reports(project, spec, index=index, reporter=reporter, today=today)
            _issues(project, index=index, units=units, reporter=reporter, today=today)
    return True


def _demo_usernames() -> list[str]:
    return ["admin", "planner", "leader", "reporter", "reporter2"]


def _project(spec: DemoProject, *, zone, units, users, today: date) -> Project:
    started = months_ago(today, spec.started_months_ago, 8) if spec.started_months_ago is not None else None
    completed = (
        months_ago(today, spec.completed_months_ago, 20) if spec.completed_months_ago is not None else None
    )
    planned_start = started or months_ago(today, -2, 1)
    return services.project_create(
        actor=users["planner"],
        zone=zone,
        year=today.year,
        name=spec.name,
        investor=spec.investor,
        industry=spec.industry,
        category=spec.category,
        level=spec.level,
        stage=spec.stage,
        total_investment=Decimal(spec.total),
        year_planned_investment=Decimal(spec.this_year),
        land_area=Decimal(spec.land) if spec.land is not None else None,
        floor_area=Decimal(spec.floor) if spec.floor is not None else None,
        planned_start=planned_start,
        planned_completion=planned_start + timedelta(days=400),
        actual_start=started,
        actual_completion=completed,
        responsible_unit=units[spec.unit],
        responsible_leader=users["leader"],
        service_officer=users["planner"],
    )


def _milestones(project, spec: DemoProject, *, index: int, planner, reporter, today: date) -> None:
    started = spec.started_months_ago is not None
    anchor = spec.started_months_ago if started else -2
    schedule = MILESTONES_AFTER_START if started else MILESTONES_BEFORE_START
    finished = STAGE_ORDER.index(S(spec.stage)) >= STAGE_ORDER.index(S.COMPLETED)
    planned_dates = [months_ago(today, anchor - offset, 28) for _, offset in schedule]
    due = [planned for planned in planned_dates if planned < today]
    late_one = due[-1] if due and index % 3 == 0 and not finished else None  # this project is behind
    for (name, _), planned in zip(schedule, planned_dates, strict=True):
        milestone = services.milestone_create(actor=planner, project=project, name=name, planned_date=planned)
        if planned >= today or planned == late_one:
            continue
        reached = planned + timedelta(days=(index % 4) * 6 - 6)
        services.milestone_record(
            actor=reporter, milestone=milestone, expected_version=1, actual_date=min(reached, today)
        )


def _reports(project, spec: DemoProject, *, index: int, reporter, today: date) -> None:
    """Twelve months of investment reports, from the start of works to last month."""
    if spec.started_months_ago is None or not spec.this_year:
        return
    monthly = Decimal(spec.this_year) / 12
    for back in range(min(12, spec.started_months_ago), 0, -1):
        month = months_ago(today, back)
        share = Decimal("0.6") + Decimal((index * 7 + back * 3) % 9) / 10
        services.report_submit(
            actor=reporter,
            project=project,
            year=month.year,
            month=month.month,
            month_investment=(monthly * share).quantize(Decimal("0.01")),
            narrative=f"{month.month}月完成投资，{project.name}按计划推进。",
        )


def _issues(project, *, index: int, units, reporter, today: date) -> None:
    description, unit_name = ISSUES[index % len(ISSUES)]
    if index % 3 == 1:
        services.issue_create(
            actor=reporter,
            project=project,
            description=description,
            responsible_unit=units[unit_name],
            raised_on=today - timedelta(days=40),
            due_date=today - timedelta(days=10),
        )
    elif index % 3 == 2:
        issue = services.issue_create(
            actor=reporter,
            project=project,
            description=description,
            responsible_unit=units[unit_name],
            raised_on=today - timedelta(days=60),
            due_date=today - timedelta(days=30),
        )
        services.issue_resolve(
            actor=reporter,
            issue=issue,
            expected_version=1,
            resolution="经管委会协调，已落实解决。",
            resolved_on=today - timedelta(days=35),
        )
