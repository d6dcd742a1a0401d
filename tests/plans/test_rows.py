"""The read model of a task row (plans/rows.py): units, targets and colour attached once, in two queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import Task, TaskTarget
from plans.rows import flatten_outline, outline_rows, task_rows, unit_ids
from tests.factories import TaskFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_a_page_of_rows_takes_two_queries_whatever_its_size(world):
    zebra, alpha = UnitFactory(name="市甲局", short_name="甲局"), UnitFactory(name="市乙局")
    tasks = [
        TaskFactory(
            plan=world.plan,
            parent=world.section,
            lead_units=[zebra, alpha],
            cooperating_units=[world.coop_unit],
        )
        for _ in range(5)
    ]
    TaskTarget.objects.create(task=tasks[0], metric="新增企业", value=Decimal("10"), unit_of_measure="家")
    loaded = list(Task.objects.filter(pk__in=[task.pk for task in tasks]).select_related("plan"))
    with CaptureQueriesContext(connection) as captured:
        rows = task_rows(loaded, today=date(2026, 3, 2))
    tables = [q["sql"] for q in captured if "plans_task" in q["sql"]]
    assert len(tables) == 2  # the units of both links in one, the targets (and the workday calendar, once)
    assert len(captured) <= 3
    first = next(row for row in rows if row.pk == tasks[0].pk)
    assert first.lead_units_names == sorted(["市甲局", "市乙局"])  # in the units' order, by name
    labels = dict(zip(first.lead_units_names, first.lead_units_labels, strict=True))
    assert labels == {"市甲局": "甲局", "市乙局": "市乙局"}  # short names where there are
    assert first.cooperating_units_ids == [world.coop_unit.pk]
    assert [target.metric for target in first.target_rows] == ["新增企业"]
    assert all(row.colour and row.colour_reason for row in rows)


def test_sections_have_no_colour_of_their_own_and_the_outline_nests(world):
    roots = outline_rows(world.plan, today=date(2026, 3, 2))
    rows = flatten_outline(roots)
    assert [(depth, task.label) for depth, task in rows] == [(0, "一、"), (1, "（一）"), (1, "（二）")]
    section = rows[0][1]
    assert (section.colour, section.colour_reason) == ("", "")


def test_a_tasks_units_from_its_row_or_from_the_database_agree(world):
    [row] = task_rows([Task.objects.get(pk=world.task.pk)], today=date(2026, 3, 2))
    plain = Task.objects.get(pk=world.task.pk)
    assert unit_ids(row) == unit_ids(plain) == {world.lead_unit.pk, world.coop_unit.pk}
    assert unit_ids(row, links=("lead_units",)) == {world.lead_unit.pk}
