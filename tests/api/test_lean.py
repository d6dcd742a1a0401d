"""The lean task JSON of the lists and the outline is exactly the serializer's."""

from decimal import Decimal

import pytest
from django.utils import timezone

from plans.api.lean import task_dicts
from plans.api.serializers import TaskSerializer
from plans.colours import colour_tasks
from plans.models import Task, TaskTarget

pytestmark = pytest.mark.django_db


def test_task_dict_equals_the_serializer(world, api):
    TaskTarget.objects.create(
        task=world.task, metric="新增企业", value=Decimal("10"), unit_of_measure="家", text="新增企业不少于10家"
    )
    Task.objects.filter(pk=world.task.pk).update(
        last_reported_at=timezone.now(), responsible_leader=world.users["leader"]
    )
    task = Task.objects.prefetch_related("lead_units", "cooperating_units", "targets").get(pk=world.task.pk)
    colour_tasks([task], today=timezone.localdate())
    assert task_dicts([task]) == [TaskSerializer(task).data]
    with timezone.override("UTC"):  # DRF writes UTC with a Z
        assert task_dicts([task]) == [TaskSerializer(task).data]
        assert task_dicts([task])[0]["last_reported_at"].endswith("Z")
    listed = api(world.users["leader"]).get(f"/api/v1/tasks/?plan={world.plan.pk}").json()["results"]
    detail = api(world.users["leader"]).get(f"/api/v1/tasks/{world.task.pk}/").json()
    assert next(row for row in listed if row["id"] == world.task.pk) == detail
