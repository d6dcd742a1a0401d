"""A task row (`plans.rows`) as JSON: the one renderer of a task in the API, for one task (`TaskSerializer`,
which declares the schema and renders through this), a page of the list and a plan's outline.

DRF's per-field machinery took ten times as long for the 2,000 rows of an outline; the values here are written
as its fields would write them (a test holds the schema's fields and these keys together)."""

from django.utils import timezone
from rest_framework import serializers

from plans.models import TaskTarget

_value = TaskTarget._meta.get_field("value")
_target_value = serializers.DecimalField(max_digits=_value.max_digits, decimal_places=_value.decimal_places)


def _date(value):
    return value.isoformat() if value else None


def _datetime(value, zone) -> str | None:
    """As DRF's DateTimeField writes it, with the time zone looked up once per response, not per task."""
    if value is None:
        return None
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def task_dicts(tasks) -> list[dict]:
    zone = timezone.get_current_timezone()
    return [task_dict(task, zone) for task in tasks]


def outline_dicts(roots) -> list[dict]:
    """The outline's top-level tasks, each with its `children`, recursively."""
    zone = timezone.get_current_timezone()

    def outline_dict(task) -> dict:
        return {**task_dict(task, zone), "children": [outline_dict(child) for child in task.outline_children]}

    return [outline_dict(root) for root in roots]


def task_dict(task, zone) -> dict:
    return {
        "id": task.pk,
        "plan": task.plan_id,
        "parent": task.parent_id,
        "label": task.label,
        "position": task.position,
        "title": task.title,
        "body": task.body,
        "is_section": task.is_section,
        "lead_units": task.lead_units_ids,
        "cooperating_units": task.cooperating_units_ids,
        "responsible_person": task.responsible_person,
        "responsible_leader": task.responsible_leader_id,
        "deadline": _date(task.deadline),
        "original_deadline": _date(task.original_deadline),
        "deadline_text": task.deadline_text,
        "stages": task.stages,
        "reporting_cycle": task.reporting_cycle,
        "status": task.status,
        "percent": task.percent,
        "weight": task.weight,
        "colour": task.colour,
        "colour_reason": task.colour_reason,
        "last_reported_at": _datetime(task.last_reported_at, zone),
        "targets": [
            {
                "metric": target.metric,
                "comparator": target.comparator,
                "value": _target_value.to_representation(target.value),
                "unit_of_measure": target.unit_of_measure,
                "text": target.text,
            }
            for target in task.target_rows
        ],
        "version": task.version,
    }
