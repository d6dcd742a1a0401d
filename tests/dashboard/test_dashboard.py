from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import Task
from plans.roles import forget_roles
from tests.factories import ProjectFactory, ProjectIssueFactory, TaskFactory

pytestmark = pytest.mark.django_db


def test_summary_figures(world, api):
    Task.objects.filter(pk=world.task.pk).update(status="overdue", deadline=date(2026, 1, 5))
    Task.objects.filter(pk=world.other_task.pk).update(status="done")
    project = ProjectFactory(zone=world.zone, stage="started", actual_start=date(2026, 2, 1), year=2026)
    ProjectIssueFactory(project=project, description="缺少用电指标")
    body = api(world.users["leader"]).get(f"/api/v1/dashboard/summary/?zone={world.zone.pk}&year=2026").json()
    units = {u["name"]: u for u in body["tasks_by_unit"]}
    assert units["市科技局"]["by_status"] == {"overdue": 1} and units["市自然资源局"]["completion"] == 100.0
    assert [t["title"] for t in body["overdue"]] == ["（一）加速创新要素集聚"]
    assert body["overdue"][0]["long_overdue"] is True
    assert (body["projects"]["count"], body["projects"]["by_stage"]["started"]) == (1, 1)
    assert [p["description"] for p in body["open_problems"]] == ["缺少用电指标"]


def test_only_leaders_and_planners(world, api, client):
    assert api(world.users["reporter"]).get("/api/v1/dashboard/summary/").status_code == 403
    client.force_login(world.users["reporter"])
    assert client.get("/dashboard/").status_code == 403
    client.force_login(world.users["leader"])
    page = client.get(f"/dashboard/?zone={world.zone.pk}").content.decode()
    assert "vendor/echarts/echarts.min.js" in page and 'id="dashboard-data"' in page
    assert api(world.users["planner"]).get("/api/v1/dashboard/summary/?zone=abc").status_code == 400


def test_queries_do_not_grow_with_the_data(world, client):
    client.force_login(world.users["leader"])

    def queries() -> int:
        forget_roles(world.users["leader"])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/dashboard/?zone={world.zone.pk}").status_code == 200
        return len(captured)

    def add():
        TaskFactory(plan=world.plan, parent=world.section, status="overdue", deadline=date(2026, 1, 5),
                    lead_units=[world.lead_unit])  # fmt: skip
        ProjectIssueFactory(project=ProjectFactory(zone=world.zone))

    add()  # lists not empty, so their prefetches run in both measurements
    before = queries()
    for _ in range(10):
        add()
    assert queries() == before
