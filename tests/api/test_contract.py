"""The REST contract of DESIGN.md: paths, fields, filters, pagination, authentication."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from plans.choices import PlanStatus, TaskStatus
from tests.factories import PlanFactory, TaskFactory

pytestmark = pytest.mark.django_db


def test_wrong_password_gets_no_token(world):
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "reporter", "password": "nope"}, format="json"
    )
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_units_and_zones(world, api):
    client = api(world.users["reporter"])
    units = client.get("/api/v1/units/").json()
    assert units["count"] == 3
    assert {"id", "name", "short_name"} <= set(units["results"][0])
    assert {unit["name"] for unit in units["results"]} == {"市科技局", "市财政局", "市自然资源局"}
    assert client.get("/api/v1/zones/").json()["count"] == 2


def test_plan_fields_and_pagination(world, api):
    body = api(world.users["reporter"]).get("/api/v1/plans/").json()
    assert set(body) == {"count", "next", "previous", "results"}
    plan = body["results"][0]
    assert (plan["id"], plan["title"], plan["status"]) == (
        world.plan.pk,
        "玉林高新区2026年工作计划",
        "published",
    )


def test_task_fields(world, api):
    body = api(world.users["reporter"]).get(f"/api/v1/tasks/{world.task.pk}/").json()
    expected = {
        "id": world.task.pk,
        "plan": world.plan.pk,
        "parent": world.section.pk,
        "label": "（一）",
        "title": "加速创新要素集聚",
        "lead_units": [world.lead_unit.pk],
        "cooperating_units": [world.coop_unit.pk],
        "deadline": "2026-12-31",
        "status": "not_started",
        "percent": 0,
        "version": 1,
    }
    assert {key: body[key] for key in expected} == expected


def test_outline_is_the_tree_in_document_order(world, api):
    TaskFactory(plan=world.plan, label="二、", title="第二部分", is_section=True, position=2, deadline=None)
    outline = api(world.users["reporter"]).get(f"/api/v1/plans/{world.plan.pk}/outline/").json()
    assert [node["label"] for node in outline] == ["一、", "二、"]
    assert [child["label"] for child in outline[0]["children"]] == ["（一）", "（二）"]
    assert outline[0]["children"][0]["children"] == []


@pytest.mark.parametrize("page", ["/api/v1/plans/{plan}/outline/", "/plans/{plan}/"])
def test_an_outline_is_computed_again_after_a_write_to_its_plan_alone(world, client, page):
    """The outline (API and page) is cached under its plan's data version: a filing in another plan of the
    zone leaves it cached, a filing in its own plan shows at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plans import services

    elsewhere = TaskFactory(plan=PlanFactory(zone=world.zone), lead_units=[world.lead_unit])
    client.force_login(world.users["planner"])
    path = page.format(plan=world.plan.pk)

    def outline_read() -> bool:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200
        # the outline's units
        return any('FROM "plans_task_lead_units"' in query["sql"] for query in captured)

    outline_read()
    services.progress_submit(actor=world.users["reporter"], task=elsewhere, percent=10, narrative="另一计划")
    assert not outline_read()
    services.progress_submit(actor=world.users["reporter"], task=world.task, percent=10, narrative="本计划")
    assert outline_read()


class TestTaskFilters:
    @pytest.fixture
    def tasks(self, world):
        late = TaskFactory(
            plan=world.plan,
            parent=world.section,
            title="逾期任务",
            deadline=date(2020, 6, 30),
            lead_units=[world.coop_unit],
            status=TaskStatus.ON_TRACK,
        )
        done_late = TaskFactory(
            plan=world.plan,
            parent=world.section,
            title="已完成",
            deadline=date(2020, 6, 30),
            lead_units=[world.coop_unit],
            status=TaskStatus.DONE,
        )
        return late, done_late

    def ids(self, client, query):
        response = client.get(f"/api/v1/tasks/?{query}")
        assert response.status_code == 200, response.content
        return {task["id"] for task in response.json()["results"]}

    def test_each_filter(self, world, api, tasks):
        late, done_late = tasks
        client = api(world.users["planner"])
        assert self.ids(client, f"unit={world.coop_unit.pk}") == {world.task.pk, late.pk, done_late.pk}
        assert self.ids(client, f"lead_unit={world.coop_unit.pk}") == {late.pk, done_late.pk}
        assert self.ids(client, "overdue=true") == {late.pk}
        assert self.ids(client, "status=done") == {done_late.pk}
        assert self.ids(client, "deadline_before=2021-01-01") == {late.pk, done_late.pk}
        assert self.ids(client, "deadline_after=2026-01-01&is_section=false") == {
            world.task.pk,
            world.other_task.pk,
        }
        assert self.ids(client, "search=土地") == {world.other_task.pk}
        assert self.ids(client, f"plan={world.plan.pk}&is_section=true") == {world.section.pk}

    def test_bad_filter_values_are_400(self, world, api):
        client = api(world.users["planner"])
        assert client.get("/api/v1/tasks/?deadline_before=not-a-date").status_code == 400
        assert client.get("/api/v1/tasks/?status=bogus").status_code == 400
        assert client.get("/api/v1/tasks/?unit=abc").status_code == 400


