"""Foreign ids smuggled into a write — in the URL, a foreign-key field, an id list or a filter — are refused
and write nothing; a reporter's lists hold nothing outside their units' scope."""

import pytest

from plans.choices import PlanStatus
from plans.models import ExtensionRequest
from tests.factories import PlanFactory, ProgressReportFactory, ProjectReportFactory, TaskFactory
from tests.security.snapshot import snapshot
from zoneplan.notifications.models import Notification
from zoneplan.reports.models import FileJob

pytestmark = pytest.mark.django_db


def _foreign_plan(w):
    plan = PlanFactory(zone=w.other_zone, title="别区计划")
    return plan, TaskFactory(plan=plan, title="别区任务", position=1, lead_units=[w.other_unit])


def _other_tasks_extension(w):
    return ExtensionRequest.objects.create(
        task=w.other_task, unit=w.other_unit, requested_deadline="2099-01-31", reason="资金未到位"
    )


# (who, method, path, payload, expected status): each names an object the user may not touch through one they
# may.
SMUGGLED = {
    "url: another task's extension request decided through this task": lambda w: (
        "planner", "post",
        f"/api/v1/tasks/{w.task.pk}/extension-requests/{_other_tasks_extension(w).pk}/decide/",
        {"decision": "approve"}, 404),
    "url: another project's milestone through chip": lambda w: (
        "reporter", "patch", f"/api/v1/projects/{w.projects['chip'].pk}/milestones/"
        f"{w.projects['road'].milestones.get().pk}/", {"actual_date": "2026-07-01", "version": 1}, 404),
    "url: another project's problem resolved through chip": lambda w: (
        "reporter", "post", f"/api/v1/projects/{w.projects['chip'].pk}/issues/"
        f"{w.projects['dairy'].issues.get().pk}/resolve/", {"resolution": "已协调", "version": 1}, 404),
    "url: another project's report through chip": lambda w: (
        "reporter", "patch", f"/api/v1/projects/{w.projects['chip'].pk}/reports/"
        f"{ProjectReportFactory(project=w.projects['dairy'], year=2026, month=4).pk}/",
        {"month_investment": "1", "version": 1}, 404),
    "url: progress on another unit's task": lambda w: (
        "reporter", "post", f"/api/v1/tasks/{w.other_task.pk}/progress/",
        {"unit": w.lead_unit.pk, "percent": 10, "narrative": "x"}, 403),
    "fk: a task added to another zone's plan": lambda w: (
        "planner", "post", "/api/v1/tasks/", {"plan": _foreign_plan(w)[0].pk, "title": "x",
                                              "lead_units": [w.lead_unit.pk]}, 403),
    "fk: a task hung under another plan's task": lambda w: (
        "planner", "post", "/api/v1/tasks/", {"plan": w.plan.pk, "parent": _foreign_plan(w)[1].pk,
        "title": "x",
                                              "lead_units": [w.lead_unit.pk]}, 400),
    "fk: progress filed in the name of another unit": lambda w: (
        "reporter", "post", f"/api/v1/tasks/{w.task.pk}/progress/",
        {"unit": w.other_unit.pk, "percent": 10, "narrative": "x"}, 400),
    "fk: a project created in another zone": lambda w: (
        "planner", "post", "/api/v1/projects/", {"zone": w.other_zone.pk, "year": 2026, "name": "x",
                                                 "total_investment": "1",
                                                 "responsible_unit": w.lead_unit.pk}, 403),
    "fk: a problem given to a unit that does not exist": lambda w: (
        "reporter", "post", f"/api/v1/projects/{w.projects['chip'].pk}/issues/",
        {"description": "x", "responsible_unit": 999999}, 400),
    "fk: indicator values entered for a sibling zone": lambda w: (
        "stats", "post", "/api/v1/indicator-values/bulk/", {"zone": w.stats["sibling"].pk, "year": 2026,
        "month": 3,
        "values": [{"indicator": w.catalogue["gdp"].pk, "cumulative_value": "7"}]}, 403),
    "fk: a target set for another zone": lambda w: (
        "other_planner", "post", "/api/v1/indicator-targets/", {"zone": w.zone.pk,
        "indicator": w.catalogue["gdp"].pk, "year": 2026, "target_value": "29"}, 403),
    "fk: a ledger of a draft plan the user cannot see": lambda w: (
        "other_planner", "post", "/api/v1/files/", {"kind": "task_ledger", "plan": PlanFactory(
            zone=w.zone, status=PlanStatus.DRAFT).pk}, 403),
    "fk: an instruction addressed to a unit not on the task": lambda w: (
        "leader", "post", f"/api/v1/tasks/{w.task.pk}/instructions/", {"unit": w.other_unit.pk, "text": "x"},
        400),
    "id list: lead units with one that does not exist": lambda w: (
        "planner", "post", "/api/v1/tasks/", {"plan": w.plan.pk, "title": "x",
                                              "lead_units": [w.lead_unit.pk, 999999]}, 400),
    "id list: cooperating units changed with one that does not exist": lambda w: (
        "planner", "patch", f"/api/v1/tasks/{w.task.pk}/", {"cooperating_units": [999999], "version": 1},
        400),
    "id list: indicator values naming an indicator that does not exist": lambda w: (
        "stats", "post", "/api/v1/indicator-values/bulk/", {"zone": w.zone.pk, "year": 2026, "month": 3,
        "values": [{"indicator": 999999, "cumulative_value": "7"}]}, 400),
}  # fmt: skip


