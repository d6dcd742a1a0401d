from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from organisation.models import Unit
from plans.choices import PlanStatus, ReportingCycle, TargetComparator
from plans.models import Plan, ProgressReport, Task, TaskTarget
from plans.outline import default_label
from plans.services.plans import ensure_plan_editable
from zoneplan.core.history import history_paused, record_history
from zoneplan.core.permissions import ensure_perm
from zoneplan.core.versioning import claim_version

TASK_EDITABLE_FIELDS = frozenset(
    {
        "label",
        "title",
        "body",
        "is_section",
        "responsible_person",
        "deadline",
        "deadline_text",
        "reporting_cycle",
        "status",
        "weight",
        "responsible_leader",
    }
)
MAX_DEPTH = 6


@dataclass(frozen=True)
class TargetSpec:
    """A quantitative target as a service receives it."""

    metric: str
    value: Decimal
    comparator: str = TargetComparator.AT_LEAST
    unit_of_measure: str = ""
    text: str = ""


@transaction.atomic
def task_create(
    *,
    actor,
    plan: Plan,
    title: str,
    parent: Task | None = None,
    label: str = "",
    body: str = "",
    is_section: bool = False,
    lead_units: Iterable[Unit] = (),
    cooperating_units: Iterable[Unit] = (),
    responsible_person: str = "",
    deadline: date | None = None,
    deadline_text: str = "",
    reporting_cycle: str = ReportingCycle.MONTHLY,
    targets: Sequence[TargetSpec] = (),
    responsible_leader=None,
    weight: int = 1,
) -> Task:
    """Append a section or task item at the end of `parent` (or of the plan's top level)."""
    ensure_perm(actor, "plans.change_plan", plan)
    ensure_plan_editable(plan)
    depth = _check_parent(plan=plan, parent=parent)
    siblings = Task.objects.filter(plan=plan, parent=parent)
    position = (siblings.aggregate(last=Max("position"))["last"] or 0) + 1
    task = Task(
        plan=plan,
        parent=parent,
        position=position,
        label=label or default_label(depth, siblings.count() + 1),
        title=title,
        body=body,
        is_section=is_section,
        responsible_person=responsible_person,
        deadline=deadline,
        deadline_text=deadline_text,
        reporting_cycle=reporting_cycle,
        responsible_leader=responsible_leader,
        weight=weight,
    )
    lead, cooperating = list(lead_units), list(cooperating_units)
    _check_task(task, lead_units=lead, cooperating_units=cooperating)
    with history_paused(task):
        task.save()
        task.lead_units.set(lead)
        task.cooperating_units.set(cooperating)
    _replace_targets(task, targets)
    record_history(task, actor=actor, history_type="+")
    return task


@transaction.atomic
def task_update(
    *,
    actor,
    task: Task,
    expected_version: int,
    lead_units: Iterable[Unit] | None = None,
    cooperating_units: Iterable[Unit] | None = None,
    targets: Sequence[TargetSpec] | None = None,
    **changes,
) -> Task:
    """Change a task if nobody else changed it since `expected_version`; units and targets are replaced."""
    ensure_perm(actor, "plans.change_task", task)
    ensure_plan_editable(task.plan)
    unknown = set(changes) - TASK_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"task_update cannot change {sorted(unknown)}")
    claim_version(model=Task, pk=task.pk, expected_version=expected_version)
    task.refresh_from_db()
    for field, value in changes.items():
        setattr(task, field, value)
    lead = list(task.lead_units.all()) if lead_units is None else list(lead_units)
    cooperating = list(task.cooperating_units.all()) if cooperating_units is None else list(cooperating_units)
    _check_task(task, lead_units=lead, cooperating_units=cooperating)
    with history_paused(task):
        task.save(update_fields=[*changes, "version"])
        if lead_units is not None:
            task.lead_units.set(lead)
        if cooperating_units is not None:
            task.cooperating_units.set(cooperating)
    if targets is not None:
        _replace_targets(task, targets)
    record_history(task, actor=actor)
    return task


@transaction.atomic
def task_delete(*, actor, task: Task) -> None:
    """Delete a task and its sub-items; once units have reported on them, suspend instead."""
    ensure_perm(actor, "plans.change_task", task)
    ensure_plan_editable(task.plan)
    subtree = _subtree_ids(task)
    if task.plan.status != PlanStatus.DRAFT and ProgressReport.objects.filter(task_id__in=subtree).exists():
        raise ValidationError(
            _("Units have reported on this task or its sub-items; suspend it instead of deleting.")
        )
    task._history_user = actor
    task.delete()


