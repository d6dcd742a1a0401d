"""Roll-up of sections and plans: weighted percents and colours from the items below."""

from datetime import date
from decimal import Decimal as D

import pytest

from plans.choices import TaskStatus
from plans.models import Task
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db


def test_weighted_percents_and_colours(world, api):
    """一、 holds （一） 60 % weight 1 and （二） 20 % weight 3 → (60 + 60) / 4 = 30 %; a second section 二、
    holds a sub-section whose one item is 90 % → 90 %; the plan: (60 + 60 + 90) / 5 = 42 %."""
    Task.objects.filter(pk=world.task.pk).update(percent=60)
    Task.objects.filter(pk=world.other_task.pk).update(
        percent=20, weight=3, deadline=date(2026, 1, 5), status=TaskStatus.OVERDUE
    )
    second = TaskFactory(
        plan=world.plan, label="二、", title="第二部分", is_section=True, position=2, deadline=None
    )
    sub = TaskFactory(
        plan=world.plan, parent=second, label="（一）", title="子章节", is_section=True, deadline=None
    )
    TaskFactory(
        plan=world.plan, parent=sub, label="1.", title="子任务", percent=90, lead_units=[world.lead_unit]
    )
    outline = api(world.users["leader"]).get(f"/api/v1/plans/{world.plan.pk}/outline/").json()
    first, later = outline
    assert (first["percent"], later["percent"], later["children"][0]["percent"]) == (30, 90, 90)
    assert first["colour"] == "red"  # the overdue item weighs 3 of 4
    from plans.rollup import weighted_percents
    from plans.rows import outline_rows

    assert weighted_percents(outline_rows(world.plan, today=date.today()))[None] == D("42.0")


def test_outline_page_shows_the_plans_roll_up(world, client):
    Task.objects.filter(pk=world.task.pk).update(percent=50)
    client.force_login(world.users["leader"])
    html = client.get(f"/plans/{world.plan.pk}/").content.decode()
    assert "25.0%" in html  # (50 + 0) / 2


def test_each_section_counts_every_item_below_it_at_any_depth(world):
    from django.utils import translation

    from plans.rollup import roll_up
    from plans.rows import flatten_outline, outline_rows

    second = TaskFactory(
        plan=world.plan, label="二、", title="第二部分", is_section=True, position=2, deadline=None
    )
    sub = TaskFactory(
        plan=world.plan, parent=second, label="（一）", title="子章节", is_section=True, deadline=None
    )
    for number, deadline in enumerate([date(2026, 1, 5), date(2026, 1, 6), date(2099, 1, 1)], start=1):
        TaskFactory(
            plan=world.plan, parent=sub, label=f"{number}.", deadline=deadline, status=TaskStatus.ON_TRACK
        )
    TaskFactory(
        plan=world.plan, parent=second, label="（二）", deadline=date(2099, 1, 1), status=TaskStatus.ON_TRACK
    )
    roots = outline_rows(world.plan, today=date(2026, 3, 2))

    with translation.override("en"):
        plan_reason = roll_up(world.plan, roots)[2]

    sections = {task.label: task for _depth, task in flatten_outline(roots) if task.is_section}
    assert sections["（一）"].colour_reason == "2 red, 0 yellow of 3 tasks"
    assert sections["（一）"].colour == "red"
    # its own item and the sub-section's three
    assert sections["二、"].colour_reason == "2 red, 0 yellow of 4 tasks"
    items = [task for _depth, task in flatten_outline(roots) if not task.is_section]
    red = sum(task.colour == "red" for task in items)
    yellow = sum(task.colour == "yellow" for task in items)
    assert plan_reason == f"{red} red, {yellow} yellow of {len(items)} tasks"
