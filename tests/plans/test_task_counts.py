"""The task counts the database keeps (plans.models.TaskCount) add up to a recount of the tasks after every
kind of write, on both databases: the triggers are installed by migration 0011, and a migration that rebuilds
plans_task on SQLite drops them (this test fails until it creates them again)."""

import threading
from collections import Counter
from datetime import date

import pytest
from django.db import connection, transaction
from django.db.models import Count, Sum

from plans.choices import TaskStatus
from plans.models import Task, TaskCount
from plans.task_counts import ITEMS, compact_task_counts, counted
from tests.factories import PlanFactory, TaskFactory, UnitFactory
from zoneplan.jobs import overdue_scan


def recounted() -> Counter:
    """The counts from the tasks and their links themselves, as the dashboards counted them before."""
    items = Task.objects.filter(is_section=False).values_list("plan_id", "status").annotate(n=Count("*"))
    links = (
        Task.lead_units.through.objects.filter(task__is_section=False)
        .values_list("task__plan_id", "unit_id", "task__status")
        .annotate(n=Count("*"))
    )
    return Counter({(plan, ITEMS, status): n for plan, status, n in items.order_by()}) + Counter(
        {(plan, unit, status): n for plan, unit, status, n in links.order_by()}
    )


def kept(plan_ids=None) -> Counter:
    plan_ids = plan_ids if plan_ids is not None else list(TaskCount.objects.values_list("plan_id", flat=True))
    return Counter({(plan, unit, status): n for plan, unit, status, n in counted(plan_ids)})


@pytest.mark.django_db
def test_the_kept_counts_add_up_to_the_tasks_after_every_kind_of_write():
    plan, other_plan = PlanFactory(), PlanFactory()
    units = [UnitFactory() for _ in range(4)]
    section = TaskFactory(plan=plan, is_section=True, deadline=None, lead_units=[units[0]])
    tasks = [TaskFactory(plan=plan, parent=section, lead_units=units[: 1 + n % 3]) for n in range(6)]
    TaskFactory(plan=other_plan, lead_units=[units[1]])
    steps = []

    def check(step):
        steps.append(step)
        assert kept() == recounted(), steps
        assert all(n > 0 for n in kept().values())

    check("created, with their lead units")
    assert kept()[(plan.pk, ITEMS, TaskStatus.NOT_STARTED)] == 6  # the section is no item
    assert kept()[(plan.pk, units[0].pk, TaskStatus.NOT_STARTED)] == 6
    tasks[0].status = TaskStatus.ON_TRACK
    tasks[0].save()
    check("a status saved")
    tasks[0].percent = 40
    tasks[0].save()
    check("a save that changes no count")
    Task.objects.filter(pk__in=[tasks[1].pk, tasks[2].pk, section.pk]).update(status=TaskStatus.OVERDUE)
    check("a set-based update")
    Task.objects.filter(pk=tasks[3].pk).update(is_section=True)
    Task.objects.filter(pk=section.pk).update(is_section=False)
    check("an item made a section and a section an item")
    Task.objects.filter(pk=tasks[4].pk).update(plan=other_plan, status=TaskStatus.DONE)
    check("moved to another plan")
    tasks[5].lead_units.set([units[3]])
    Task.lead_units.through.objects.create(task=tasks[0], unit=units[2])
    check("lead units replaced, and a link written on its own")
    units[1].delete()
    check("a unit deleted with its links")
    tasks[0].delete()
    check("a task deleted")
    with connection.cursor() as cursor:  # the task first, its links after (the foreign keys are deferred)
        cursor.execute("DELETE FROM plans_task WHERE id = %s", [tasks[5].pk])
        check("a task deleted before its links")
        cursor.execute("DELETE FROM plans_task_lead_units WHERE task_id = %s", [tasks[5].pk])
    check("its links deleted after it")
    other_plan.delete()
    check("a plan deleted with its tasks")
    assert not kept([other_plan.pk])


