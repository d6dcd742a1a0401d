import pytest

from zoneplan.celery import app
from zoneplan.core.tasks import ping

pytestmark = pytest.mark.worker


def test_a_real_worker_runs_a_task_against_the_test_database(celery_worker_process, settings):
    result = ping.apply_async(queue=celery_worker_process).get(timeout=60)
    from django.db import connection

    assert result == {"pong": True, "database": connection.vendor, "select": 1}
    assert app.conf.broker_url.startswith("redis://" if settings.REDIS_URL else "filesystem://")
