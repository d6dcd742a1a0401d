"""Demo data: the Yulin high-tech zone implementation plan, its units, users and months of reports.

Everything is written through the services, as a planner and the units' liaisons would. Running it
again adds nothing twice: existing users, units and the plan are found and left as they are.
"""

import json
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import DateTimeField
from django.utils import timezone

from organisation.choices import MembershipRole, StaffRole, UnitKind, ZoneLevel
from organisation.models import Membership, Unit, UnitAlias, Zone, ZoneRole
from plans import services
from plans.choices import PlanKind
from plans.models import Plan, Task

DEMO_PASSWORD = "zoneplan-demo"  # noqa: S105 - documented demo logins
PLAN_FILE = Path(__file__).with_name("yulin_plan.json")
ALIASES = {"市发展改革委": ["市发改委"], "市工业和信息化局": ["市工信局"], "市市场监管局": ["市场监管局"]}
UNIT_KINDS = {
    "玉林高新区管委": UnitKind.COMMITTEE_DEPARTMENT,
    "各县（市、区）人民政府": UnitKind.COUNTY_GOVERNMENT,
}
SHORT_NAMES = {"玉林高新区管委": "高新区管委", "各县（市、区）人民政府": "各县（市、区）政府"}


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    description: str


DEMO_USERS = [
    DemoUser("admin", "系统管理员", "admin — everything, the Django admin"),
    DemoUser("planner", "管委会办公室 王敏", "planner — edits plans, reviews reports"),
    DemoUser("leader", "常务副主任 李强", "leader — reads everything, writes instructions"),
    DemoUser("reporter", "市科技局 联络员 张伟", "reporter — liaison of 市科技局"),
    DemoUser("reporter2", "市自然资源局 联络员 刘洋", "reporter — liaison of 市自然资源局"),
    DemoUser("stats", "高新区经济发展局 统计员 陈静", "reporter — enters the zone's economic indicators"),
]


def load_demo(*, today: date | None = None, stdout=None) -> bool:
    """Load the demo; return True if the plan was created now, False if it was there already."""
    today = today or timezone.localdate()
    with transaction.atomic():
        zone, _ = Zone.objects.get_or_create(
            code="yulin-hitech", defaults={"name": "玉林高新技术产业开发区", "level": ZoneLevel.PROVINCIAL}
        )
        data = json.loads(PLAN_FILE.read_text(encoding="utf-8"))
        units = _units(data, zone)
        users = _users(zone, units)
        if Plan.objects.filter(zone=zone, title=data["title"]).exists():
            return False
        with dated(timezone.make_aware(datetime(today.year, 1, 6, 9))):  # written at the start of the year
            plan = _plan(data, zone, units, planner=users["planner"], leader=users["leader"], year=today.year)
        _reports(plan, users, today=today)
    return True


def _units(data: dict, zone: Zone) -> dict[str, Unit]:
    names = sorted(
        {
            name
            for section in data["sections"]
            for task in section["tasks"]
            for name in task["lead"] + task["cooperating"]
        }
    )
    units = {}
    for name in names:
        kind = UNIT_KINDS.get(name, UnitKind.CITY_DEPARTMENT)
        units[name], _ = Unit.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "short_name": SHORT_NAMES.get(name, ""),
                "zone": zone if kind == UnitKind.COMMITTEE_DEPARTMENT else None,
            },
        )
        for alias in ALIASES.get(name, []):
            UnitAlias.objects.get_or_create(name=alias, defaults={"unit": units[name]})
    return units


def _users(zone: Zone, units: dict[str, Unit]) -> dict:
    user_model = get_user_model()
    users = {}
    for demo in DEMO_USERS:
        user, created = user_model.objects.get_or_create(username=demo.username)
        if created:
            user.first_name = demo.full_name
            user.is_staff = user.is_superuser = demo.username == "admin"
            user.set_password(DEMO_PASSWORD)
            user.save()
        users[demo.username] = user
    ZoneRole.objects.get_or_create(user=users["planner"], role=StaffRole.PLANNER, zone=zone)
    ZoneRole.objects.get_or_create(user=users["leader"], role=StaffRole.LEADER, zone=None)
    Membership.objects.get_or_create(
        user=users["reporter"], unit=units["市科技局"], defaults={"role": MembershipRole.LIAISON}
    )
    Membership.objects.get_or_create(
        user=users["reporter2"], unit=units["市自然资源局"], defaults={"role": MembershipRole.LIAISON}
    )
    return users


