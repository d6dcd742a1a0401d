"""Clients and one small world for every test: a zone, units, a published plan, a user per role."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from decimal import Decimal as D

import pytest
from rest_framework.test import APIClient

from indicators.models import Indicator
from indicators.services import Entry, values_review, values_save
from organisation.choices import StaffRole
from organisation.models import Unit, Zone
from plans.models import Plan, Task
from projects.choices import IssueState, ProjectStage
from tests.factories import (
    MembershipFactory,
    MilestoneFactory,
    PlanFactory,
    ProjectFactory,
    ProjectIssueFactory,
    ProjectReportFactory,
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
    section = TaskFactory(
        plan=plan, label="一、", title="提升自主创新能力", is_section=True, position=1, deadline=None
    )
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
        plan=plan,
        parent=section,
        label="（二）",
        title="强化土地要素保障",
        position=2,
        lead_units=[other_unit],
    )
    users = {
        "admin": UserFactory(username="admin", is_superuser=True, is_staff=True),
        "planner": ZoneRoleFactory(
            user=UserFactory(username="planner"), role=StaffRole.PLANNER, zone=zone
        ).user,
        "other_planner": ZoneRoleFactory(
            user=UserFactory(username="other_planner"), role=StaffRole.PLANNER, zone=other_zone
        ).user,
        "leader": ZoneRoleFactory(user=UserFactory(username="leader"), role=StaffRole.LEADER, zone=None).user,
        "reporter": MembershipFactory(user=UserFactory(username="reporter"), unit=lead_unit).user,
        "coop_reporter": MembershipFactory(user=UserFactory(username="coop_reporter"), unit=coop_unit).user,
        "other_reporter": MembershipFactory(
            user=UserFactory(username="other_reporter"), unit=other_unit
        ).user,
        "nobody": UserFactory(username="nobody"),
    }
    return World(zone, other_zone, lead_unit, coop_unit, other_unit, plan, section, task, other_task, users)


def clear_own_cache():
    """Empty this run's part of the cache: on Redis only the keys of its prefix (two test processes share one
    Redis database, and clear() would empty it for the other mid-test); elsewhere the whole cache."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache (Redis in CI is shared by the runs)."""
    clear_own_cache()
    yield


@pytest.fixture
def signed_in(client):
    """The test client, signed in as `user`, for the pages."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def api():
    """An API client signed in as `user` (or anonymous with None)."""

    def client_for(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return client_for


@pytest.fixture
def stats(world):
    """The world's zone and a sibling zone under one city, each with a statistics unit; a `stats` user."""
    city = ZoneFactory(name="玉林市", level="city")
    world.zone.parent = city
    world.zone.statistics_unit = UnitFactory(name="玉林高新区经济发展局")
    world.zone.save()
    sibling = ZoneFactory(
        name="龙潭产业园区", parent=city, statistics_unit=UnitFactory(name="龙潭园区经发局")
    )
    world.users["stats"] = MembershipFactory(
        user=UserFactory(username="stats"), unit=world.zone.statistics_unit
    ).user
    world.users["sibling_stats"] = MembershipFactory(
        user=UserFactory(username="sibling_stats"), unit=sibling.statistics_unit
    ).user
    return {"city": city, "zone": world.zone, "sibling": sibling}


@pytest.fixture
def catalogue(db):
    """The standard indicators (installed by a migration; put back here after a transactional test's
    flush)."""
    from indicators.catalogue import install_catalogue

    install_catalogue(Indicator)
    return {indicator.code: indicator for indicator in Indicator.objects.all()}


@pytest.fixture
def enter(catalogue, world):
    """Enter and approve a month of values for a zone: enter(zone, year, month, {code: value}, user=…)."""

    def enter_month(zone, year, month, figures, *, user=None, approve=True, last_year=None):
        user = user or world.users["stats"]
        entries = [
            Entry(
                catalogue[code], D(str(value)), last_year_value=D(str(last_year[code])) if last_year else None
            )
            for code, value in figures.items()
        ]
        saved = values_save(actor=user, zone=zone, year=year, month=month, entries=entries, submit=True)
        if approve:
            admin = world.users["admin"]
            values_review(actor=admin, zone=zone, year=year, month=month, approve=True)
        return saved

    return enter_month


@pytest.fixture
def projects(world):
    """Three projects of the world's zone with figures small enough to compute by hand.

    chip  (市科技局): started 2026-02-01, planned 1200 this year; reports 2025-12: 300, 2026-01: 100, 2026-02:
    200; milestones: 主体封顶 planned 06-30 not reached (15 days late on 07-15), 设备进场 planned 08-31; one
    open problem raised 2026-07-05 (10 days open). dairy (市自然资源局): signed, planned start 2026-05-01 not
    started (behind); one resolved problem. road  (市科技局): in production, planned 600 this year; report
    2026-03: 600; milestone reached on time.
    """
    chip = ProjectFactory(
        zone=world.zone,
        name="华瑞微半导体IDM芯片项目",
        investor="华瑞微",
        responsible_unit=world.lead_unit,
        stage=ProjectStage.UNDER_CONSTRUCTION,
        actual_start=date(2026, 2, 1),
        total_investment=Decimal("300000"),
        year_planned_investment=Decimal("1200"),
    )
    dairy = ProjectFactory(
        zone=world.zone,
        name="东方乳品新厂区项目",
        investor="东方乳品",
        responsible_unit=world.other_unit,
        stage=ProjectStage.SIGNED,
        planned_start=date(2026, 5, 1),
        total_investment=Decimal("20000"),
        year_planned_investment=Decimal("0"),
    )
    road = ProjectFactory(
        zone=world.zone,
        name="滨河路拓宽改造工程",
        responsible_unit=world.lead_unit,
        stage=ProjectStage.IN_PRODUCTION,
        actual_start=date(2025, 3, 1),
        actual_completion=date(2026, 4, 1),
        total_investment=Decimal("680"),
        year_planned_investment=Decimal("600"),
    )
    ProjectReportFactory(project=chip, year=2025, month=12, month_investment=Decimal("300"))
    ProjectReportFactory(project=chip, year=2026, month=1, month_investment=Decimal("100"))
    ProjectReportFactory(project=chip, year=2026, month=2, month_investment=Decimal("200"))
    ProjectReportFactory(project=road, year=2026, month=3, month_investment=Decimal("600"))
    MilestoneFactory(project=chip, name="主体封顶", planned_date=date(2026, 6, 30))
    MilestoneFactory(project=chip, name="设备进场", planned_date=date(2026, 8, 31))
    MilestoneFactory(
        project=road, name="竣工验收", planned_date=date(2026, 4, 1), actual_date=date(2026, 3, 28)
    )
    ProjectIssueFactory(project=chip, raised_on=date(2026, 7, 5), responsible_unit=world.coop_unit)
    ProjectIssueFactory(
        project=dairy,
        raised_on=date(2026, 3, 1),
        state=IssueState.RESOLVED,
        resolution="已协调土地指标",
        resolved_on=date(2026, 4, 1),
        responsible_unit=world.other_unit,
    )
    return {"chip": chip, "dairy": dairy, "road": road}


@pytest.fixture
def run_jobs(django_capture_on_commit_callbacks):
    """`with run_jobs(): …` runs the file jobs queued inside in-process, as the commit would send them to a
    worker (the worker tests run them for real)."""
    from zoneplan.celery import app as celery_app

    celery_app.conf.task_always_eager = True
    try:
        yield lambda: django_capture_on_commit_callbacks(execute=True)
    finally:
        celery_app.conf.task_always_eager = False
