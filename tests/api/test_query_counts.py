"""Query counts of the list and tree endpoints stay flat as the data grows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organisation.roles import forget_roles
from tests.factories import ProgressReportFactory, TaskFactory, UnitFactory

pytestmark = pytest.mark.django_db


def queries_for(client, path) -> int:
    """Queries of one request, as a fresh request with a fresh user object would make them (the working-day
    calendar read through the cache, as the request before left it)."""
    client.get(path)
    forget_roles(client.handler._force_user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", ["/api/v1/tasks/", "/api/v1/plans/{plan}/outline/", "/api/v1/progress/"])
def test_queries_do_not_grow_with_rows(world, api, path):
    client = api(world.users["leader"])
    path = path.format(plan=world.plan.pk)
    units = UnitFactory.create_batch(3)
    ProgressReportFactory(task=world.task, unit=world.lead_unit)
    small = queries_for(client, path)
    for _ in range(15):
        task = TaskFactory(
            plan=world.plan, parent=world.section, lead_units=units[:2], cooperating_units=units[2:]
        )
        ProgressReportFactory(task=task, unit=units[0])
    assert queries_for(client, path) == small


def test_reporter_task_list_query_count_is_pinned(world, api):
    # roles (memberships and zone roles in one union), count, tasks, both link tables' units in one, targets
    assert queries_for(api(world.users["reporter"]), "/api/v1/tasks/") == 5
    # a unit's list, keys first: roles, the keys in order (the count), the page's tasks by key, units, targets
    assert queries_for(api(world.users["reporter"]), f"/api/v1/tasks/?unit={world.lead_unit.pk}") == 5


def test_a_filings_statements_are_pinned(world, api):
    """Roles, the task with its plan, its lead and cooperating units (the reporting unit among them), BEGIN,
    the report and its history row, the task marked reported, read back, its history row and its units'
    snapshot (two), COMMIT: no savepoint of its own, no query for the unit or for an earlier report (the
    insert answers that)."""
    client = api(world.users["reporter"])
    forget_roles(world.users["reporter"])
    with CaptureQueriesContext(connection) as captured:
        response = client.post(
            f"/api/v1/tasks/{world.task.pk}/progress/", {"percent": 30, "narrative": "已完成"}
        )
    assert response.status_code == 201, response.content
    assert response.json()["unit"] == world.lead_unit.pk
    savepoints = [query for query in captured if query["sql"].startswith("SAVEPOINT")]
    assert len(savepoints) == 1  # the service's own (a test runs in a transaction, so it is nested), no other
    assert len(captured) == 14


def test_a_cached_dashboard_costs_one_query_with_a_token(world):
    """The token's user and roles in one statement, the zone checked against the cached zone ids: a leader's
    dashboard, once cached, asks the database one thing."""
    from rest_framework.test import APIClient

    from organisation.tokens import issue_token

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(world.users['leader'])[0]}")
    path = f"/api/v1/dashboard/summary/?zone={world.zone.pk}"
    assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).json()["zone"] == world.zone.pk
    assert len(captured) == 1
