import pytest

from zoneplan.celery import app
from zoneplan.core.tasks import ping

pytestmark = pytest.mark.worker


def test_a_real_worker_runs_a_task_against_the_test_database(celery_worker_process, settings):
    result = ping.apply_async(queue=celery_worker_process).get(timeout=60)
    from django.db import connection

    assert result == {"pong": True, "database": connection.vendor, "select": 1}
    assert app.conf.broker_url.startswith("redis://" if settings.REDIS_URL else "filesystem://")


def test_a_job_dispatched_through_the_broker_writes_its_notifications(celery_worker_process, world):
    from datetime import date

    from plans.models import Task
    from zoneplan.notifications.models import Notification
    from zoneplan.tasks import overdue_scan

    Task.objects.filter(pk=world.task.pk).update(deadline=date(2026, 6, 30))
    result = overdue_scan.apply_async(kwargs={"on": "2026-07-03"}, queue=celery_worker_process).get(
        timeout=60
    )
    assert (result["items"], result["notifications"]) == (1, 1)
    assert Notification.objects.get().recipient == world.users["reporter"]
    again = overdue_scan.apply_async(kwargs={"on": "2026-07-04"}, queue=celery_worker_process).get(timeout=60)
    assert again["notifications"] == 0


def test_a_file_job_is_built_by_the_worker_with_its_progress(celery_worker_process, world):
    from zoneplan.reports.models import FileJob
    from zoneplan.reports.tasks import run_file_job

    job = FileJob.objects.create(
        kind="monthly_report",
        params={"zone": world.zone.pk, "year": 2026, "month": 10},
        created_by=world.users["leader"],
    )
    result = run_file_job.apply_async(args=[job.pk], queue=celery_worker_process).get(timeout=60)
    job.refresh_from_db()
    assert result == {"job": job.pk, "state": "done"} and (job.progress, job.filename) == (
        100,
        "玉林高新区2026年10月工作通报.docx",
    )
    assert job.file.read(2) == b"PK"
    redelivered = run_file_job.apply_async(args=[job.pk], queue=celery_worker_process).get(timeout=60)
    assert redelivered["state"] == "skipped"  # a message delivered twice builds the file once
