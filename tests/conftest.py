"""Clients and one small world for every test: a zone, units, a published plan, a user per role."""

from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from plans.choices import StaffRole
from plans.models import Plan, Task, Unit, Zone
from tests.factories import (
    MembershipFactory,
    PlanFactory,
    TaskFactory,
    UnitFactory,
    UserFactory,
    ZoneFactory,
    ZoneRoleFactory,
)


@dataclass
class World:
    zone: Zone
    other_zone: Zone
    lead_unit: Unit
    coop_unit: Unit
    other_unit: Unit
    plan: Plan
    section: Task
    task: Task
    other_task: Task
    users: dict


@pytest.fixture
def world(db) -> World:
    zone, other_zone = ZoneFactory(name="玉林高新区"), ZoneFactory(name="另一开发区")
    lead_unit = UnitFactory(name="市科技局", short_name="科技局")
    coop_unit = UnitFactory(name="市财政局")
    other_unit = UnitFactory(name="市自然资源局")
    plan = PlanFactory(zone=zone, title="玉林高新区2026年工作计划")
    section = TaskFactory(plan=plan, label="一、", title="提升自主创新能力", is_section=True, position=1, deadline=None)
    task = TaskFactory(
        plan=plan,
        parent=section,
        label="（一）",
        title="加速创新要素集聚",
        position=1,
        lead_units=[lead_unit],
        cooperating_units=[coop_unit],
    )
    other_task = TaskFactory(
        plan=plan, parent=section, label="（二）", title="强化土地要素保障", position=2, lead_units=[other_unit]
    )
    users = {
        "admin": UserFactory(username="admin", is_superuser=True, is_staff=True),
        "planner": ZoneRoleFactory(user=UserFactory(username="planner"), role=StaffRole.PLANNER, zone=zone).user,
        "other_planner": ZoneRoleFactory(
            user=UserFactory(username="other_planner"), role=StaffRole.PLANNER, zone=other_zone
        ).user,
        "leader": ZoneRoleFactory(user=UserFactory(username="leader"), role=StaffRole.LEADER, zone=None).user,
        "reporter": MembershipFactory(user=UserFactory(username="reporter"), unit=lead_unit).user,
        "coop_reporter": MembershipFactory(user=UserFactory(username="coop_reporter"), unit=coop_unit).user,
        "other_reporter": MembershipFactory(user=UserFactory(username="other_reporter"), unit=other_unit).user,
        "nobody": UserFactory(username="nobody"),
    }
    return World(zone, other_zone, lead_unit, coop_unit, other_unit, plan, section, task, other_task, users)


@pytest.fixture
def api():
    """An API client signed in as `user` (or anonymous with None)."""

    def client_for(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return client_for
