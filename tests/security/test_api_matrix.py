"""The API permission matrix: every write operation of the OpenAPI schema × every role, the exact status, and
nothing written when refused. An operation added to the API without a row here fails
`test_every_write_has_a_row`.

The world: zone 玉林高新区 with a published plan; task （一） led by 市科技局 (the reporter's unit) with
市财政局 (the coop reporter's) cooperating; task （二） led by 市自然资源局 (the other reporter's). The leader
is city-wide, the planner plans this zone, the other planner another zone. Project chip is 市科技局's, its
open problem 市财政局's. For the indicator operations the owning unit is the zone's statistics unit (the
`stats` user).
"""

from dataclasses import dataclass

import pytest
from django.urls import set_urlconf
from drf_spectacular.generators import SchemaGenerator

from indicators.services import Entry, values_save
from plans.choices import PlanStatus
from plans.models import CloseOut, ExtensionRequest, Task
from tests.factories import PlanFactory, ProgressReportFactory, ProjectReportFactory
from tests.security.snapshot import snapshot
from zoneplan.instructions.models import Instruction
from zoneplan.instructions.services import instruction_create
from zoneplan.notifications.models import Notification

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "reporter",
    "coop_reporter",
    "other_reporter",
    "leader",
    "planner",
    "other_planner",
    "admin",
]
WRITE_METHODS = {"post", "put", "patch", "delete"}


@dataclass
class Write:
    method: str
    path: str
    payload: dict | None = None
    owner: str = "reporter"  # whose unit owns the object: the user who plays "reporter of the owning unit"


def schema_writes() -> set[str]:
    set_urlconf(None)
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {
        operation["operationId"]
        for path_item in schema["paths"].values()
        for method, operation in path_item.items()
        if method in WRITE_METHODS
    }


def _instruction(w) -> Instruction:
    return instruction_create(actor=w.users["leader"], subject=w.task, text="加快进度", unit=w.lead_unit)


def _notification(w) -> Notification:
    return Notification.objects.create(
        recipient=w.users["reporter"],
        kind="task_overdue",
        title="逾期提醒",
        message="任务逾期",
        dedup_key="overdue:1",
    )


def _submitted_month(w):
    gdp = w.catalogue["gdp"]
    values_save(actor=w.users["stats"], zone=w.zone, year=2026, month=3, entries=[Entry(gdp, 7)], submit=True)


def _draft_plan_with_a_task(w):
    draft = PlanFactory(zone=w.zone, status=PlanStatus.DRAFT, title="草案")
    Task.objects.create(plan=draft, title="任务", position=1).lead_units.set([w.lead_unit])
    return draft


def _extension(w) -> ExtensionRequest:
    return ExtensionRequest.objects.create(
        task=w.task, unit=w.lead_unit, requested_deadline="2099-01-31", reason="资金未到位"
    )


def _chip_report(w):
    return ProjectReportFactory(project=w.projects["chip"], year=2026, month=3)


def _chip(w):
    chip = w.projects["chip"]
    return chip, chip.milestones.order_by("planned_date").first(), chip.issues.get()


IMPORTED = "一、招商引资\n（一）引进项目。（牵头单位：市科技局）"
TASKS = "/api/v1/tasks"
PROJECTS = "/api/v1/projects"