@pytest.mark.parametrize("case", list(SMUGGLED))
def test_smuggled_id_is_refused_and_writes_nothing(ctx, api, case):
    role, method, path, payload, expected = SMUGGLED[case](ctx)
    before = snapshot()
    response = getattr(api(ctx.users[role]), method)(path, payload, format="json")
    assert response.status_code == expected, response.content
    assert snapshot() == before


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    body = response.json()
    return {row["id"] for row in (body["results"] if isinstance(body, dict) else body)}


def test_a_reporters_lists_hold_only_their_scope(ctx, api):
    w = ctx
    mine = ProgressReportFactory(task=w.task, unit=w.lead_unit)
    ProgressReportFactory(task=w.other_task, unit=w.other_unit)
    draft = PlanFactory(zone=w.zone, status=PlanStatus.DRAFT, title="草案")
    draft_task = TaskFactory(plan=draft, title="草案任务", position=1, lead_units=[w.lead_unit])
    from zoneplan.instructions.services import instruction_create

    to_me = instruction_create(actor=w.users["leader"], subject=w.task, text="加快", unit=w.lead_unit)
    to_them = instruction_create(
        actor=w.users["leader"], subject=w.other_task, text="加快", unit=w.other_unit
    )
    own_note, their_note = (
        Notification.objects.create(
            recipient=w.users[who], kind="task_overdue", title="t", message="m", dedup_key=f"k:{who}"
        )
        for who in ("reporter", "other_reporter")
    )
    their_job = FileJob.objects.create(
        kind="task_ledger", params={"plan": w.plan.pk}, created_by=w.users["planner"]
    )
    client = api(w.users["reporter"])

    assert _ids(client.get("/api/v1/progress/")) == {mine.pk}
    assert _ids(client.get(f"/api/v1/progress/?unit={w.other_unit.pk}")) == set()
    assert _ids(client.get(f"/api/v1/progress/?task={w.other_task.pk}")) == set()
    assert _ids(client.get(f"/api/v1/tasks/{w.other_task.pk}/progress/")) == set()
    assert draft.pk not in _ids(client.get("/api/v1/plans/"))
    assert draft_task.pk not in _ids(client.get(f"/api/v1/tasks/?plan={draft.pk}"))
    assert client.get(f"/api/v1/tasks/{draft_task.pk}/").status_code == 404
    assert client.get(f"/api/v1/plans/{draft.pk}/outline/").status_code == 404
    assert _ids(client.get("/api/v1/instructions/")) == {to_me.pk}
    assert _ids(client.get(f"/api/v1/tasks/{w.other_task.pk}/instructions/")) == set()
    assert client.get(f"/api/v1/instructions/{to_them.pk}/").status_code == 404
    assert _ids(client.get("/api/v1/notifications/")) == {own_note.pk}
    assert client.get(f"/api/v1/notifications/{their_note.pk}/").status_code == 404
    assert _ids(client.get("/api/v1/files/")) == set()
    assert client.get(f"/api/v1/files/{their_job.pk}/download/").status_code == 404
    assert their_job.pk in _ids(api(w.users["planner"]).get("/api/v1/files/"))


def test_drafts_are_hidden_from_reporters_and_other_zones(world, api):
    draft = PlanFactory(zone=world.zone, status=PlanStatus.DRAFT)
    for role, visible in [("reporter", False), ("other_planner", False), ("planner", True), ("leader", True)]:
        ids = {p["id"] for p in api(world.users[role]).get("/api/v1/plans/").json()["results"]}
        assert (draft.pk in ids) is visible, role
