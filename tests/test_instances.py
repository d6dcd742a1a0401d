"""Instances built straight from rows behave as those Django builds: same fields, saved as updates."""

from datetime import date

import pytest
from django.db.models import F

from plans.models import Task
from zoneplan.core.instances import loaded_instances

pytestmark = pytest.mark.django_db


def _fields(task):
    return {field.attname: getattr(task, field.attname) for field in Task._meta.concrete_fields}


def test_the_instances_hold_what_django_would_load(world):
    Task.objects.filter(pk=world.task.pk).update(deadline=date(2026, 12, 31))
    tasks = Task.objects.filter(plan=world.plan).order_by("position", "id")

    loaded = loaded_instances(tasks)

    assert [_fields(task) for task in loaded] == [_fields(task) for task in tasks]
    assert all(
        type(task) is Task and not task._state.adding and task._state.db == "default" for task in loaded
    )
    assert loaded[0].plan == world.plan  # relations still load on access


def test_an_instance_saves_as_an_update_and_loads_its_relations(world):
    task = next(task for task in loaded_instances(Task.objects.filter(pk=world.task.pk)))
    task.title = "已改标题"
    task.save(update_fields=["title"])

    assert Task.objects.get(pk=world.task.pk).title == "已改标题"
    assert Task.objects.filter(plan=world.plan).count() == len(
        loaded_instances(Task.objects.filter(plan=world.plan))
    )


@pytest.mark.parametrize(
    ("shaped", "kept"),
    [
        (lambda tasks: tasks.select_related("plan"), lambda task: Task.plan.is_cached(task)),
        (lambda tasks: tasks.only("id", "title"), lambda task: "body" in task.get_deferred_fields()),
        (lambda tasks: tasks.annotate(next_position=F("position") + 1), lambda task: task.next_position > 0),
        (
            lambda tasks: tasks.prefetch_related("targets"),
            lambda task: "targets" in task._prefetched_objects_cache,
        ),
    ],
)
def test_a_shaped_queryset_is_read_the_ordinary_way(world, shaped, kept):
    loaded = loaded_instances(shaped(Task.objects.filter(pk=world.task.pk)))

    assert [task.pk for task in loaded] == [world.task.pk]
    assert kept(loaded[0])
