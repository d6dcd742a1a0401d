from decimal import Decimal

import pytest
from django.db.models import Sum

from projects.models import Milestone, Project, ProjectIssue, ProjectReport
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_project_fields_and_figures(projects, api, world):
    body = api(world.users["reporter"]).get(f"/api/v1/projects/{projects['chip'].pk}/?year=2026").json()
    assert (body["stage"], body["responsible_unit"]) == ("under_construction", world.lead_unit.pk)
    assert (body["total_investment"], body["year_planned_investment"]) == ("300000.00", "1200.00")
    assert (
        body["invested_since_start"],
        body["milestones_total"],
        body["open_issues"],
        body["is_behind"],
    ) == (
        "600.00",
        2,
        1,
        True,
    )


def test_filters(projects, api, world):
    client = api(world.users["leader"])
    chip, dairy, road = projects["chip"], projects["dairy"], projects["road"]
    ProjectFactory(zone=world.other_zone, name="别区项目", investor="另一投资方")
    assert ids(client.get(f"/api/v1/projects/?zone={world.zone.pk}")) == {chip.pk, dairy.pk, road.pk}
    assert ids(client.get("/api/v1/projects/?stage=signed&stage=in_production")) == {dairy.pk, road.pk}
    assert ids(client.get(f"/api/v1/projects/?responsible_unit={world.lead_unit.pk}")) == {chip.pk, road.pk}
    assert ids(client.get("/api/v1/projects/?behind=true")) >= {chip.pk, dairy.pk}
    assert road.pk in ids(client.get("/api/v1/projects/?behind=false"))
    assert ids(client.get("/api/v1/projects/?has_open_issues=true")) == {chip.pk}
    assert ids(client.get("/api/v1/projects/?search=乳品")) == {dairy.pk}
    assert ids(client.get("/api/v1/projects/?search=另一投资")) != set()
    assert client.get("/api/v1/projects/?stage=flying").status_code == 400


def test_summary_endpoint(projects, api, world):
    body = api(world.users["leader"]).get(f"/api/v1/projects/summary/?zone={world.zone.pk}&year=2026").json()
    assert (
        body["totals"]["projects"],
        body["totals"]["start_rate"],
        body["totals"]["invested_since_start"],
    ) == (
        3,
        "66.7",
        "1200.00",
    )
    assert {unit["name"] for unit in body["by_unit"]} == {"市科技局", "市自然资源局"}
    assert api(world.users["leader"]).get("/api/v1/projects/summary/?zone=abc").status_code == 400


def test_nested_lists(projects, api, world):
    client = api(world.users["reporter"])
    chip = projects["chip"]
    reports = client.get(f"/api/v1/projects/{chip.pk}/reports/").json()
    assert [(r["year"], r["month"], r["month_investment"], r["cumulative_total"]) for r in reports] == [
        (2025, 12, "300.00", "300.00"),
        (2026, 1, "100.00", "400.00"),
        (2026, 2, "200.00", "600.00"),
    ]
    milestones = client.get(f"/api/v1/projects/{chip.pk}/milestones/").json()
    assert [m["name"] for m in milestones] == ["主体封顶", "设备进场"]
    issues = client.get(f"/api/v1/projects/{chip.pk}/issues/").json()
    assert [(i["state"], i["responsible_unit"]) for i in issues] == [("open", world.coop_unit.pk)]


def state():
    return (
        Project.objects.count(),
        Project.objects.aggregate(v=Sum("version"))["v"],
        Milestone.objects.count(),
        Milestone.objects.aggregate(v=Sum("version"))["v"],
        ProjectReport.objects.count(),
        ProjectIssue.objects.count(),
        ProjectIssue.objects.aggregate(v=Sum("version"))["v"],
    )


@pytest.mark.parametrize(
    ("method", "path", "payload", "field"),
    [
        ("post", "/api/v1/projects/", {"total_investment": "-1"}, "total_investment"),
        ("post", "/api/v1/projects/", {"land_area": "-3"}, "land_area"),
        (
            "post",
            "/api/v1/projects/",
            {"actual_start": "2026-05-01", "actual_completion": "2026-04-01", "stage": "completed"},
            "__all__",
        ),
        (
            "post",
            "/api/v1/projects/",
            {"planned_start": "2026-05-01", "planned_completion": "2026-04-01"},
            "__all__",
        ),
        ("post", "REPORTS", {"year": 2026, "month": 2, "month_investment": "5"}, "non_field_errors"),
        ("post", "REPORTS", {"year": 2026, "month": 13, "month_investment": "5"}, "month"),
        ("post", "REPORTS", {"year": 2026, "month": 4, "month_investment": "-5"}, "month_investment"),
        ("post", "STAGE", {"stage": "planning", "version": 1}, "reason"),
        ("post", "STAGE", {"stage": "in_production", "version": 1}, "actual_completion"),
    ],
)
def test_rule_and_constraint_violations_are_400(projects, api, world, method, path, payload, field):
    chip = projects["chip"]
    base = {
        "zone": world.zone.pk,
        "year": 2026,
        "name": "x",
        "total_investment": "1",
        "responsible_unit": world.lead_unit.pk,
    }
    if path == "REPORTS":
        path, body, user = f"/api/v1/projects/{chip.pk}/reports/", payload, world.users["reporter"]
    elif path == "STAGE":
        path, body, user = f"/api/v1/projects/{chip.pk}/stage/", payload, world.users["planner"]
    else:
        body, user = {**base, **payload}, world.users["planner"]
    before = state()
    response = getattr(api(user), method)(path, body, format="json")
    assert response.status_code == 400, response.content
    expected_field = "non_field_errors" if field == "__all__" else field
    assert expected_field in response.json()
    assert state() == before


def test_stale_project_update_is_409(projects, api, world):
    client = api(world.users["planner"])
    path = f"/api/v1/projects/{projects['road'].pk}/"
    assert client.patch(path, {"investor": "甲", "version": 1}, format="json").status_code == 200
    stale = client.patch(path, {"investor": "乙", "version": 1}, format="json")
    assert (stale.status_code, stale.json()["current_version"]) == (409, 2)
    assert Project.objects.get(pk=projects["road"].pk).investor == "甲"


def test_money_keeps_its_decimals(projects, api, world):
    response = api(world.users["reporter"]).post(
        f"/api/v1/projects/{projects['chip'].pk}/reports/",
        {"year": 2026, "month": 3, "month_investment": "1234.56"},
        format="json",
    )
    assert response.status_code == 201
    assert ProjectReport.objects.get(pk=response.json()["id"]).month_investment == Decimal("1234.56")
