"""The figures of the leadership dashboard (领导驾驶舱), from the selectors each domain already has.

A fixed number of queries for a zone or the whole city: the published plans, tasks by lead unit and status
(one grouped query over the counts the database keeps, `plans.models.TaskCount`), the overdue lists, last
month's indicators, and the key-project summary.
"""

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber

from indicators.selectors import indicator_rows, last_month, peer_zones
from organisation.models import Unit, Zone
from plans.choices import PlanStatus, TaskStatus
from plans.models import Plan, Task
from plans.overdue import lapsed_q
from plans.selectors import lead_unit_ids
from plans.task_counts import ITEMS, counted
from projects.choices import IssueState
from projects.figures import ZERO
from projects.models import Project, ProjectIssue
from projects.selectors import project_rows, rows_summary
from zoneplan.core.datacache import zone_ids, zone_names
from zoneplan.core.numbers import percent
from zoneplan.core.workdays import WorkdayCalendar

OVERDUE_SHOWN = 20


def published_plans(zones: Zone | int | list[int] | None) -> dict[int, tuple[int, str]]:
    """The published plans of a zone, of these zones' ids, or of every zone: plan id → (zone id, zone name),
    by which the task counts and the overdue tasks below are narrowed."""
    plans = Plan.objects.filter(status=PlanStatus.PUBLISHED)
    if zones is not None:
        plans = plans.filter(zone__in=zones if isinstance(zones, list) else [zones])
    return {
        pk: (zone_id, name)
        for pk, zone_id, name in plans.order_by().values_list("pk", "zone_id", "zone__name")
    }


def _items(plans: dict[int, tuple[int, str]]):
    return Task.objects.filter(plan_id__in=list(plans), is_section=False)


UnitCounts = dict[int, dict[str, int]]  # unit id → status → task items


def kept_counts(plans: dict[int, tuple[int, str]]) -> tuple[dict[int, UnitCounts], dict[int, dict]]:
    """From the counts the database keeps, in one query: the task items of these published plans per plan,
    lead unit id and status; and per plan that has items, their number, done and overdue (the units' names are
    read apart, by `unit_names`)."""
    units: dict[int, UnitCounts] = {}
    rows: dict[int, dict] = {}
    for plan_id, unit_id, status, n in counted(list(plans)):
        if unit_id != ITEMS:
            units.setdefault(plan_id, {}).setdefault(unit_id, {})[status] = n
            continue
        row = rows.setdefault(plan_id, {"tasks": 0, "done": 0, "overdue": 0})
        row["tasks"] += n
        if status in (TaskStatus.DONE, TaskStatus.OVERDUE):
            row[status] += n
    return units, rows


def added_up(parts: list[UnitCounts]) -> UnitCounts:
    """Each unit's counts, status by status, added up over `parts` (the zones')."""
    units: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for part in parts:
        for unit_id, by_status in part.items():
            for status, count in by_status.items():
                units[unit_id][status] += count
    return {unit_id: dict(by_status) for unit_id, by_status in units.items()}


def unit_names(unit_ids) -> dict[int, str]:
    return dict(Unit.objects.filter(pk__in=set(unit_ids)).order_by().values_list("pk", "name"))


def unit_rows(counts: UnitCounts, names: dict[int, str]) -> list[dict]:
    """Per lead unit: its name, tasks by status, total and completion rate; the most tasks first."""
    result = []
    for unit_id, by_status in counts.items():
        total = sum(by_status.values())
        done = by_status.get(TaskStatus.DONE, 0)
        result.append(
            {
                "unit": unit_id,
                "name": names.get(unit_id, ""),
                "by_status": dict(by_status),
                "total": total,
                "completion": round(done * 100 / total, 1) if total else None,
            }
        )
    return sorted(result, key=lambda unit: (-unit["total"], unit["name"]))


def zone_task_rows(plan_rows: dict[int, dict], plans: dict[int, tuple[int, str]]) -> list[dict]:
    """Per zone: tasks, done, overdue and the completion rate, added up from its plans' rows (by plan id; the
    plans' zones and their names as `published_plans` gives them)."""
    zones: dict[int, dict] = {}
    for plan_id, row in plan_rows.items():
        zone_id, name = plans[plan_id]
        zone = zones.setdefault(zone_id, {"zone": zone_id, "name": name, "tasks": 0, "done": 0, "overdue": 0})
        for key in ("tasks", "done", "overdue"):
            zone[key] += row[key]
    return [{**zone, "completion": percent(zone["done"], zone["tasks"])} for zone in zones.values()]


