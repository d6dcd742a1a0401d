"""Reads shared by the API, the pages and the dashboards, each scoped to what the user may see."""

from collections import defaultdict

from django.db.models import Prefetch, Q, QuerySet, Value
from django.utils import timezone

from organisation.models import Unit, Zone
from organisation.roles import roles_of
from plans.choices import OPEN_TASK_STATUSES, UNFLAGGED_STATUSES, PlanStatus, TaskStatus
from plans.models import Plan, ProgressReport, Task, TaskTarget
from zoneplan.core.instances import loaded_instances

UNIT_FIELDS = ("id", "name", "short_name")


def _unit_prefetches() -> list[Prefetch]:
    units = Unit.objects.only(*UNIT_FIELDS).order_by("name")
    return [Prefetch("lead_units", queryset=units), Prefetch("cooperating_units", queryset=units)]


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
    return (
        Task.objects.filter(plan__in=plans_visible_to(user))
        .select_related("plan")
        .prefetch_related(*_unit_prefetches())
        .order_by("plan_id", "parent_id", "position", "id")
    )


def lead_unit_ids(task_ids) -> dict[int, list[int]]:
    """The lead units' ids of these tasks, each task's in the units' order: one query, no unit instance."""
    leads = defaultdict(list)
    links = Task.lead_units.through.objects.filter(task_id__in=list(task_ids)).order_by("unit__name", "unit_id")
    for task_id, unit_id in links.values_list("task_id", "unit_id"):
        leads[task_id].append(unit_id)
    return leads


def unit_involved(unit_ids) -> Q:
    """Tasks that any of `unit_ids` leads or cooperates on, without joins that duplicate rows: one IN over both
    link tables, which the database answers from their unit indexes (a correlated EXISTS per task took 0.5 s at
    100,000 tasks). UNION ALL, not UNION: IN ignores the repeats, and PostgreSQL then reads the tasks by id
    instead of scanning them all (a unit's count at scale 1: 40 → 7 ms)."""
    unit_ids = list(unit_ids)
    lead = Task.lead_units.through.objects.filter(unit_id__in=unit_ids).values("task_id")
    cooperating = Task.cooperating_units.through.objects.filter(unit_id__in=unit_ids).values("task_id")
    return Q(pk__in=lead.union(cooperating, all=True))


def overdue_q(*, today=None, prefix: str = "") -> Q:
    """The one definition of overdue: flagged by the daily scan, or lapsed since (`lapsed_q`). Every list, count,
    filter and figure reads it, so that none disagrees with another before the night's scan; `prefix` for a
    related model."""
    return Q(**{f"{prefix}status": TaskStatus.OVERDUE}) | lapsed_q(today=today, prefix=prefix)


def lapsed_q(*, today=None, prefix: str = "") -> Q:
    """Open tasks past their deadline that the daily scan has not flagged yet (due since its last run, or given a
    past deadline): the part of `overdue_q` that the counts kept by status do not hold."""
    today = today or timezone.localdate()
    return Q(**{f"{prefix}deadline__lt": today, f"{prefix}status__in": UNFLAGGED_STATUSES})


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


def plan_outline(*, plan: Plan, unit_ids_only: bool = False) -> list[Task]:
    """The plan's top-level tasks in document order, each with `outline_children`; four queries in all.
    unit_ids_only: the units as `lead_units_ids` and `cooperating_units_ids`, not as objects (for the API, where
    prefetching 2,000 tasks' units as objects took two thirds of the outline's time)."""
    rows = Task.objects.filter(plan=plan).order_by("position", "id")
    if unit_ids_only:
        tasks = with_links(loaded_instances(rows), of=rows.values("pk"))
    else:
        tasks = list(rows.prefetch_related(*_unit_prefetches(), "targets"))
    for task in tasks:
        Task.plan.field.set_cached_value(task, plan)  # the same plan for all: not read (and built) 2,000 times
        task.outline_children = []
    by_id = {task.pk: task for task in tasks}
    roots: list[Task] = []
    for task in tasks:
        (by_id[task.parent_id].outline_children if task.parent_id else roots).append(task)
    return roots


