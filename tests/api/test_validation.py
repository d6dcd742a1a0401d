"""Bad input gets 400 with field messages; stale writes get 409 with the current version; nothing is
written."""

import pytest

from plans.models import Plan, ProgressReport, Task

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": "x", "start_date": "2027-01-01", "end_date": "2026-01-01"}, "end_date"),
        ({"title": "", "start_date": "2027-01-01", "end_date": "2027-12-31"}, "title"),
        ({"title": "x", "start_date": "yesterday", "end_date": "2027-12-31"}, "start_date"),
        ({"title": "x", "start_date": "2027-01-01", "end_date": "2027-12-31", "kind": "weird"}, "kind"),
    ],
)
def test_plan_create_field_errors(world, api, payload, field):
    response = api(world.users["planner"]).post(
        "/api/v1/plans/", {"zone": world.zone.pk, **payload}, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert Plan.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": "x", "lead_units": [999999]}, "lead_units"),
        ({"title": "x", "deadline": "2026-13-01"}, "deadline"),
        ({"title": "x", "reporting_cycle": "daily"}, "reporting_cycle"),
        ({"title": "x", "targets": [{"metric": "平台", "value": "many"}]}, "targets"),
        ({"title": "x", "is_section": True, "lead_units": "LEAD"}, "lead_units"),
        ({"title": "x", "lead_units": "LEAD", "cooperating_units": "LEAD"}, "cooperating_units"),
    ],
)
def test_task_create_field_errors(world, api, payload, field):
    for key in ("lead_units", "cooperating_units"):
        if payload.get(key) == "LEAD":
            payload[key] = [world.lead_unit.pk]
    before = Task.objects.count()
    response = api(world.users["planner"]).post(
        "/api/v1/tasks/", {"plan": world.plan.pk, **payload}, format="json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert Task.objects.count() == before


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"percent": 101, "narrative": "x"}, "percent"),
        ({"percent": 10}, "narrative"),
        ({"percent": "half", "narrative": "x"}, "percent"),
        ({"percent": 10, "narrative": "x", "unit": 0}, "unit"),
    ],
)
def test_progress_field_errors(world, api, payload, field):
    response = api(world.users["reporter"]).post(
        f"/api/v1/tasks/{world.task.pk}/progress/", payload, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert ProgressReport.objects.count() == 0


def test_duplicate_report_in_a_period_is_a_400_not_a_500(world, api):
    client = api(world.users["reporter"])
    assert (
        client.post(f"/api/v1/tasks/{world.task.pk}/progress/", {"percent": 10, "narrative": "a"}).status_code
        == 201
    )
    second = client.post(f"/api/v1/tasks/{world.task.pk}/progress/", {"percent": 20, "narrative": "b"})
    assert second.status_code == 400
    assert "non_field_errors" in second.json()
    assert ProgressReport.objects.count() == 1


def test_review_return_without_reason_is_400(world, api):
    report_id = (
        api(world.users["reporter"])
        .post(f"/api/v1/tasks/{world.task.pk}/progress/", {"percent": 10, "narrative": "a"})
        .json()["id"]
    )
    response = api(world.users["planner"]).post(f"/api/v1/progress/{report_id}/review/", {"action": "return"})
    assert (response.status_code, list(response.json())) == (400, ["comment"])
    assert ProgressReport.objects.get().review_state == "submitted"


class TestStaleUpdates:
    def test_update_without_a_version_is_refused(self, world, api):
        response = api(world.users["planner"]).patch(
            f"/api/v1/tasks/{world.task.pk}/", {"title": "x"}, format="json"
        )
        assert (response.status_code, list(response.json())) == (400, ["version"])
        world.task.refresh_from_db()
        assert world.task.title == "加速创新要素集聚"

    def test_second_writer_from_the_same_version_gets_409(self, world, api):
        client = api(world.users["planner"])
        history_before = world.task.history.count()
        first = client.patch(f"/api/v1/tasks/{world.task.pk}/", {"title": "甲", "version": 1}, format="json")
        assert (first.status_code, first.json()["version"], first["ETag"]) == (200, 2, '"2"')
        second = client.patch(f"/api/v1/tasks/{world.task.pk}/", {"title": "乙", "version": 1}, format="json")
        assert second.status_code == 409
        assert second.json()["current_version"] == 2
        world.task.refresh_from_db()
        assert (world.task.title, world.task.version, world.task.history.count()) == (
            "甲",
            2,
            history_before + 1,
        )

    def test_if_match_header_works_like_the_version_field(self, world, api):
        client = api(world.users["planner"])
        etag = client.get(f"/api/v1/plans/{world.plan.pk}/")["ETag"]
        assert etag == '"1"'
        ok = client.patch(
            f"/api/v1/plans/{world.plan.pk}/", {"title": "新"}, format="json", HTTP_IF_MATCH=etag
        )
        assert ok.status_code == 200
        stale = client.patch(
            f"/api/v1/plans/{world.plan.pk}/", {"title": "旧"}, format="json", HTTP_IF_MATCH=etag
        )
        assert stale.status_code == 409
        world.plan.refresh_from_db()
        assert (world.plan.title, world.plan.version) == ("新", 2)

    def test_a_progress_report_changes_the_task_version(self, world, api):
        api(world.users["reporter"]).post(
            f"/api/v1/tasks/{world.task.pk}/progress/", {"percent": 5, "narrative": "a"}
        )
        response = api(world.users["planner"]).patch(
            f"/api/v1/tasks/{world.task.pk}/", {"title": "x", "version": 1}, format="json"
        )
        assert (response.status_code, response.json()["current_version"]) == (409, 2)