def zone_comparison(task_rows: list[dict], project_rows: list) -> list[dict]:
    """The city view side by side: per zone, tasks done and overdue, and key-project investment (the project
    summary's per-zone breakdown)."""
    rows = {row["zone"]: dict(row) for row in task_rows}
    for totals in project_rows:
        row = rows.setdefault(
            totals.key,
            {
                "zone": totals.key,
                "name": totals.name,
                "tasks": 0,
                "done": 0,
                "overdue": 0,
                "completion": None,
            },
        )
        row.update(
            projects=totals.projects,
            invested_this_year=totals.invested_this_year,
            year_planned_investment=totals.year_planned_investment,
            year_completion=totals.year_completion,
        )
    empty = {
        "projects": 0,
        "invested_this_year": ZERO,
        "year_planned_investment": ZERO,
        "year_completion": None,
    }
    return sorted(({**empty, **row} for row in rows.values()), key=lambda row: row["name"])


def earliest_flagged(plans: dict[int, tuple[int, str]], *, limit: int) -> list[dict]:
    """The earliest `limit` task items of each of these published plans that the daily scan flagged overdue
    (one query, ranked), earliest first, with their plan and lead units' ids."""
    earliest = [F("deadline").asc(), F("pk").asc()]
    ranked = (
        _items(plans)
        .filter(status=TaskStatus.OVERDUE)
        .annotate(rank=Window(RowNumber(), partition_by=F("plan_id"), order_by=earliest))
    )
    return overdue_rows(ranked.filter(rank__lte=limit).order_by(*earliest))


def overdue_rows(tasks) -> list[dict]:
    """These task items as the overdue lists hold them: id, plan, title, deadline and lead units' ids (and the
    status they hold, which the lapsed ones are counted apart from)."""
    tasks = list(tasks.values("pk", "plan_id", "label", "title", "deadline", "status"))
    leads = lead_unit_ids(task["pk"] for task in tasks)
    return [
        {
            "id": task["pk"],
            "plan": task["plan_id"],
            "title": f"{task['label']}{task['title']}",
            "deadline": task["deadline"],
            "lead_units": leads[task["pk"]],
            "status": task["status"],
        }
        for task in tasks
    ]


def with_lapsed(figures: dict, *, plans: dict[int, tuple[int, str]], today: date, shown: int) -> dict:
    """The task figures (as `merge_task_figures` gives them, from the counts kept by status) with the task
    items that `overdue_q` counts as overdue on `today` but the daily scan has not flagged yet (`lapsed_q`,
    read by the status and deadline index: after the scan, none): counted by the database per plan and per
    lead unit and status, each moved from its status to overdue, and the earliest listed among the flagged."""
    lapsed = _items(plans).filter(lapsed_q(today=today))
    by_plan = dict(lapsed.order_by().values_list("plan_id").annotate(n=Count("pk")))
    if not by_plan:
        return figures
    rows = {plan: dict(row) for plan, row in figures["plans"].items()}
    for plan, count in by_plan.items():
        rows.setdefault(plan, {"tasks": count, "done": 0, "overdue": 0})["overdue"] += count
    units = {unit: dict(by_status) for unit, by_status in figures["units"].items()}
    links = Task.lead_units.through.objects.filter(task__in=lapsed.values("pk")).order_by()
    for unit, status, count in links.values_list("unit_id", "task__status").annotate(n=Count("pk")):
        by_status = units.setdefault(unit, {})
        left = by_status.pop(status, 0) - count
        if left > 0:
            by_status[status] = left
        by_status[TaskStatus.OVERDUE] = by_status.get(TaskStatus.OVERDUE, 0) + count
    earliest = overdue_rows(lapsed.order_by("deadline", "pk")[:shown])
    return {
        "units": units,
        "plans": rows,
        "overdue": earliest_first([*figures["overdue"], *earliest])[:shown],
    }


def earliest_first(tasks: list[dict]) -> list[dict]:
    return sorted(
        tasks, key=lambda task: (task["deadline"] is None, task["deadline"] or date.min, task["id"])
    )


