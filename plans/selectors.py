"""Reads shared by the API, the pages and the dashboards, each scoped to what the user may see."""

from collections import defaultdict

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from organisation.models import Unit, Zone
from organisation.roles import roles_of
from plans.choices import OPEN_TASK_STATUSES, PlanStatus, TaskStatus
from plans.models import Plan, ProgressReport, Task
from plans.overdue import is_overdue
from zoneplan.core.choices import Colour
from zoneplan.core.instances import loaded_instances

UNIT_FIELDS = ("id", "name", "short_name")


def plans_visible_to(user) -> QuerySet[Plan]:
    """Published and archived plans for everyone signed in; drafts for the zone's planners and leaders."""
    roles = roles_of(user)
    plans = Plan.objects.select_related("zone")
    if roles.is_admin or roles.planner_everywhere or roles.leader_everywhere:
        return plans
    overseen = roles.planner_zone_ids | roles.leader_zone_ids
    return plans.filter(~Q(status=PlanStatus.DRAFT) | Q(zone_id__in=overseen))


def zones_planned_by(user) -> QuerySet[Zone]:
    """The zones in which `user` may create or import plans."""
    roles = roles_of(user)
    if roles.is_admin or roles.planner_everywhere:
        return Zone.objects.all()
    return Zone.objects.filter(pk__in=roles.planner_zone_ids)


def tasks_visible_to(user) -> QuerySet[Task]:
    """The tasks `user` may see, with their plan and their units as objects (for a write's checks and the
    service; lists drop them for the rows' links, `plans.rows`)."""
    units = Unit.objects.only(*UNIT_FIELDS).order_by("name")
    return (
        Task.objects.filter(plan__in=plans_visible_to(user))
        .select_related("plan")
        .prefetch_related(
            Prefetch("lead_units", queryset=units), Prefetch("cooperating_units", queryset=units)
        )
        .order_by("plan_id", "parent_id", "position", "id")
    )


def lead_unit_ids(task_ids) -> dict[int, list[int]]:
    """The lead units' ids of these tasks, each task's in the units' order: one query, no unit instance."""
    leads = defaultdict(list)
    links = Task.lead_units.through.objects.filter(task_id__in=list(task_ids)).order_by(
        "unit__name", "unit_id"
    )
    for task_id, unit_id in links.values_list("task_id", "unit_id"):
        leads[task_id].append(unit_id)
    return leads


def unit_involved(unit_ids) -> Q:
    """Tasks that any of `unit_ids` leads or cooperates on, without joins that duplicate rows: one IN over
    both link tables, which the database answers from their unit indexes (a correlated EXISTS per task took
    0.5 s at 100,000 tasks). UNION ALL, not UNION: IN ignores the repeats, and PostgreSQL then reads the tasks
    by id instead of scanning them all (a unit's count at scale 1: 40 → 7 ms)."""
    unit_ids = list(unit_ids)
    lead = Task.lead_units.through.objects.filter(unit_id__in=unit_ids).values("task_id")
    cooperating = Task.cooperating_units.through.objects.filter(unit_id__in=unit_ids).values("task_id")
    return Q(pk__in=lead.union(cooperating, all=True))


def reports_visible_to(user) -> QuerySet[ProgressReport]:
    """Planners and leaders see every report of the plans they see; reporters those of their units' tasks."""
    roles = roles_of(user)
    reports = ProgressReport.objects.filter(task__plan__in=plans_visible_to(user)).select_related(
        "unit", "author", "reviewed_by", "task__plan"
    )
    if roles.is_planner or roles.is_leader:
        return reports.prefetch_related("attachments")
    involved_tasks = Task.objects.filter(unit_involved(roles.unit_ids)).values("pk")
    return reports.filter(task__in=involved_tasks).prefetch_related("attachments")


def leader_portfolio(user) -> list[Task]:
    """The open tasks a leader is in charge of, coloured, worst first: what their home shows first."""
    from plans.rows import task_rows

    if not roles_of(user).is_leader:
        return []
    mine = (
        tasks_visible_to(user)
        .prefetch_related(None)
        .filter(responsible_leader=user, is_section=False, status__in=OPEN_TASK_STATUSES)
    )
    tasks = task_rows(mine[:50], today=timezone.localdate())
    order = {"red": 0, "yellow": 1, "green": 2}
    return sorted(tasks, key=lambda task: (order.get(task.colour, 3), task.deadline or timezone.localdate()))


MY_TASK_FIELDS = (
    "id",
    "plan_id",
    "label",
    "title",
    "deadline",
    "percent",
    "status",
    "reporting_cycle",
    "last_reported_at",
    "is_section",
    "stages",
)


def my_tasks(user, *, today=None) -> dict[str, list[Task]]:
    """The task items where the user's units lead or cooperate, as rows without their units (the list shows
    none), grouped as a reporter works through them: overdue, due this period (no live report from one of my
    units yet), behind the time schedule (reported, yellow or red), on track (reported, green), done."""
    from plans.periods import period_start
    from plans.rows import task_rows

    today = today or timezone.localdate()
    roles = roles_of(user)
    mine = (
        tasks_visible_to(user)
        .select_related(None)  # each plan read once below, not joined to 1,000 rows
        .prefetch_related(None)
        .filter(unit_involved(roles.unit_ids), is_section=False, plan__status=PlanStatus.PUBLISHED)
        .order_by()  # sorted by group below
    )
    tasks = loaded_instances(mine, only=MY_TASK_FIELDS)  # what the list shows and colours by
    plans = Plan.objects.in_bulk({task.plan_id for task in tasks})
    for task in tasks:
        Task.plan.field.set_cached_value(task, plans[task.plan_id])
    tasks = task_rows(tasks, today=today, links=False)
    periods = {period_start(cycle, today) for cycle in {task.reporting_cycle for task in tasks}}
    reported = set(  # my units' live reports of the current periods, by the unit's index (not 1,000 task ids)
        ProgressReport.objects.filter(unit_id__in=roles.unit_ids, period__in=periods)
        .exclude(review_state="returned")
        .order_by()
        .values_list("task_id", "period")
    )
    groups: dict[str, list[Task]] = {"overdue": [], "due": [], "behind": [], "on_track": [], "done": []}
    for task in tasks:
        if task.status in (TaskStatus.DONE, TaskStatus.SUSPENDED):
            groups["done"].append(task)
        elif is_overdue(task, today=today):
            groups["overdue"].append(task)
        elif (task.pk, period_start(task.reporting_cycle, today)) not in reported:
            groups["due"].append(task)
        elif task.colour == Colour.GREEN:
            groups["on_track"].append(task)
        else:  # reported, but yellow or red: behind the time schedule, not "on track"
            groups["behind"].append(task)
    for group in groups.values():
        group.sort(key=lambda task: (task.deadline or today.replace(year=today.year + 50), task.pk))
    return groups


def review_queue(user) -> QuerySet[ProgressReport]:
    """Submitted reports of the plans the user plans, oldest first."""
    roles = roles_of(user)
    reports = reports_visible_to(user).filter(review_state="submitted").order_by("submitted_at", "id")
    if roles.is_admin or roles.planner_everywhere:
        return reports
    return reports.filter(task__plan__zone_id__in=roles.planner_zone_ids)
