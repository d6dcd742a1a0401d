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
    from zoneplan.core.tasks import overdue_scan
    from zoneplan.notifications.models import Notification

    Task.objects.filter(pk=world.task.pk).update(deadline=date(2026, 6, 30))
    result = overdue_scan.apply_async(kwargs={"on": "2026-07-03"}, queue=celery_worker_process).get(timeout=60)
    assert (result["items"], result["notifications"]) == (1, 1)
    assert Notification.objects.get().recipient == world.users["reporter"]
    again = overdue_scan.apply_async(kwargs={"on": "2026-07-04"}, queue=celery_worker_process).get(timeout=60)
    assert again["notifications"] == 0
