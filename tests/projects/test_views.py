"""Project pages: figures shown, forms per role, POSTs through the services, errors on the page."""

from datetime import date

import pytest

from projects.models import Milestone, ProjectIssue, ProjectReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client):
    def get(user, path):
        client.force_login(user)
        response = client.get(path)
        assert response.status_code == 200
        return response.content.decode()

    return get


def test_list_shows_projects_figures_and_filters(projects, page, world):
    html = page(world.users["leader"], "/projects/?year=2026")
    assert "华瑞微半导体IDM芯片项目" in html and "东方乳品新厂区项目" in html
    assert "66.7%" in html  # start rate: 2 of 3 signed projects started
    filtered = page(world.users["leader"], "/projects/?year=2026&stage=signed")
    assert "东方乳品新厂区项目" in filtered and "华瑞微半导体IDM芯片项目" not in filtered


def test_detail_shows_timeline_chart_problems_history(projects, page, world):
    html = page(world.users["leader"], f"/projects/{projects['chip'].pk}/")
    for text in ("主体封顶", "<svg", "用地指标未落实", "25-12", "600.00"):
        assert text in html, text


def test_each_role_gets_its_forms(projects, page, world):
    path = f"/projects/{projects['chip'].pk}/"
    reporter, planner, leader = (page(world.users[r], path) for r in ("reporter", "planner", "leader"))
    instruct = 'action="/instructions/project/{}/new/"'.format(projects["chip"].pk)
    assert 'value="report"' in reporter and 'value="stage"' not in reporter and instruct not in reporter
    assert 'value="stage"' in planner and 'value="milestone"' in planner and 'value="report"' not in planner
    assert instruct in leader and 'value="report"' not in leader
    other = page(world.users["other_reporter"], path)
    assert 'value="report"' not in other and 'value="record"' not in other


def test_reporter_files_a_month_and_records_a_milestone(projects, client, world):
    chip = projects["chip"]
    client.force_login(world.users["reporter"])
    response = client.post(
        f"/projects/{chip.pk}/",
        {
            "action": "report",
            "report-year": 2026,
            "report-month": 3,
            "report-month_investment": "420.5",
            "report-narrative": "设备采购",
        },
    )
    assert response.status_code == 302
    assert ProjectReport.objects.get(project=chip, year=2026, month=3).narrative == "设备采购"
    milestone = chip.milestones.get(name="主体封顶")
    client.post(
        f"/projects/{chip.pk}/",
        {
            "action": "record",
            "record-milestone": milestone.pk,
            "record-version": 1,
            "record-actual_date": "2026-07-02",
        },
    )
    milestone.refresh_from_db()
    assert milestone.actual_date == date(2026, 7, 2)


def test_errors_are_shown_and_nothing_written(projects, client, world):
    chip = projects["chip"]
    client.force_login(world.users["reporter"])
    response = client.post(
        f"/projects/{chip.pk}/",
        {"action": "report", "report-year": 2026, "report-month": 2, "report-month_investment": "5"},
    )
    assert response.status_code == 200
    assert ProjectReport.objects.filter(project=chip, year=2026, month=2).get().month_investment == 200
    client.force_login(world.users["planner"])
    response = client.post(
        f"/projects/{chip.pk}/",
        {"action": "stage", "stage-stage": "planning", "stage-version": 1, "stage-reason": ""},
    )
    assert response.status_code == 200
    chip.refresh_from_db()
    assert chip.stage == "under_construction"


def test_writes_outside_the_role_are_forbidden(projects, client, world):
    chip = projects["chip"]
    client.force_login(world.users["other_reporter"])
    response = client.post(
        f"/projects/{chip.pk}/",
        {"action": "issue", "issue-description": "x", "issue-responsible_unit": world.other_unit.pk},
    )
    assert response.status_code == 403
    assert ProjectIssue.objects.filter(project=chip).count() == 1
    client.force_login(world.users["reporter"])
    assert client.get(f"/projects/{chip.pk}/edit/").status_code == 403
    assert client.get("/projects/new/").status_code == 403
    assert Milestone.objects.filter(project=chip).count() == 2


def test_planner_adds_a_project(world, client):
    client.force_login(world.users["planner"])
    response = client.post(
        "/projects/new/",
        {
            "zone": world.zone.pk,
            "year": 2026,
            "name": "威力智能科技项目",
            "investor": "威力智能科技",
            "category": "industrial",
            "level": "city",
            "stage": "signed",
            "total_investment": "20000",
            "year_planned_investment": "6000",
            "responsible_unit": world.lead_unit.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert world.zone.projects.get().name == "威力智能科技项目"
