"""What a write of each of the plans' models changes in the cached figures, registered with the data versions
(zoneplan/core/datacache.py) when the app is ready. A write belongs to one plan's tasks (`PlanTasks`): the
plan, a task, a report and what hangs off them; only a task's or plan's own save can change what the counts
read."""

from plans.models import (
    CloseOut,
    ExtensionRequest,
    Plan,
    ProgressAttachment,
    ProgressReport,
    Task,
    TaskCount,
    TaskTarget,
)
from zoneplan.core.datacache import PlanTasks, loaded, register, stored, uncounted


def task_scope(task: Task) -> PlanTasks | None:
    plan = loaded(task, "plan")
    zone_id = plan.zone_id if plan else stored(Plan.objects.filter(pk=task.plan_id), "zone_id")
    return None if zone_id is None else PlanTasks(task.plan_id, zone_id)


def stored_plan(rows, plan: str = "plan_id", zone: str = "plan__zone_id") -> PlanTasks | None:
    """The scope of the plan of the task `rows` finds (or of the plan, with `plan="pk", zone="zone_id"`), as
    stored; None (global) when there is none."""
    row = rows.values_list(plan, zone).first()
    return None if row is None else PlanTasks(*row)


def plan_scope(plan: Plan):
    """Its status, dates and colour thresholds: what its zone's figures read of it."""
    return PlanTasks(plan.pk, plan.zone_id) if plan.pk else plan.zone_id


def task_part_scope(part) -> PlanTasks | None:
    """Read by no count: the task's own save tells whether its status changed."""
    task = loaded(part, "task")
    return uncounted(task_scope(task) if task else stored_plan(Task.objects.filter(pk=part.task_id)))


def attachment_scope(attachment: ProgressAttachment) -> PlanTasks | None:
    return uncounted(stored_plan(Task.objects.filter(reports=attachment.report_id)))


def register_models() -> None:
    register(Plan, plan_scope, stored_scope=lambda rows: stored_plan(rows, plan="pk", zone="zone_id"))
    register(
        Task,
        task_scope,
        stored_scope=stored_plan,
        through=(Task.lead_units.through, Task.cooperating_units.through),
    )
    for part in (TaskTarget, ProgressReport, ExtensionRequest, CloseOut):
        register(part, task_part_scope)
    register(ProgressAttachment, attachment_scope)
    register(TaskCount)  # written by the database's triggers; an ORM write of it may change any zone's counts
