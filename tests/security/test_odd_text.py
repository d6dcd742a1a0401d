"""Odd text from users (issue 10, hostile input): control characters, right-to-left and zero-width marks, and
names of 10,000 characters are refused with field messages or stored as typed; either way every page, export
and download goes on working (an .xlsx or .docx cannot hold a bell or an escape, a file name must not be
disguised)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import load_workbook

from organisation.models import Unit
from plans.models import Plan, Task
from projects.models import Project
from tests.security.snapshot import snapshot
from zoneplan.core.text import file_name, sheet_title, xml_text
from zoneplan.reports.models import FileJob
from zoneplan.reports.services import file_job_run, file_job_start

pytestmark = pytest.mark.django_db
CONTROLS = "\x07\x1b[31m\x08\x0c"  # a bell, an ANSI escape, a backspace, a form feed
# a right-to-left override disguising an extension, zero-width marks
MARKS = "\u202egnp.exe\u200f\u200b\ufeff"
ODD = f"推进{CONTROLS}落实{MARKS}"
LONG = "长" * 10_000


def workbook_text(data: bytes) -> str:
    sheet = load_workbook(io.BytesIO(data)).active
    return "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None)


def document_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def export(world, kind: str, **params) -> FileJob:
    job = file_job_start(actor=world.users["admin"], kind=kind, params=params)
    job = file_job_run(job)
    assert (job.state, job.message) == ("done", ""), kind
    return job


def test_odd_text_is_stored_as_typed_and_every_page_and_export_holds(ctx, api, client):
    world = ctx
    planner, reporter, leader = (
        api(world.users["planner"]),
        api(world.users["reporter"]),
        api(world.users["leader"]),
    )
    task = planner.patch(f"/api/v1/tasks/{world.task.pk}/", {"title": ODD, "version": 1}, format="json")
    assert task.status_code == 200 and task.json()["title"] == ODD
    filed = reporter.post(
        f"/api/v1/tasks/{world.task.pk}/progress/",
        {"unit": world.lead_unit.pk, "percent": 20, "narrative": ODD},
        format="json",
    )
    assert filed.status_code == 201 and filed.json()["narrative"] == ODD
    assert (
        leader.post(f"/api/v1/tasks/{world.task.pk}/instructions/", {"text": ODD}, format="json").status_code
        == 201
    )
    project = Project.objects.get(name="华瑞微半导体IDM芯片项目")
    renamed = planner.patch(
        f"/api/v1/projects/{project.pk}/", {"name": ODD, "version": project.version}, format="json"
    )
    assert renamed.status_code == 200, renamed.json()

    client.force_login(world.users["admin"])
    for page in (
        f"/tasks/{world.task.pk}/",
        f"/plans/{world.plan.pk}/",
        "/tasks/",
        f"/projects/{project.pk}/",
        "/projects/",
        "/dashboard/",
    ):
        response = client.get(page)
        assert response.status_code == 200, page
        assert "落实" in response.content.decode(), page

    expected = xml_text(ODD)
    assert expected == f"推进[31m落实{MARKS}"
    ledger = export(world, "task_ledger", plan=world.plan.pk)
    assert expected in workbook_text(ledger.file.read())
    projects = export(world, "project_ledger", zone=world.zone.pk, year=project.year, month=10)
    assert expected in workbook_text(projects.file.read())
    report = export(world, "monthly_report", zone=world.zone.pk, year=2026, month=10)
    assert expected in document_text(report.file.read())


def test_download_names_cannot_be_disguised_or_overlong(world):
    Plan.objects.filter(pk=world.plan.pk).update(title=f"计划{MARKS}\n[草稿]/../{CONTROLS}")
    job = export(world, "task_ledger", plan=world.plan.pk)
    assert job.filename == "计划gnp.exe[草稿]..[31m任务台账.xlsx"
    assert file_name("长" * 500, ".xlsx") == "长" * 195 + ".xlsx"
    assert file_name("\u202e\x07", ".docx") == "file.docx"
    assert sheet_title("[计划]/2026:*?") == "计划2026"


@pytest.mark.parametrize(
    "method, path, payload",
    [
        ("patch", lambda w: f"/api/v1/tasks/{w.task.pk}/", lambda w: {"title": LONG, "version": 1}),
        ("patch", lambda w: f"/api/v1/tasks/{w.task.pk}/", lambda w: {"title": "含\x00空字符", "version": 1}),
        ("patch", lambda w: f"/api/v1/plans/{w.plan.pk}/", lambda w: {"title": LONG, "version": 1}),
        (
            "post",
            lambda w: "/api/v1/projects/",
            lambda w: {
                "zone": w.zone.pk,
                "year": 2026,
                "name": LONG,
                "total_investment": "100",
                "responsible_unit": w.lead_unit.pk,
            },
        ),
        (
            "post",
            lambda w: "/api/v1/plans/import/",
            lambda w: {
                "zone": w.zone.pk,
                "year": 2027,
                "title": "招商计划",
                "text": f"一、招商\n（一）引进项目。（牵头单位：{LONG}）",
            },
        ),
    ],
)
def test_overlong_names_and_nul_are_refused_with_field_messages_and_nothing_written(
    world, api, method, path, payload
):
    before = snapshot()
    response = getattr(api(world.users["admin"]), method)(path(world), payload(world), format="json")
    assert response.status_code == 400, response.content[:300]
    assert isinstance(response.json(), dict) and response.json()
    assert snapshot() == before


def test_an_overlong_imported_item_keeps_its_whole_text(world, api):
    text = f"一、招商引资\n（一）{LONG}{MARKS}。（牵头单位：市科技局）"
    response = api(world.users["admin"]).post(
        "/api/v1/plans/import/",
        {"zone": world.zone.pk, "year": 2027, "title": "招商计划", "text": text},
        format="json",
    )
    assert response.status_code == 201, response.content[:300]
    task = Task.objects.get(plan_id=response.json()["id"], is_section=False)
    title_max = Task._meta.get_field("title").max_length
    assert (task.title, task.body) == (LONG[:title_max], LONG[title_max:] + MARKS)


def test_uploads_with_odd_or_overlong_names_are_stored_under_safe_names_or_refused(world, api, client):
    from tests.reports.test_ledgers import planner_ledger

    data = planner_ledger(world)
    admin = api(world.users["admin"])
    for name in (LONG + ".xlsx", f"台账{MARKS}{CONTROLS}.xlsx", "../../../etc/台账.xlsx"):
        upload = SimpleUploadedFile(name, data)
        response = admin.post(
            "/api/v1/files/",
            {"kind": "task_ledger_import", "plan": world.plan.pk, "upload": upload},
            format="multipart",
        )
        assert response.status_code == 202, (name[:20], response.content[:300])
        job = FileJob.objects.get(pk=response.json()["id"])
        stored = job.upload.name
        assert stored.startswith("uploads/") and ".." not in stored and len(stored) <= 100, stored
        assert all(c not in stored for c in "\u202e\u200f\x07\x1b"), stored
        assert file_job_run(job).state in ("done", "failed")
    disguised = SimpleUploadedFile("台账\u202exslx.exe", data)
    refused = admin.post(
        "/api/v1/files/",
        {"kind": "task_ledger_import", "plan": world.plan.pk, "upload": disguised},
        format="multipart",
    )
    assert refused.status_code == 400 and "upload" in refused.json()
    assert (
        Task.objects.filter(title__contains="\x07").count() == 0
        and Unit.objects.filter(name=LONG).count() == 0
    )
