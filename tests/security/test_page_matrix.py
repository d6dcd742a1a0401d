"""The page permission matrix: every page form that writes × every role, the exact answer, nothing written
when refused. Every named page URL is either a write row here or listed as read-only
(`test_every_page_is_classified`).

"login" means the anonymous visitor is sent to the sign-in page; 302 is a write that went through and
redirected to its result; 200 an in-page answer. The world is the one of test_api_matrix.py.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from indicators.services import Entry, values_save
from plans.choices import PlanStatus
from plans.models import CloseOut, ExtensionRequest, Task
from tests.factories import PlanFactory, ProgressReportFactory
from tests.security.snapshot import snapshot
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
L = "login"

# Pages that only read (a POST to them writes nothing), and Django's own account pages.
READ_ONLY_PAGES = {
    "home", "dashboard", "plans:plan-list", "plans:task-list", "plans:ranking", "plans:my-tasks",
    "plans:review-queue", "audit", "projects:project-list", "indicators:table", "indicators:trend",
    "notifications:inbox", "reports:jobs", "reports:job", "reports:download", "health",
    "plans:attachment", "plans:close-out-file", "plans:plan-source",
}  # fmt: skip
DJANGO_PAGES = {
    "api-docs", "api-schema",
    "login", "logout", "password_change", "password_change_done", "password_reset", "password_reset_done",
    "password_reset_confirm", "password_reset_complete", "set_language",
}  # fmt: skip


def page_names() -> set[str]:
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if not str(pattern.pattern).startswith(("api/", "admin/")):
                    walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def _draft(w):
    draft = PlanFactory(zone=w.zone, status=PlanStatus.DRAFT, title="草案")
    Task.objects.create(plan=draft, title="任务", position=1).lead_units.set([w.lead_unit])
    return draft


def _extension(w):
    return ExtensionRequest.objects.create(
        task=w.task, unit=w.lead_unit, requested_deadline="2099-01-31", reason="资金未到位"
    )


def _close_out(w):
    return CloseOut.objects.create(task=w.task, unit=w.lead_unit, evidence="已完成")


def _submitted_month(w):
    values_save(
        actor=w.users["stats"],
        zone=w.zone,
        year=2026,
        month=3,
        entries=[Entry(w.catalogue["gdp"], 7)],
        submit=True,
    )


def _instruction(w):
    return instruction_create(actor=w.users["leader"], subject=w.task, text="加快进度", unit=w.lead_unit)


def _notification(w):
    return Notification.objects.create(
        recipient=w.users["reporter"],
        kind="task_overdue",
        title="逾期提醒",
        message="任务逾期",
        dedup_key="overdue:1",
    )


def _chip(w):
    return w.projects["chip"]


# row: (request builder → (path, form data), expected answer per role in the order of ROLES)
PAGE_WRITES = {
    "plans:plan-create": (
        lambda w: (
            "/plans/new/",
            {
                "zone": w.zone.pk,
                "title": "2027年计划",
                "kind": "annual",
                "year": 2027,
                "start_date": "2027-01-01",
                "end_date": "2027-12-31",
            },
        ),
        [L, 403, 403, 403, 403, 302, 200, 302],  # another zone's planner: the zone is not among the choices
    ),
    "planimport:upload": (
        lambda w: (
            "/plans/import/",
            {
                "zone": w.zone.pk,
                "year": 2027,
                "title": "招商计划",
                "text": "一、招商引资\n（一）引进项目。（牵头单位：市科技局）",
            },
        ),
        [L, 403, 403, 403, 403, 302, 400, 302],  # the parsed tree waits in the session for the preview
    ),
    "planimport:preview": (
        lambda w: ("/plans/import/preview/", {"confirm": "1"}),
        [L, 302, 302, 302, 302, 302, 302, 302],  # nothing uploaded in this session: back to the upload
    ),
    "plans:plan-detail (add a task)": (
        lambda w: (
            f"/plans/{w.plan.pk}/",
            {
                "task-parent": w.section.pk,
                "task-title": "新任务",
                "task-lead_units": [w.lead_unit.pk],
                "task-reporting_cycle": "monthly",
            },
        ),
        [L, 403, 403, 403, 403, 302, 403, 302],
    ),
    "plans:plan-detail (move)": (
        lambda w: (
            f"/plans/{w.plan.pk}/",
            {"action": "move", "move": f"{w.other_task.pk}:1:up"},
        ),
        [L, 403, 403, 403, 403, 302, 403, 302],
    ),
    "plans:plan-detail (publish)": (
        lambda w: (f"/plans/{_draft(w).pk}/", {"action": "publish"}),
        [L, 404, 404, 404, 403, 302, 404, 302],  # a draft is hidden from reporters and other zones
    ),
    "plans:task-edit": (
        lambda w: (
            f"/tasks/{w.task.pk}/edit/",
            {
                "label": "（一）",
                "title": "改名",
                "lead_units": [w.lead_unit.pk],
                "reporting_cycle": "monthly",
                "version": 1,
            },
        ),
        [L, 403, 403, 403, 403, 302, 403, 302],
    ),
    "plans:task-report": (
        lambda w: (
            f"/tasks/{w.task.pk}/report/",
            {"unit": w.lead_unit.pk, "percent": 20, "narrative": "进展"},
        ),
        # the coop unit reports only in its own name; the admin has no unit
        [L, 302, 400, 403, 403, 403, 403, 403],
    ),
    "plans:task-detail (extension)": (
        lambda w: (
            f"/tasks/{w.task.pk}/",
            {"action": "extension", "requested_deadline": "2099-01-31", "reason": "资金未到位"},
        ),
        [L, 302, 403, 403, 403, 403, 403, 302],
    ),
    "plans:task-detail (decide-extension)": (
        lambda w: (
            f"/tasks/{w.task.pk}/",
            {"action": "decide-extension", "extension": _extension(w).pk, "decision": "approve"},
        ),
        [L, 403, 403, 403, 403, 302, 403, 302],
    ),
    "plans:task-detail (close-out)": (
        lambda w: (f"/tasks/{w.task.pk}/", {"action": "close-out", "evidence": "已完成"}),
        [L, 302, 403, 403, 403, 403, 403, 302],
    ),
    "plans:task-detail (verify)": (
        lambda w: _close_out(w) and (f"/tasks/{w.task.pk}/", {"action": "verify"}),
        [L, 403, 403, 403, 403, 302, 403, 302],
    ),
    "plans:task-detail (send-back)": (
        lambda w: _close_out(w) and (f"/tasks/{w.task.pk}/", {"action": "send-back", "comment": "缺少佐证"}),
        [L, 403, 403, 403, 403, 302, 403, 302],
    ),
    "plans:progress-review": (
        lambda w: (
            f"/progress/{ProgressReportFactory(task=w.task, unit=w.lead_unit).pk}/review/",
            {"action": "accept"},
        ),
        [L, 403, 403, 404, 403, 302, 403, 302],  # the other unit does not see the report
    ),
    "instructions:create": (
        lambda w: (f"/instructions/task/{w.task.pk}/new/", {"unit": w.lead_unit.pk, "text": "加快进度"}),
        [L, 403, 403, 403, 302, 403, 403, 302],
    ),
    "instructions:reply": (
        lambda w: (f"/instructions/{_instruction(w).pk}/reply/", {"reply": "已落实"}),
        [L, 302, 404, 404, 403, 403, 403, 302],
    ),
    "projects:project-create": (
        lambda w: (
            "/projects/new/",
            {
                "zone": w.zone.pk,
                "year": 2026,
                "name": "新项目",
                "stage": "signed",
                "total_investment": "100",
                "responsible_unit": w.lead_unit.pk,
                "category": "industrial",
                "level": "city",
                "year_planned_investment": "10",
            },
        ),
        [L, 403, 403, 403, 403, 302, 403, 302],
    ),
    "projects:project-edit": (
        lambda w: (
            f"/projects/{_chip(w).pk}/edit/",
            {
                "year": 2026,
                "name": "改名",
                "actual_start": "2026-02-01",
                "total_investment": "100",
                "responsible_unit": w.lead_unit.pk,
                "version": 1,
                "category": "industrial",
                "level": "city",
                "year_planned_investment": "10",
            },
        ),
        [L, 403, 403, 403, 403, 302, 403, 302],
    ),
    "projects:project-detail (stage)": (
        lambda w: (
            f"/projects/{_chip(w).pk}/",
            {
                "action": "stage",
                "stage-stage": "completed",
                "stage-actual_completion": "2026-06-30",
                "stage-version": 1,
            },
        ),
        [L, 403, 403, 403, 403, 302, 403, 302],
    ),
    "projects:project-detail (milestone)": (
        lambda w: (
            f"/projects/{_chip(w).pk}/",
            {"action": "milestone", "milestone-name": "试生产", "milestone-planned_date": "2026-12-01"},
        ),
        [L, 403, 403, 403, 403, 302, 403, 302],
    ),
    "projects:project-detail (record)": (
        lambda w: (
            f"/projects/{_chip(w).pk}/",
            {
                "action": "record",
                "record-milestone": _chip(w).milestones.order_by("planned_date").first().pk,
                "record-actual_date": "2026-07-01",
                "record-version": 1,
            },
        ),
        [L, 302, 403, 403, 403, 302, 403, 302],
    ),
    "projects:project-detail (report)": (
        lambda w: (
            f"/projects/{_chip(w).pk}/",
            {"action": "report", "report-year": 2026, "report-month": 3, "report-month_investment": "250.5"},
        ),
        [L, 302, 403, 403, 403, 403, 403, 302],
    ),
    "projects:project-detail (issue)": (
        lambda w: (
            f"/projects/{_chip(w).pk}/",
            {
                "action": "issue",
                "issue-description": "缺少熟练工人",
                "issue-responsible_unit": w.lead_unit.pk,
            },
        ),
        [L, 302, 403, 403, 403, 302, 403, 302],
    ),
    "projects:project-detail (resolve)": (
        lambda w: (
            f"/projects/{_chip(w).pk}/",
            {
                "action": "resolve",
                "resolve-issue": _chip(w).issues.get().pk,
                "resolve-resolution": "已协调",
                "resolve-version": 1,
            },
        ),
        [L, 302, 302, 403, 403, 302, 403, 302],  # the project's unit and the problem's unit
    ),
    "indicators:entry": (
        lambda w: (f"/indicators/entry/?zone={w.zone.pk}&year=2026&month=3", {"value-gdp": "7"}),
        [L, 302, 403, 403, 403, 403, 403, 302],  # the zone's statistics unit enters
    ),
    "indicators:review": (
        lambda w: _submitted_month(w) or (f"/indicators/review/{w.zone.pk}/2026/3/", {"action": "approve"}),
        [L, 403, 403, 403, 403, 302, 403, 302],
    ),
    "notifications:mark-read": (
        lambda w: _notification(w) and ("/notifications/read/", {}),
        [L, 302, 302, 302, 302, 302, 302, 302],  # each marks only their own
    ),
    "reports:start": (
        lambda w: ("/files/new/", {"kind": "monthly_report", "zone": w.zone.pk, "year": 2026, "month": 10}),
        [L, 403, 403, 403, 302, 302, 403, 302],
    ),
}
# Rows where some roles' 302 wrote nothing: whose 302 is a write.
WRITERS_ON_302 = {
    "notifications:mark-read": {"reporter"},  # the others had nothing unread
    "planimport:upload": set(),  # the upload is parsed into the session; the preview's confirm writes
    "planimport:preview": set(),
}
CASES = [(row, role, codes[i]) for row, (_, codes) in PAGE_WRITES.items() for i, role in enumerate(ROLES)]


def test_every_page_is_classified():
    written = {row.split(" (")[0] for row in PAGE_WRITES}
    assert page_names() == written | READ_ONLY_PAGES | DJANGO_PAGES


@pytest.mark.parametrize(("row", "role", "expected"), CASES, ids=[f"{r}-{role}" for r, role, _ in CASES])
def test_page_write(ctx, client, row, role, expected):
    path, data = PAGE_WRITES[row][0](ctx)
    if role != "anonymous":
        client.force_login(
            ctx.users["stats" if role == "reporter" and row.startswith("indicators") else role]
        )
    before = snapshot()
    response = client.post(path, data)
    if expected == L:
        assert (response.status_code, response["Location"].split("?")[0]) == (302, "/accounts/login/")
        assert snapshot() == before
        return
    assert response.status_code == expected, response.content.decode()[:2000]
    wrote = snapshot() != before
    allowed = WRITERS_ON_302.get(row, ROLES) if expected == 302 else ()
    assert wrote == (role in allowed and expected == 302), (wrote, role)


@pytest.mark.parametrize("name", sorted(READ_ONLY_PAGES))
def test_a_post_to_a_read_only_page_writes_nothing(ctx, client, name):
    from django.urls import reverse

    kwargs = {
        "indicators:trend": {"code": "gdp"},
        "reports:job": {"pk": 1},
        "reports:download": {"pk": 1},
        **{name: {"pk": 1} for name in ("plans:attachment", "plans:close-out-file", "plans:plan-source")},
    }
    client.force_login(ctx.users["admin"])
    before = snapshot()
    response = client.post(reverse(name, kwargs=kwargs.get(name)), {"title": "x", "action": "publish"})
    assert response.status_code < 500
    assert snapshot() == before