def _deadline(index: int, year: int) -> tuple[date, str]:
    """Spread deadlines over the plan's two years the way plans write them."""
    choices = [
        (date(year, 3, 31), f"{year}年3月底前"),
        (date(year, 6, 30), f"{year}年6月底前"),
        (date(year, 9, 30), f"{year}年9月底前"),
        (date(year, 12, 31), "年底前"),
        (date(year + 1, 6, 30), f"{year + 1}年6月底前"),
    ]
    return choices[index % len(choices)]


def _plan(data: dict, zone: Zone, units: dict[str, Unit], *, planner, leader, year: int) -> Plan:
    plan = services.plan_create(
        actor=planner,
        zone=zone,
        title=data["title"],
        kind=PlanKind.IMPLEMENTATION,
        year=year,
        start_date=date(year, 1, 1),
        end_date=date(year + 1, 12, 31),
    )
    index = 0
    for section in data["sections"]:
        heading = services.task_create(
            actor=planner, plan=plan, title=section["title"], label=section["label"], is_section=True
        )
        for item in section["tasks"]:
            deadline, deadline_text = _deadline(index, year)
            services.task_create(
                actor=planner,
                plan=plan,
                parent=heading,
                label=item["label"],
                title=item["title"],
                body=item["body"],
                lead_units=[units[name] for name in item["lead"]],
                cooperating_units=[units[name] for name in item["cooperating"]],
                deadline=deadline,
                deadline_text=deadline_text,
                responsible_leader=leader if section["label"] in ("一、", "二、", "三、") else None,
            )
            index += 1
    return services.plan_publish(actor=planner, plan=plan)


def _reports(plan: Plan, users: dict, *, today: date) -> None:
    """Monthly reports of the lead units over the last months, mostly accepted, one returned."""
    members = {"市科技局": users["reporter"], "市自然资源局": users["reporter2"]}
    months = [m for m in range(max(1, today.month - 5), today.month + 1)]
    tasks = (
        Task.objects.filter(plan=plan, is_section=False)
        .prefetch_related("lead_units")
        .order_by("parent__position", "position")
    )
    for index, task in enumerate(tasks):
        if index % 4 == 3:
            continue  # some tasks have not been reported on yet
        lead = task.lead_units.all()[0]
        author = members.get(lead.name, users["admin"])
        reported = months[-(2 + index % 4) :]
        finished = task.deadline < today and index % 2 == 0
        for step, month in enumerate(reported, start=1):
            last = step == len(reported)
            percent = 100 if finished and last else min(95, 10 + step * (8 + index % 5 * 4))
            day = date(today.year, month, min(25, today.day if month == today.month else 25))
            at = min(timezone.make_aware(datetime.combine(day, time(10))), timezone.now())
            with dated(at):
                _report_step(
                    task,
                    users,
                    author=author,
                    lead=lead,
                    percent=percent,
                    at=at,
                    step=step,
                    index=index,
                    last=last,
                    finished=finished,
                )
            task.refresh_from_db()
        if finished:
            with dated(min(at + timedelta(days=3), timezone.now())):
                services.closeout_apply(
                    actor=author, task=task, evidence="各项工作已按方案完成，佐证材料已归档。"
                )
                services.closeout_verify(actor=users["planner"], task=task)


def _report_step(
    task, users, *, author, lead, percent: int, at, step: int, index: int, last: bool, finished: bool
):
    """One month's report of a task and its review (the first of some returned, the others accepted)."""
    report = services.progress_submit(
        actor=author,
        task=task,
        unit=lead,
        percent=percent,
        narrative=f"{task.title}：已完成阶段工作，累计完成{percent}%。",
        problems="" if percent > 50 else "资金和用地指标尚未完全落实。",
        next_steps="按计划推进，确保按期完成。",
        at=at,
    )
    if index % 6 == 1 and step == 1:
        services.progress_review(
            actor=users["planner"], report=report, accept=False, comment="请补充量化进展数据和佐证材料。"
        )
    elif not last or finished:
        services.progress_review(actor=users["planner"], report=report, accept=True)


@contextmanager
def dated(at: datetime):
    """What the block writes carries the moment `at` (a report's day in the months the demo spans), not the
    moment the demo is loaded: the plans' rows and history rows, reviews, last reports, decisions."""
    mark = timezone.now()
    yield
    for model in apps.get_app_config("plans").get_models():  # the history models among them
        for field in model._meta.concrete_fields:
            if isinstance(field, DateTimeField) and field.name not in ("submitted_at",):
                model.objects.filter(**{f"{field.name}__gte": mark}).update(**{field.name: at})


def describe_logins() -> str:
    lines = [f"Demo logins (password: {DEMO_PASSWORD}):"]
    lines += [f"  {user.username:<10} {user.description}" for user in DEMO_USERS]
    return "\n".join(lines)