@pytest.mark.django_db
def test_compacting_leaves_one_row_per_count_and_the_same_counts():
    plan = PlanFactory()
    unit = UnitFactory()
    task = TaskFactory(plan=plan, lead_units=[unit])
    for status in (TaskStatus.ON_TRACK, TaskStatus.BEHIND, TaskStatus.DONE):
        Task.objects.filter(pk=task.pk).update(status=status)
    before = kept()
    rows = TaskCount.objects.count()
    assert rows > 2  # each change appended

    removed = compact_task_counts()

    assert kept() == before == recounted()
    assert TaskCount.objects.count() == 2 == rows - removed  # the item's and its unit's, done
    assert set(TaskCount.objects.values_list("status", "items")) == {(TaskStatus.DONE, 1)}
    assert compact_task_counts() == 0


@pytest.mark.django_db
def test_the_daily_scan_flags_overdue_tasks_in_the_counts_and_compacts_them(world):
    Task.objects.filter(pk=world.task.pk).update(deadline=date(2026, 3, 31))

    overdue_scan(today=date(2026, 4, 10))

    assert kept() == recounted()
    assert kept()[(world.plan.pk, world.lead_unit.pk, TaskStatus.OVERDUE)] == 1
    per_key = TaskCount.objects.values("plan_id", "unit_id", "status").annotate(
        rows=Count("*"), n=Sum("items")
    )
    assert {row["rows"] for row in per_key} == {1}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers: PostgreSQL (CI)")
@pytest.mark.django_db(transaction=True)
def test_two_writers_in_one_plan_and_unit_do_not_wait_for_each_other():
    """The counts are appended, not updated in place: a filing that starts a task does not wait for another
    transaction that started a task of the same plan and unit (counters updated in place would make it wait
    until that one commits, and could deadlock two of them)."""
    unit = UnitFactory()
    first, second = (TaskFactory(plan=PlanFactory(), lead_units=[unit]) for _ in range(2))
    Task.objects.filter(pk=second.pk).update(plan=first.plan)
    failures = []

    def start_second():
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '2s'")
                Task.objects.filter(pk=second.pk).update(status=TaskStatus.ON_TRACK)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)
        finally:
            connection.close()

    with transaction.atomic():
        Task.objects.filter(pk=first.pk).update(status=TaskStatus.ON_TRACK)
        writer = threading.Thread(target=start_second)
        writer.start()
        writer.join(timeout=10)

    assert not writer.is_alive() and failures == []
    assert kept()[(first.plan_id, unit.pk, TaskStatus.ON_TRACK)] == 2 and kept() == recounted()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers: PostgreSQL (CI)")
@pytest.mark.django_db(transaction=True)
def test_compacting_gives_way_to_a_writer_that_holds_the_counts_too_long():
    """A long transaction still writing tasks (an import) keeps the compaction from its lock: the compaction
    gives up after its wait, rather than leave every filing queued behind its lock, and the writer goes on."""
    unit = UnitFactory()
    first, second = (TaskFactory(plan=PlanFactory(), lead_units=[unit]) for _ in range(2))
    Task.objects.filter(pk=first.pk).update(status=TaskStatus.BEHIND)
    holding, finish, failures = threading.Event(), threading.Event(), []

    def long_writer():
        try:
            with transaction.atomic():
                Task.objects.filter(pk=second.pk).update(status=TaskStatus.ON_TRACK)
                holding.set()
                finish.wait(timeout=10)
                Task.objects.filter(pk=second.pk).update(status=TaskStatus.DONE)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)
        finally:
            connection.close()

    writer = threading.Thread(target=long_writer)
    writer.start()
    holding.wait(timeout=10)
    rows = TaskCount.objects.count()
    try:
        assert compact_task_counts(lock_wait="200ms") == 0
        assert TaskCount.objects.count() == rows
    finally:
        finish.set()
        writer.join(timeout=10)

    assert failures == [] and kept() == recounted()
    assert compact_task_counts() > 0 and kept() == recounted()