def test_a_units_tasks_are_paged_keys_first_in_the_lists_order(world, api):
    """A unit's list (`KeysFirstPaginator`) pages exactly the tasks, order and count that the full list holds
    for that unit, never a draft plan's, and refuses a page past the end as every list does."""
    for position in (7, 6, 5, 4, 3):  # created against the outline's order: the keys' order must hold
        TaskFactory(plan=world.plan, parent=world.section, position=position, lead_units=[world.coop_unit])
    draft = PlanFactory(zone=world.zone, status=PlanStatus.DRAFT)
    TaskFactory(plan=draft, lead_units=[world.coop_unit])
    client = api(world.users["coop_reporter"])
    everything = client.get("/api/v1/tasks/?page_size=500").json()["results"]
    involved = [
        task for task in everything if world.coop_unit.pk in task["lead_units"] + task["cooperating_units"]
    ]
    expected = [task["id"] for task in involved]
    assert len(expected) == 6
    paged, url = [], f"/api/v1/tasks/?unit={world.coop_unit.pk}&page_size=4"
    while url:
        body = client.get(url).json()
        assert body["count"] == len(expected)
        paged += [task["id"] for task in body["results"]]
        url = body["next"]
    assert paged == expected
    assert client.get(f"/api/v1/tasks/?unit={world.coop_unit.pk}&page_size=4&page=3").status_code == 404
    none = client.get(f"/api/v1/tasks/?unit={world.other_unit.pk}&status=done").json()
    assert (none["count"], none["results"]) == (0, [])


def test_schema_and_docs_are_served(world, client):
    client.force_login(world.users["reporter"])
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    text = schema.content.decode()
    for path in (
        "/api/v1/plans/{id}/outline/",
        "/api/v1/plans/{id}/publish/",
        "/api/v1/tasks/{id}/progress/",
        "/api/v1/progress/{id}/review/",
        "/api/v1/units/",
        "/api/v1/zones/",
    ):
        assert path in text
    assert client.get("/api/docs/").status_code == 200


def test_progress_list_create_and_review(world, api):
    reporter, planner = api(world.users["reporter"]), api(world.users["planner"])
    created = reporter.post(
        f"/api/v1/tasks/{world.task.pk}/progress/",
        {"percent": 45, "narrative": "完成平台选址", "problems": "资金缺口", "next_steps": "申报"},
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["percent"], body["narrative"], body["problems"], body["next_steps"], body["unit"]) == (
        45,
        "完成平台选址",
        "资金缺口",
        "申报",
        world.lead_unit.pk,
    )
    listed = reporter.get(f"/api/v1/tasks/{world.task.pk}/progress/").json()
    assert [report["id"] for report in listed["results"]] == [body["id"]]
    reviewed = planner.post(f"/api/v1/progress/{body['id']}/review/", {"action": "accept"})
    assert (reviewed.status_code, reviewed.json()["review_state"]) == (200, "accepted")
    assert planner.get(f"/api/v1/tasks/{world.task.pk}/").json()["percent"] == 45


def test_progress_with_an_attachment_as_multipart(world, api):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("佐证材料.docx", b"PK\x03\x04 docx", content_type="application/octet-stream")
    response = api(world.users["reporter"]).post(
        f"/api/v1/tasks/{world.task.pk}/progress/",
        {"percent": 10, "narrative": "启动", "attachments": [upload]},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    assert [a["name"] for a in response.json()["attachments"]] == ["佐证材料.docx"]


def test_openapi_schema_is_valid_without_warnings():
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