# operationId: (request against the world, expected status per role in the order of ROLES)
# 404 where the object is not visible to the role; 401 for anonymous everywhere.
MATRIX = {
    "v1_auth_token_create": (
        lambda w: Write("post", "/api/v1/auth/token/", {"username": "reporter", "password": "wrong"}),
        [400, 400, 400, 400, 400, 400, 400, 400],  # a sign-in: open to all, wrong password refused
    ),
    "v1_auth_token_destroy": (
        lambda w: Write("delete", "/api/v1/auth/token/", {}),
        [401, 204, 204, 204, 204, 204, 204, 204],  # revoking one's own tokens
    ),
    "v1_files_create": (
        lambda w: Write(
            "post", "/api/v1/files/", {"kind": "monthly_report", "zone": w.zone.pk, "year": 2026, "month": 10}
        ),
        [401, 403, 403, 403, 202, 202, 403, 202],
    ),
    "v1_indicator_targets_create": (
        lambda w: Write(
            "post",
            "/api/v1/indicator-targets/",
            {"zone": w.zone.pk, "indicator": w.catalogue["gdp"].pk, "year": 2026, "target_value": "29"},
        ),
        [401, 403, 403, 403, 403, 201, 403, 201],
    ),
    "v1_indicator_values_bulk_create": (
        lambda w: Write(
            "post",
            "/api/v1/indicator-values/bulk/",
            {
                "zone": w.zone.pk,
                "year": 2026,
                "month": 3,
                "values": [{"indicator": w.catalogue["gdp"].pk, "cumulative_value": "7"}],
            },
            owner="stats",
        ),
        [401, 200, 403, 403, 403, 403, 403, 200],
    ),
    "v1_indicator_values_review_create": (
        lambda w: (
            _submitted_month(w)
            or Write(
                "post",
                "/api/v1/indicator-values/review/",
                {"zone": w.zone.pk, "year": 2026, "month": 3, "action": "approve"},
                owner="stats",
            )
        ),
        [401, 403, 403, 403, 403, 200, 403, 200],
    ),
    "v1_indicators_create": (
        lambda w: Write(
            "post",
            "/api/v1/indicators/",
            {"code": "exports", "name": "出口总额", "unit_of_measure": "亿元", "kind": "flow"},
        ),
        [401, 403, 403, 403, 403, 201, 201, 201],  # the catalogue is shared: any planner adds to it
    ),
    "v1_instructions_reply_create": (
        lambda w: Write("post", f"/api/v1/instructions/{_instruction(w).pk}/reply/", {"reply": "已落实"}),
        # addressed to 市科技局; reporters see only their units' ones
        [401, 200, 404, 404, 403, 403, 403, 200],
    ),
    "v1_notifications_read_create": (
        lambda w: Write("post", f"/api/v1/notifications/{_notification(w).pk}/read/", {}),
        [401, 200, 404, 404, 404, 404, 404, 404],  # one's own notifications only, even for the admin
    ),
    "v1_notifications_read_all_create": (
        lambda w: _notification(w) and Write("post", "/api/v1/notifications/read-all/", {}),
        # each marks their own: the reporter's stays unread for others
        [401, 200, 200, 200, 200, 200, 200, 200],
    ),
    "v1_plans_create": (
        lambda w: Write(
            "post",
            "/api/v1/plans/",
            {"zone": w.zone.pk, "title": "2027年计划", "start_date": "2027-01-01", "end_date": "2027-12-31"},
        ),
        [401, 403, 403, 403, 403, 201, 403, 201],
    ),
    "v1_plans_partial_update": (
        lambda w: Write("patch", f"/api/v1/plans/{w.plan.pk}/", {"title": "改名", "version": 1}),
        [401, 403, 403, 403, 403, 200, 403, 200],
    ),
    "v1_plans_publish_create": (
        lambda w: Write("post", f"/api/v1/plans/{_draft_plan_with_a_task(w).pk}/publish/", {}),
        [401, 404, 404, 404, 403, 200, 404, 200],  # a draft is hidden from reporters and other zones
    ),
    "v1_plans_archive_create": (
        lambda w: Write("post", f"/api/v1/plans/{w.plan.pk}/archive/", {}),
        [401, 403, 403, 403, 403, 200, 403, 200],
    ),
    "v1_plans_import_create": (
        lambda w: Write(
            "post",
            "/api/v1/plans/import/",
            {
                "zone": w.zone.pk,
                "year": 2027,
                "title": "招商计划",
                "text": "一、招商引资\n（一）引进项目。（牵头单位：市科技局）",
            },
        ),
        [401, 403, 403, 403, 403, 201, 403, 201],
    ),
    "v1_progress_review_create": (
        lambda w: Write(
            "post",
            f"/api/v1/progress/{ProgressReportFactory(task=w.task, unit=w.lead_unit).pk}/review/",
            {"action": "accept"},
        ),
        [401, 403, 403, 404, 403, 200, 403, 200],
    ),
    "v1_tasks_create": (
        lambda w: Write(
            "post",
            f"{TASKS}/",
            {"plan": w.plan.pk, "parent": w.section.pk, "title": "新任务", "lead_units": [w.lead_unit.pk]},
        ),
        [401, 403, 403, 403, 403, 201, 403, 201],
    ),
    "v1_tasks_partial_update": (
        lambda w: Write("patch", f"{TASKS}/{w.task.pk}/", {"title": "改名", "version": 1}),
        [401, 403, 403, 403, 403, 200, 403, 200],
    ),
    "v1_tasks_destroy": (
        lambda w: Write("delete", f"{TASKS}/{w.other_task.pk}/"),
        [401, 403, 403, 403, 403, 204, 403, 204],
    ),
    "v1_tasks_move_create": (
        lambda w: Write("post", f"{TASKS}/{w.other_task.pk}/move/", {"direction": "up", "version": 1}),
        [401, 403, 403, 403, 403, 200, 403, 200],
    ),
    "v1_tasks_progress_create": (
        lambda w: Write(
            "post",
            f"{TASKS}/{w.task.pk}/progress/",
            {"unit": w.lead_unit.pk, "percent": 20, "narrative": "进展"},
        ),
        [401, 201, 403, 403, 403, 403, 403, 201],
    ),
    "v1_tasks_extension_requests_create": (
        lambda w: Write(
            "post",
            f"{TASKS}/{w.task.pk}/extension-requests/",
            {"requested_deadline": "2099-01-31", "reason": "资金未到位"},
        ),
        [401, 201, 403, 403, 403, 403, 403, 201],
    ),
    "v1_tasks_extension_requests_decide_create": (
        lambda w: Write(
            "post",
            f"{TASKS}/{w.task.pk}/extension-requests/{_extension(w).pk}/decide/",
            {"decision": "approve"},
        ),
        [401, 403, 403, 403, 403, 200, 403, 200],
    ),
    "v1_tasks_close_out_create": (
        lambda w: Write("post", f"{TASKS}/{w.task.pk}/close-out/", {"evidence": "已完成"}),
        [401, 201, 403, 403, 403, 403, 403, 201],
    ),
    "v1_tasks_close_out_verify_create": (
        lambda w: (
            CloseOut.objects.create(task=w.task, unit=w.lead_unit, evidence="已完成")
            and Write("post", f"{TASKS}/{w.task.pk}/close-out/verify/", {})
        ),
        [401, 403, 403, 403, 403, 200, 403, 200],
    ),
    "v1_tasks_close_out_send_back_create": (
        lambda w: (
            CloseOut.objects.create(task=w.task, unit=w.lead_unit, evidence="已完成")
            and Write("post", f"{TASKS}/{w.task.pk}/close-out/send-back/", {"reason": "缺少佐证"})
        ),
        [401, 403, 403, 403, 403, 200, 403, 200],
    ),
    "v1_tasks_instructions_create": (
        lambda w: Write("post", f"{TASKS}/{w.task.pk}/instructions/", {"text": "加快进度"}),
        [401, 403, 403, 403, 201, 403, 403, 201],
    ),
    "v1_projects_create": (
        lambda w: Write(
            "post",
            f"{PROJECTS}/",
            {
                "zone": w.zone.pk,
                "year": 2026,
                "name": "新项目",
                "total_investment": "100",
                "responsible_unit": w.lead_unit.pk,
            },
        ),
        [401, 403, 403, 403, 403, 201, 403, 201],
    ),
    "v1_projects_partial_update": (
        lambda w: Write("patch", f"{PROJECTS}/{_chip(w)[0].pk}/", {"investor": "新投资方", "version": 1}),
        [401, 403, 403, 403, 403, 200, 403, 200],
    ),
    "v1_projects_stage_create": (
        lambda w: Write(
            "post",
            f"{PROJECTS}/{_chip(w)[0].pk}/stage/",
            {"stage": "completed", "actual_completion": "2026-06-30", "version": 1},
        ),
        [401, 403, 403, 403, 403, 200, 403, 200],
    ),
    "v1_projects_instructions_create": (
        lambda w: Write(
            "post", f"{PROJECTS}/{_chip(w)[0].pk}/instructions/", {"unit": w.lead_unit.pk, "text": "加快"}
        ),
        [401, 403, 403, 403, 201, 403, 403, 201],
    ),
    "v1_projects_milestones_create": (
        lambda w: Write(
            "post",
            f"{PROJECTS}/{_chip(w)[0].pk}/milestones/",
            {"name": "试生产", "planned_date": "2026-12-01"},
        ),
        [401, 403, 403, 403, 403, 201, 403, 201],
    ),
    "v1_projects_milestones_partial_update": (
        lambda w: Write(
            "patch",
            f"{PROJECTS}/{_chip(w)[0].pk}/milestones/{_chip(w)[1].pk}/",
            {"actual_date": "2026-07-01", "version": 1},
        ),
        [401, 200, 403, 403, 403, 200, 403, 200],
    ),
    "v1_projects_milestones_destroy": (
        lambda w: Write("delete", f"{PROJECTS}/{_chip(w)[0].pk}/milestones/{_chip(w)[1].pk}/"),
        [401, 403, 403, 403, 403, 204, 403, 204],
    ),
    "v1_projects_reports_create": (
        lambda w: Write(
            "post",
            f"{PROJECTS}/{_chip(w)[0].pk}/reports/",
            {"year": 2026, "month": 3, "month_investment": "250.5"},
        ),
        [401, 201, 403, 403, 403, 403, 403, 201],
    ),
    "v1_projects_reports_partial_update": (
        lambda w: Write(
            "patch",
            f"{PROJECTS}/{_chip(w)[0].pk}/reports/{_chip_report(w).pk}/",
            {"month_investment": "99", "version": 1},
        ),
        [401, 200, 403, 403, 403, 403, 403, 200],
    ),
    "v1_projects_issues_create": (
        lambda w: Write(
            "post",
            f"{PROJECTS}/{_chip(w)[0].pk}/issues/",
            {"description": "缺少熟练工人", "responsible_unit": w.lead_unit.pk},
        ),
        [401, 201, 403, 403, 403, 201, 403, 201],
    ),
    "v1_projects_issues_partial_update": (
        lambda w: Write(
            "patch",
            f"{PROJECTS}/{_chip(w)[0].pk}/issues/{_chip(w)[2].pk}/",
            {"description": "缺少熟练技工", "version": 1},
        ),
        [401, 200, 200, 403, 403, 200, 403, 200],  # the project's unit and the problem's unit work on it
    ),
    "v1_projects_issues_resolve_create": (
        lambda w: Write(
            "post",
            f"{PROJECTS}/{_chip(w)[0].pk}/issues/{_chip(w)[2].pk}/resolve/",
            {"resolution": "已协调", "version": 1},
        ),
        [401, 200, 200, 403, 403, 200, 403, 200],
    ),
}
CASES = [
    (operation, role, codes[i]) for operation, (_, codes) in MATRIX.items() for i, role in enumerate(ROLES)
]


def test_every_write_has_a_row():
    assert schema_writes() == set(MATRIX)


@pytest.mark.parametrize(("operation", "role", "expected"), CASES, ids=[f"{o[3:]}-{r}" for o, r, _ in CASES])
def test_write(ctx, api, operation, role, expected):
    write = MATRIX[operation][0](ctx)
    user = None if role == "anonymous" else ctx.users[write.owner if role == "reporter" else role]
    before = snapshot()
    response = getattr(api(user), write.method)(write.path, write.payload, format="json")
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert snapshot() == before