def with_lateness(tasks: list[dict], *, plans: dict[int, tuple[int, str]], today: date) -> list[dict]:
    """The overdue `tasks` with their zone, working days late on `today` (the workday calendar's) and whether
    they are long overdue: added when they are shown, so that the counts cached per plan read neither the day
    nor the calendar."""
    calendar = WorkdayCalendar()
    long_after = settings.ESCALATION_DAYS * 2
    return [
        {
            **task,
            "zone": plans[task["plan"]][0],
            "workdays_late": calendar.workdays_between(task["deadline"], today),
            "long_overdue": (today - task["deadline"]).days > long_after,
        }
        for task in tasks
    ]


def dashboard_indicators(zone: Zone | None) -> dict:
    """Last month's economic indicators: of a zone with a statistics unit, ranked among its peers (`rows`);
    for the city, every zone with one side by side, indicator by indicator, ranked among them (`comparison`).
    Read from indicator data alone (see `zoneplan.core.datacache.INDICATORS`)."""
    year, month = last_month()
    rows, comparison = [], []
    if zone is None:
        zones = list(Zone.objects.exclude(statistics_unit=None).order_by("name"))
        comparison = compared_by_indicator(
            indicator_rows(zones=zones, year=year, month=month, rank_among=zones) if zones else []
        )
    elif zone.statistics_unit_id:
        rows = indicator_rows(zones=[zone], year=year, month=month, rank_among=peer_zones(zone))
    return {"year": year, "month": month, "rows": [_indicator_row(r) for r in rows], "comparison": comparison}


def _indicator_row(r) -> dict:
    return {
        "indicator": r.indicator.name,
        "code": r.indicator.code,
        "unit": r.indicator.unit_of_measure,
        "zone": r.zone.name,
        "cumulative_value": r.cumulative_value,
        "yoy": r.yoy,
        "completion": r.completion,
        "time_progress": r.time_progress,
        "gap": r.gap,
        "rank": r.rank,
        "colour": r.colour,
    }


def compared_by_indicator(rows) -> list[dict]:
    """The zones' rows grouped by indicator, in the catalogue's order; indicators no zone reported left
    out."""
    by_indicator: dict[int, dict] = {}
    for r in rows:
        entry = by_indicator.setdefault(
            r.indicator.pk, {"indicator": r.indicator.name, "code": r.indicator.code, "zones": []}
        )
        entry["zones"].append(_indicator_row(r))
    return [
        entry
        for entry in by_indicator.values()
        if any(row["cumulative_value"] is not None for row in entry["zones"])
    ]


def task_figures(plans: dict[int, tuple[int, str]], *, shown: int = OVERDUE_SHOWN) -> dict[int, dict]:
    """The dashboard's task counts of each of these published plans (`published_plans`), counted together (a
    fixed number of queries) and given plan by plan, so that each can be cached apart: read from the plan's
    tasks alone, by id (units, zones), without the day nor the calendar (`named_task_figures` adds names, the
    tasks lapsed since the scan and lateness). `shown`: how many of the flagged each plan lists."""
    units, rows = kept_counts(plans)
    overdue = earliest_flagged(plans, limit=shown)
    return {
        plan_id: {
            "units": units.get(plan_id, {}),
            "row": rows.get(plan_id),
            "overdue": [task for task in overdue if task["plan"] == plan_id],
        }
        for plan_id in plans
    }


def merge_task_figures(parts: dict[int, dict], *, shown: int = OVERDUE_SHOWN) -> dict:
    """The task counts of a zone or the city from each plan's (by plan id; a task belongs to one plan): each
    unit's counts added up, each plan's row, the earliest overdue of all (each part holds its earliest)."""
    overdue = earliest_first([task for part in parts.values() for task in part["overdue"]])
    return {
        "units": added_up([part["units"] for part in parts.values()]),
        "plans": {plan_id: part["row"] for plan_id, part in parts.items() if part["row"] is not None},
        "overdue": overdue[:shown],
    }


