"""Background files through the pages, the API and the schedule; the monthly report's content."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from plans.choices import TaskStatus
from plans.models import Task
from zoneplan.instructions.services import instruction_create
from zoneplan.jobs import JOBS
from zoneplan.notifications.models import Notification
from zoneplan.reports.models import FileJob
from zoneplan.reports.monthly import monthly_report

pytestmark = pytest.mark.django_db


def test_monthly_report_content(world):
    Task.objects.filter(pk=world.task.pk).update(status=TaskStatus.OVERDUE, deadline=date(2026, 9, 30))
    instruction_create(actor=world.users["leader"], subject=world.task, text="请本周内拿出整改方案")
    document = Document(io.BytesIO(monthly_report(world.zone, year=2026, month=10, today=date(2026, 11, 3))))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "玉林高新区2026年10月工作通报" in text
    for heading in (
        "一、总体情况",
        "二、任务推进情况",
        "三、主要经济指标",
        "四、重点项目进展",
        "五、待回复的领导批示",
    ):
        assert heading in text
    assert "逾期1项" in text
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["市科技局", "1", "0", "0", "0", "1", "0.0%"] in cells
    assert any("请本周内拿出整改方案" in row for row in cells)


def test_export_through_the_pages_with_progress_and_download(world, signed_in, run_jobs):
    client = signed_in(world.users["reporter"])
    with run_jobs():
        response = client.post("/files/new/", {"kind": "task_ledger", "plan": world.plan.pk, "next": "/"})
    job = FileJob.objects.get()
    assert response.url == f"/files/{job.pk}/"
    assert (job.state, job.progress, job.filename) == ("done", 100, "玉林高新区2026年工作计划任务台账.xlsx")
    fragment = client.get(f"/files/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert "<progress" in fragment and f"/files/{job.pk}/download/" in fragment and "every 1s" not in fragment
    download = client.get(f"/files/{job.pk}/download/")
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    other = signed_in(world.users["other_reporter"])
    assert other.get(f"/files/{job.pk}/").status_code == 404
    assert other.get(f"/files/{job.pk}/download/").status_code == 404


def test_import_through_the_pages_lists_rejected_rows(world, signed_in, run_jobs):
    from tests.reports.test_ledgers import fill, planner_ledger

    data = fill(planner_ledger(world), {world.other_task.pk: {"进展情况": "x", "完成率": 5}})
    client = signed_in(world.users["reporter"])
    upload = SimpleUploadedFile("台账.xlsx", data)
    with run_jobs():
        client.post("/files/new/", {"kind": "task_ledger_import", "plan": world.plan.pk, "upload": upload})
    job = FileJob.objects.get()
    assert job.message == ""
    assert (job.state, job.result["filed"], len(job.result["rejected"])) == ("failed", 0, 1)
    page = client.get(f"/files/{job.pk}/").content.decode()
    assert "Your units do not report on this task." in page or "不负责" in page


def test_api_jobs_are_permission_checked_and_scoped(world, api, run_jobs):
    leader, reporter = api(world.users["leader"]), api(world.users["reporter"])
    payload = {"kind": "monthly_report", "zone": world.zone.pk, "year": 2026, "month": 10}
    assert reporter.post("/api/v1/files/", payload, format="json").status_code == 403
    with run_jobs():
        created = leader.post("/api/v1/files/", payload, format="json")
    assert created.status_code == 202
    job_id = created.json()["id"]
    assert leader.get(f"/api/v1/files/{job_id}/").json()["state"] == "done"
    assert leader.get(f"/api/v1/files/{job_id}/download/").status_code == 200
    assert reporter.get(f"/api/v1/files/{job_id}/").status_code == 404
    assert (
        reporter.post(
            "/api/v1/files/", {"kind": "task_ledger_import", "plan": world.plan.pk}, format="json"
        ).status_code
        == 400
    )
    assert FileJob.objects.count() == 1


def test_the_monthly_job_builds_each_zones_report_once_and_tells_its_staff(world):
    first = JOBS["monthly_reports"].run(today=date(2026, 11, 3))
    job = FileJob.objects.get()
    assert (job.kind, job.params["month"], job.state) == ("monthly_report", 10, "done")
    assert first.items == 1
    told = set(
        Notification.objects.filter(kind="monthly_report").values_list("recipient__username", flat=True)
    )
    assert told == {"planner", "leader"}
    again = JOBS["monthly_reports"].run(today=date(2026, 11, 3))
    assert (again.items, again.notifications, FileJob.objects.count()) == (0, 0, 1)
