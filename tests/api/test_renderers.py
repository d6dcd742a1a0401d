"""A task row's JSON renderer writes what DRF's fields would, for one task, a list page and the outline
alike."""

from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework import serializers

from plans.api.renderers import task_dicts
from plans.api.serializers import TaskSerializer
from plans.models import Task, TaskTarget
from plans.rows import task_rows

pytestmark = pytest.mark.django_db


def drf_written(task) -> dict:
    """The task as DRF's fields write it (the schema's serializer without its renderer), from prefetched
    relations."""
    return serializers.ModelSerializer.to_representation(TaskSerializer(), task)


def test_the_renderer_writes_what_the_schema_fields_would(world, api):
    TaskTarget.objects.create(
        task=world.task,
        metric="新增企业",
        value=Decimal("10"),
        unit_of_measure="家",
        text="新增企业不少于10家",
    )
    Task.objects.filter(pk=world.task.pk).update(
        last_reported_at=timezone.now(), responsible_leader=world.users["leader"]
    )
    task = Task.objects.prefetch_related("lead_units", "cooperating_units", "targets").get(pk=world.task.pk)
    [row] = task_rows([task], today=timezone.localdate())
    assert task_dicts([row]) == [drf_written(row)]
    assert row.colour and row.colour_reason
    with timezone.override("UTC"):  # DRF writes UTC with a Z
        assert task_dicts([row]) == [drf_written(row)]
        assert task_dicts([row])[0]["last_reported_at"].endswith("Z")
    assert TaskSerializer(Task.objects.get(pk=world.task.pk)).data == task_dicts([row])[0]  # made a row first
    listed = api(world.users["leader"]).get(f"/api/v1/tasks/?plan={world.plan.pk}").json()["results"]
    detail = api(world.users["leader"]).get(f"/api/v1/tasks/{world.task.pk}/").json()
    assert next(row for row in listed if row["id"] == world.task.pk) == detail
    outline = api(world.users["leader"]).get(f"/api/v1/plans/{world.plan.pk}/outline/").json()
    flat = [node for root in outline for node in [root, *root["children"]]]
    assert {**next(node for node in flat if node["id"] == world.task.pk), "children": None} == {
        **detail,
        "children": None,
    }
