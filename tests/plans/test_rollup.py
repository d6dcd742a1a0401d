"""Roll-up of sections and plans: weighted percents and colours from the items below."""

from datetime import date
from decimal import Decimal as D

import pytest

from plans.choices import TaskStatus
from plans.models import Task
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db


def test_weighted_percents_and_colours(world, api):
    """一、 holds （一） 60 % weight 1 and （二） 20 % weight 3 → (60 + 60) / 4 = 30 %; a second section 二、 holds
    a sub-section whose one item is 90 % → 90 %; the plan: (60 + 60 + 90) / 5 = 42 %."""
    Task.objects.filter(pk=world.task.pk).update(percent=60)
    Task.objects.filter(pk=world.other_task.pk).update(percent=20, weight=3, deadline=date(2026, 1, 5),
                                                       status=TaskStatus.OVERDUE)  # fmt: skip
    second = TaskFactory(plan=world.plan, label="二、", title="第二部分", is_section=True, position=2, deadline=None)
    sub = TaskFactory(plan=world.plan, parent=second, label="（一）", title="子章节", is_section=True, deadline=None)
    TaskFactory(plan=world.plan, parent=sub, label="1.", title="子任务", percent=90, lead_units=[world.lead_unit])
    outline = api(world.users["leader"]).get(f"/api/v1/plans/{world.plan.pk}/outline/").json()
    first, later = outline
    assert (first["percent"], later["percent"], later["children"][0]["percent"]) == (30, 90, 90)
    assert first["colour"] == "red"  # the overdue item weighs 3 of 4
    from plans.rollup import weighted_percents
    from plans.selectors import plan_outline

    assert weighted_percents(plan_outline(plan=world.plan))[None] == D("42.0")


def test_outline_page_shows_the_plans_roll_up(world, client):
    Task.objects.filter(pk=world.task.pk).update(percent=50)
    client.force_login(world.users["leader"])
    html = client.get(f"/plans/{world.plan.pk}/").content.decode()
    assert "25.0%" in html  # (50 + 0) / 2