def with_links(tasks: list, *, of: QuerySet | None = None) -> list:
    """A page of tasks with their units' ids (`lead_units_ids`, …) and short names (`lead_units_labels`, …) and
    their targets attached: two light queries (both link tables in one) and no model instance per unit, instead of
    prefetching units as objects (a third of a task list's time). `of`: the tasks' ids as a subquery, for
    thousands of tasks (preparing 2,000 ids as parameters, three times, cost more than the SQL)."""
    ids = of if of is not None else [task.pk for task in tasks]

    def of_table(name):
        through = getattr(Task, name).through.objects.filter(task_id__in=ids).annotate(table=Value(name))
        return through.values_list("table", "task_id", "unit_id", "unit__short_name", "unit__name")

    links = {}  # (table, task id) → (unit ids, labels)
    rows = of_table("lead_units").union(of_table("cooperating_units"), all=True).order_by("unit__name", "unit_id")
    for table, task_id, unit_id, short_name, unit_name in rows:
        unit_ids, labels = links.setdefault((table, task_id), ([], []))
        unit_ids.append(unit_id)
        labels.append(short_name or unit_name)
    for task in tasks:
        task.lead_units_ids, task.lead_units_labels = links.get(("lead_units", task.id), ([], []))
        task.cooperating_units_ids, task.cooperating_units_labels = links.get(("cooperating_units", task.id), ([], []))
    targets = defaultdict(list)
    for target in TaskTarget.objects.filter(task_id__in=ids):
        targets[target.task_id].append(target)
    for task in tasks:
        task._prefetched_objects_cache = {"targets": targets[task.id]}
    return tasks


def flatten_outline(tasks: list[Task], depth: int = 0) -> list[tuple[int, Task]]:
    """(depth, task) pairs in document order, for pages that show the outline as rows."""
    rows: list[tuple[int, Task]] = []
    for task in tasks:
        rows.append((depth, task))
        rows.extend(flatten_outline(task.outline_children, depth + 1))
    return rows


def leader_portfolio(user) -> list[Task]:
    """The open tasks a leader is in charge of, coloured, worst first: what their home shows first."""
    from plans.colours import colour_tasks

    if not roles_of(user).is_leader:
        return []
    tasks = list(
        tasks_visible_to(user).filter(responsible_leader=user, is_section=False, status__in=OPEN_TASK_STATUSES)[:50]
    )
    colour_tasks(tasks, today=timezone.localdate())
    order = {"red": 0, "yellow": 1, "green": 2}
    return sorted(tasks, key=lambda task: (order.get(task.colour, 3), task.deadline or timezone.localdate()))


class MyTask:
    """A task item as "my tasks" lists it: the fields it reads, its plan and its colour (`colour_tasks`). Built
    from plain rows: 1,000 model instances with every field took twice as long to read as these."""

    FIELDS = (
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
    )
    __slots__ = (*FIELDS, "plan", "colour", "colour_reason")

    def __init__(self, row: tuple, plans: dict):
        for name, value in zip(self.FIELDS, row, strict=True):
            setattr(self, name, value)
        self.plan = plans[self.plan_id]

    @property
    def pk(self) -> int:
        return self.id


def my_tasks(user, *, today=None) -> dict[str, list[MyTask]]:
    """The task items where the user's units lead or cooperate, grouped as a reporter works through them:
    overdue, due this period (no live report from one of my units yet), on track, done."""
    from plans.colours import colour_tasks
    from plans.periods import period_start

    today = today or timezone.localdate()
    roles = roles_of(user)
    rows = list(
        tasks_visible_to(user)
        .prefetch_related(None)  # the list shows no units: prefetching them for 1,000 tasks was half its time
        .select_related(None)  # each plan read once below, not joined to 1,000 rows
        .filter(unit_involved(roles.unit_ids), is_section=False, plan__status=PlanStatus.PUBLISHED)
        .order_by()  # sorted by group below
        .values_list(*MyTask.FIELDS)
    )
    plans = Plan.objects.in_bulk({row[1] for row in rows})
    tasks = [MyTask(row, plans) for row in rows]
    colour_tasks(tasks, today=today)
    periods = {period_start(cycle, today) for cycle in {task.reporting_cycle for task in tasks}}
    reported = set(  # my units' live reports of the current periods, by the unit's index (not 1,000 task ids)
        ProgressReport.objects.filter(unit_id__in=roles.unit_ids, period__in=periods)
        .exclude(review_state="returned")
        .order_by()
        .values_list("task_id", "period")
    )
    groups: dict[str, list[MyTask]] = {"overdue": [], "due": [], "on_track": [], "done": []}
    for task in tasks:
        if task.status in (TaskStatus.DONE, TaskStatus.SUSPENDED):
            groups["done"].append(task)
        elif task.status == TaskStatus.OVERDUE or (task.deadline and task.deadline < today):
            groups["overdue"].append(task)
        elif (task.pk, period_start(task.reporting_cycle, today)) not in reported:
            groups["due"].append(task)
        else:
            groups["on_track"].append(task)
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
