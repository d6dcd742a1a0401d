"""Every write endpoint × every role: the exact status, and nothing written when refused."""

from datetime import date

import pytest
from django.db.models import Sum

from plans.choices import PlanStatus
from plans.models import CloseOut, ExtensionRequest, Instruction, Plan, ProgressReport, Task
from tests.factories import PlanFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reporter", "other_reporter", "leader", "planner", "other_planner", "admin"]


def state() -> tuple:
    """Everything a write could change, in one comparable value."""
    return (
        Plan.objects.count(),
        Task.objects.count(),
        ProgressReport.objects.count(),
        Instruction.objects.count(),
        Plan.objects.aggregate(v=Sum("version"))["v"],
        Task.objects.aggregate(v=Sum("version"))["v"],
        ProgressReport.objects.aggregate(v=Sum("version"))["v"],
        Task.history.count(),
        Plan.history.count(),
        ProgressReport.history.count(),
        tuple(Plan.objects.order_by("pk").values_list("status", flat=True)),
        tuple(ExtensionRequest.objects.order_by("pk").values_list("state", flat=True)),
        tuple(CloseOut.objects.order_by("pk").values_list("state", flat=True)),
    )


def request_for(endpoint: str, world):
    """(method, path, payload) of one write endpoint against the world's objects."""
    if endpoint == "plan-create":
        return (
            "post",
            "/api/v1/plans/",
            {"zone": world.zone.pk, "title": "2027年计划", "start_date": "2027-01-01", "end_date": "2027-12-31"},
        )
    if endpoint == "plan-update":
        return "patch", f"/api/v1/plans/{world.plan.pk}/", {"title": "改名", "version": 1}
    if endpoint == "plan-publish":
        draft = PlanFactory(zone=world.zone, status=PlanStatus.DRAFT, title="草案")
        Task.objects.create(plan=draft, title="任务", position=1).lead_units.set([world.lead_unit])
        return "post", f"/api/v1/plans/{draft.pk}/publish/", {}
    if endpoint == "plan-archive":
        return "post", f"/api/v1/plans/{world.plan.pk}/archive/", {}
    if endpoint == "task-create":
        return (
            "post",
            "/api/v1/tasks/",
            {"plan": world.plan.pk, "parent": world.section.pk, "title": "新任务", "lead_units": [world.lead_unit.pk]},
        )
    if endpoint == "task-update":
        return "patch", f"/api/v1/tasks/{world.task.pk}/", {"title": "改名", "version": 1}
    if endpoint == "task-delete":
        return "delete", f"/api/v1/tasks/{world.other_task.pk}/", None
    if endpoint == "progress-create":
        return (
            "post",
            f"/api/v1/tasks/{world.task.pk}/progress/",
            {"unit": world.lead_unit.pk, "percent": 20, "narrative": "进展"},
        )
    if endpoint == "progress-review":
        report = ProgressReportFactory(task=world.task, unit=world.lead_unit, period=date(2026, 5, 1))
        return "post", f"/api/v1/progress/{report.pk}/review/", {"action": "accept"}
    if endpoint == "task-move":
        return "post", f"/api/v1/tasks/{world.other_task.pk}/move/", {"direction": "up", "version": 1}
    if endpoint == "extension-create":
        return "post", f"/api/v1/tasks/{world.task.pk}/extension-requests/", {"requested_deadline": "2099-01-31",
                                                                                "reason": "资金未到位"}  # fmt: skip
    if endpoint == "extension-decide":
        pending = ExtensionRequest.objects.create(
            task=world.task, unit=world.lead_unit, requested_deadline="2099-01-31", reason="资金未到位"
        )
        return "post", f"/api/v1/tasks/{world.task.pk}/extension-requests/{pending.pk}/decide/", {"decision": "approve"}
    if endpoint == "closeout-apply":
        return "post", f"/api/v1/tasks/{world.task.pk}/close-out/", {"evidence": "已完成"}
    if endpoint in ("closeout-verify", "closeout-send-back"):
        CloseOut.objects.create(task=world.task, unit=world.lead_unit, evidence="已完成")
        action = endpoint.removeprefix("closeout-")
        return "post", f"/api/v1/tasks/{world.task.pk}/close-out/{action}/", {"reason": "缺少佐证"}
    raise AssertionError(endpoint)


# Expected status per endpoint, in the order of ROLES. 404: the object is not visible to the role.
MATRIX = {
    "plan-create": [401, 403, 403, 403, 201, 403, 201],
    "plan-update": [401, 403, 403, 403, 200, 403, 200],
    "plan-publish": [401, 404, 404, 403, 200, 404, 200],
    "plan-archive": [401, 403, 403, 403, 200, 403, 200],
    "task-create": [401, 403, 403, 403, 201, 403, 201],
    "task-update": [401, 403, 403, 403, 200, 403, 200],
    "task-delete": [401, 403, 403, 403, 204, 403, 204],
    "task-move": [401, 403, 403, 403, 200, 403, 200],
    "progress-create": [401, 201, 403, 403, 403, 403, 201],
    "progress-review": [401, 403, 404, 403, 200, 403, 200],
    "extension-create": [401, 201, 403, 403, 403, 403, 201],
    "extension-decide": [401, 403, 403, 403, 200, 403, 200],
    "closeout-apply": [401, 201, 403, 403, 403, 403, 201],
    "closeout-verify": [401, 403, 403, 403, 200, 403, 200],
    "closeout-send-back": [401, 403, 403, 403, 200, 403, 200],
}
CASES = [(endpoint, role, codes[i]) for endpoint, codes in MATRIX.items() for i, role in enumerate(ROLES)]


@pytest.mark.parametrize(("endpoint", "role", "expected"), CASES, ids=[f"{e}-{r}" for e, r, _ in CASES])
def test_write_permission_matrix(world, api, endpoint, role, expected):
    method, path, payload = request_for(endpoint, world)
    before = state()
    client = api(None if role == "anonymous" else world.users[role])
    response = getattr(client, method)(path, payload, format="json")
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert state() == before


def test_reporters_see_only_their_units_reports(world, api):
    mine = ProgressReportFactory(task=world.task, unit=world.lead_unit)
    theirs = ProgressReportFactory(task=world.other_task, unit=world.other_unit)
    listed = {r["id"] for r in api(world.users["reporter"]).get("/api/v1/progress/").json()["results"]}
    assert listed == {mine.pk}
    assert api(world.users["reporter"]).get(f"/api/v1/progress/{theirs.pk}/").status_code == 404
    everything = {r["id"] for r in api(world.users["leader"]).get("/api/v1/progress/").json()["results"]}
    assert everything == {mine.pk, theirs.pk}


def test_drafts_are_hidden_from_reporters_and_other_zones(world, api):
    draft = PlanFactory(zone=world.zone, status=PlanStatus.DRAFT)
    for role, visible in [("reporter", False), ("other_planner", False), ("planner", True), ("leader", True)]:
        ids = {p["id"] for p in api(world.users[role]).get("/api/v1/plans/").json()["results"]}
        assert (draft.pk in ids) is visible, role
