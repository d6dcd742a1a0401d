"""The read model of a task row: what every list, page, export and the API show of a task.

A task row is a `Task` with, attached by `task_rows`:

- `lead_units_ids` / `_labels` / `_names` and the same for `cooperating_units_`: its units in name order,
  their ids, their short names (or names) as lists show them, their full names as the task page and the ledger
  do;
- `target_rows`: its targets;
- `colour` and `colour_reason`: derived by `plans.colours.task_colour` (sections have none: their roll-up is
  `plans.rollup`).

The API (list, detail, outline), the outline page, the task list, the task page, "my tasks", the leader's
portfolio and the task ledger all read rows made here, and render them: `plans.api.renderers` as JSON,
`plans.outline_html` and `plans.my_tasks_html` as HTML, `plans.ledgers` as a spreadsheet. The units and
targets of a page of rows take two queries whatever its size (both link tables in one), without a model
instance per unit.
"""

from collections import defaultdict
from datetime import date

from django.db.models import QuerySet, Value

from plans.colours import colour_tasks
from plans.models import Plan, Task, TaskTarget
from zoneplan.core.instances import loaded_instances

UNIT_LINKS = ("lead_units", "cooperating_units")


def task_rows(tasks, *, today: date, links: bool = True, of: QuerySet | None = None) -> list[Task]:
    """These tasks as rows: coloured on `today`, and with their units and targets unless `links` is False (a
    list that shows neither). `of`: the tasks' ids as a subquery, for thousands of tasks (preparing 2,000 ids
    as parameters, three times, cost more than the SQL)."""
    tasks = list(tasks)
    if links:
        _attach_links(tasks, of if of is not None else [task.pk for task in tasks])
    colour_tasks([task for task in tasks if not task.is_section], today=today)
    for task in tasks:
        if task.is_section:
            task.colour, task.colour_reason = "", ""
    return tasks


def outline_rows(plan: Plan, *, today: date) -> list[Task]:
    """The plan's top-level rows in document order, each with `outline_children`, recursively: four
    queries."""
    ordered = Task.objects.filter(plan=plan).order_by("position", "id")
    tasks = loaded_instances(ordered)
    for task in tasks:
        # the same plan for all: not read (and built) 2,000 times
        Task.plan.field.set_cached_value(task, plan)
        task.outline_children = []
    task_rows(tasks, today=today, of=ordered.values("pk"))
    by_id = {task.pk: task for task in tasks}
    roots: list[Task] = []
    for task in tasks:
        (by_id[task.parent_id].outline_children if task.parent_id else roots).append(task)
    return roots


def flatten_outline(tasks: list[Task], depth: int = 0) -> list[tuple[int, Task]]:
    """(depth, task) pairs in document order, for pages that show the outline as rows."""
    rows: list[tuple[int, Task]] = []
    for task in tasks:
        rows.append((depth, task))
        rows.extend(flatten_outline(task.outline_children, depth + 1))
    return rows


def unit_ids(task: Task, *, links: tuple[str, ...] = UNIT_LINKS) -> set[int]:
    """Ids of the units that lead or cooperate on `task` (`links=("lead_units",)`: that lead it): from its row
    when it is one, else from its units as objects (prefetched by `plans.selectors.tasks_visible_to`)."""
    if hasattr(task, "lead_units_ids"):
        return {unit for name in links for unit in getattr(task, f"{name}_ids")}
    return {unit.pk for name in links for unit in getattr(task, name).all()}


def _attach_links(tasks: list[Task], ids) -> None:
    def of_table(name):
        through = getattr(Task, name).through.objects.filter(task_id__in=ids).annotate(table=Value(name))
        return through.values_list("table", "task_id", "unit_id", "unit__short_name", "unit__name")

    links = {}  # (table, task id) → (unit ids, labels, names)
    rows = of_table(UNIT_LINKS[0]).union(of_table(UNIT_LINKS[1]), all=True).order_by("unit__name", "unit_id")
    for table, task_id, unit_id, short_name, unit_name in rows:
        found = links.setdefault((table, task_id), ([], [], []))
        found[0].append(unit_id)
        found[1].append(short_name or unit_name)
        found[2].append(unit_name)
    targets = defaultdict(list)
    for target in TaskTarget.objects.filter(task_id__in=ids):
        targets[target.task_id].append(target)
    for task in tasks:
        for name in UNIT_LINKS:
            ids_, labels, names = links.get((name, task.pk), ([], [], []))
            setattr(task, f"{name}_ids", ids_)
            setattr(task, f"{name}_labels", labels)
            setattr(task, f"{name}_names", names)
        task.target_rows = targets[task.pk]