def named_task_figures(
    figures: dict, *, plans: dict[int, tuple[int, str]], today: date, shown: int = OVERDUE_SHOWN
) -> dict:
    """The task figures as they are shown on `today`: the tasks lapsed since the scan counted overdue
    (`with_lapsed`); the units named (one query), the most tasks first; the zones' rows added up from their
    plans'; the overdue with their lateness."""
    figures = with_lapsed(figures, plans=plans, today=today, shown=shown)
    names = unit_names(
        [*figures["units"], *(unit for task in figures["overdue"] for unit in task["lead_units"])]
    )
    overdue = with_lateness(figures["overdue"], plans=plans, today=today)
    return {
        "tasks_by_unit": unit_rows(figures["units"], names),
        "zones": zone_task_rows(figures["plans"], plans),
        "overdue": [
            {**task, "lead_units": [names[u] for u in task["lead_units"] if u in names]} for task in overdue
        ],
    }


PROBLEMS_SHOWN = 20


def project_parts(zones: list[int], *, year: int, today: date) -> dict[int, dict]:
    """Each of these zones' key-project figures as rows, counted together and given zone by zone so that each
    can be cached apart: the `year` list's counts and sums per responsible unit (by id: a unit's save leaves
    them) and the zone's earliest open problems."""
    listed = Project.objects.filter(pk__in=Project.objects.filter(zone__in=zones, year=year).values("pk"))
    rows = [
        {key: value for key, value in row.items() if key not in ("zone__name", "responsible_unit__name")}
        for row in project_rows(listed, year=year, today=today)
    ]
    earliest = [F("raised_on").asc(), F("pk").asc()]
    problems = (
        ProjectIssue.objects.filter(project__zone__in=zones, state=IssueState.OPEN)
        .annotate(rank=Window(RowNumber(), partition_by=F("project__zone_id"), order_by=earliest))
        .filter(rank__lte=PROBLEMS_SHOWN)
        .order_by(*earliest)
        .values(
            "pk", "project_id", "project__zone_id", "project__name", "description", "raised_on", "due_date"
        )
    )
    open_problems = [
        {
            "id": p["pk"],
            "project": p["project_id"],
            "zone": p["project__zone_id"],
            "project_name": p["project__name"],
            "description": p["description"],
            "raised_on": p["raised_on"],
            "due_date": p["due_date"],
        }
        for p in problems
    ]
    return {
        zone_id: {
            "rows": [row for row in rows if row["zone"] == zone_id],
            "open_problems": [problem for problem in open_problems if problem["zone"] == zone_id],
        }
        for zone_id in zones
    }


def project_figures(parts: list[dict], *, year: int) -> dict:
    """The dashboard's key-project figures from the parts of one zone or several (the city's) added up, the
    zones named."""
    names = zone_names()
    rows = [{**row, "zone__name": names.get(row["zone"], "")} for part in parts for row in part["rows"]]
    summary = rows_summary(rows, year=year, by_unit=False)
    totals = summary.totals
    problems = sorted(
        (problem for part in parts for problem in part["open_problems"]),
        key=lambda problem: (problem["raised_on"], problem["id"]),
    )
    return {
        "zones": summary.by_zone,
        "projects": {
            "count": totals.projects,
            "by_stage": totals.by_stage,
            "signing_rate": totals.signing_rate,
            "start_rate": totals.start_rate,
            "production_rate": totals.production_rate,
            "year_planned_investment": totals.year_planned_investment,
            "invested_this_year": totals.invested_this_year,
            "year_completion": totals.year_completion,
            "behind": summary.behind,
        },
        "open_problems": problems[:PROBLEMS_SHOWN],
    }


def dashboard_summary(
    *, zone: Zone | None, year: int, today: date, plans=None, tasks=None, projects=None, indicators=None
) -> dict:
    """Everything the dashboard shows, from its three parts (computed here unless given, e.g. from a cache:
    the published plans as `published_plans` returns them and their task counts as `merge_task_figures` does,
    the project figures as `project_figures`)."""
    zones = [zone.pk] if zone else zone_ids()  # read through the cache
    plans = published_plans(zones) if plans is None else plans
    if tasks is None:
        tasks = merge_task_figures(task_figures(plans))
    if projects is None:
        projects = project_figures(list(project_parts(zones, year=year, today=today).values()), year=year)
    tasks = named_task_figures(tasks, plans=plans, today=today)
    return {
        "zone": zone.pk if zone else None,
        "year": year,
        "tasks_by_unit": tasks["tasks_by_unit"],
        "zones": zone_comparison(tasks["zones"], projects["zones"]),
        "overdue": tasks["overdue"],
        "indicators": indicators if indicators is not None else dashboard_indicators(zone),
        "projects": projects["projects"],
        "open_problems": projects["open_problems"],
    }