def _check_parent(*, plan: Plan, parent: Task | None) -> int:
    """The depth a child of `parent` would have; the parent must be in the same plan."""
    if parent is None:
        return 0
    if parent.plan_id != plan.pk:
        raise ValidationError({"parent": _("The parent belongs to another plan.")})
    depth = 1
    ancestor_id = parent.parent_id
    while ancestor_id is not None:
        depth += 1
        ancestor_id = Task.objects.filter(pk=ancestor_id).values_list("parent_id", flat=True).first()
    if depth >= MAX_DEPTH:
        raise ValidationError(
            {"parent": _("The outline cannot be deeper than %(max)d levels.") % {"max": MAX_DEPTH}}
        )
    return depth


def _check_task(task: Task, *, lead_units: list[Unit], cooperating_units: list[Unit]) -> None:
    errors: dict[str, list[str]] = {}
    if task.is_section and (lead_units or cooperating_units):
        errors["lead_units"] = [_("A section heading has no responsible units; put them on its tasks.")]
    both = {unit.pk for unit in lead_units} & {unit.pk for unit in cooperating_units}
    if both:
        errors["cooperating_units"] = [_("A unit cannot both lead and cooperate on the same task.")]
    try:
        task.full_clean()
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)


def _replace_targets(task: Task, targets: Sequence[TargetSpec]) -> None:
    task.targets.all().delete()
    rows = [
        TaskTarget(
            task=task,
            metric=target.metric,
            comparator=target.comparator,
            value=target.value,
            unit_of_measure=target.unit_of_measure,
            text=target.text,
        )
        for target in targets
    ]
    for row in rows:
        row.full_clean(exclude=["task"])
    TaskTarget.objects.bulk_create(rows)


def _subtree_ids(task: Task) -> list[int]:
    """Ids of `task` and all its descendants, one query per outline level."""
    ids, frontier = [task.pk], [task.pk]
    while frontier:
        frontier = list(Task.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.extend(frontier)
    return ids


MOVES = ("up", "down", "indent", "outdent")


@transaction.atomic
def task_move(*, actor, task: Task, direction: str, expected_version: int) -> Task:
    """Move a task in the outline — up, down, indent (under the item above) or outdent (after its parent) —
    and renumber the labels of the siblings it leaves and joins in the house style."""
    ensure_perm(actor, "plans.change_task", task)
    ensure_plan_editable(task.plan)
    if direction not in MOVES:
        raise ValidationError({"direction": [_("Move up, down, indent or outdent.")]})
    claim_version(model=Task, pk=task.pk, expected_version=expected_version)
    task.refresh_from_db()
    siblings = list(Task.objects.filter(plan=task.plan, parent_id=task.parent_id).order_by("position", "id"))
    index = [s.pk for s in siblings].index(task.pk)
    old_parent = task.parent_id
    if direction in ("up", "down"):
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(siblings):
            raise ValidationError(_("The task is already at the edge of its level."))
        siblings[index], siblings[other] = siblings[other], siblings[index]
    elif direction == "indent":
        if index == 0:
            raise ValidationError(_("The first item of a level cannot be indented."))
        new_parent = siblings[index - 1]
        _check_parent(plan=task.plan, parent=new_parent)
        task.parent = new_parent
        task.position = (
            Task.objects.filter(parent=new_parent).aggregate(last=Max("position"))["last"] or 0
        ) + 1
        siblings.pop(index)
    else:
        if task.parent_id is None:
            raise ValidationError(_("A top-level item cannot be outdented."))
        parent = task.parent
        task.parent_id = parent.parent_id
        siblings.pop(index)
        outer = list(
            Task.objects.filter(plan=task.plan, parent_id=parent.parent_id).order_by("position", "id")
        )
        outer.insert([s.pk for s in outer].index(parent.pk) + 1, task)
        _renumber(outer, depth=_depth(parent.parent_id), actor=actor, moved=task)
    _renumber(siblings, depth=_depth(old_parent), actor=actor, moved=task)
    if direction == "indent":
        _renumber(
            list(Task.objects.filter(parent=task.parent).exclude(pk=task.pk).order_by("position", "id"))
            + [task],
            depth=_depth(task.parent_id),
            actor=actor,
            moved=task,
        )
    task.refresh_from_db()
    return task


def _depth(parent_id: int | None) -> int:
    depth = 0
    while parent_id is not None:
        depth += 1
        parent_id = Task.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
    return depth


def _renumber(tasks: list[Task], *, depth: int, actor, moved: Task) -> None:
    """Positions 1…n and house-style labels for one level; one history row for each task that changed.
    The moved task's version was claimed already; the others are bumped in the database, never overwritten."""
    for number, task in enumerate(tasks, start=1):
        label = default_label(depth, number)
        if task.pk == moved.pk:
            Task.objects.filter(pk=task.pk).update(parent_id=task.parent_id, position=number, label=label)
        elif (task.position, task.label) != (number, label):
            Task.objects.filter(pk=task.pk).update(position=number, label=label, version=F("version") + 1)
        else:
            continue
        task.refresh_from_db()
        record_history(task, actor=actor, reason="outline moved")
