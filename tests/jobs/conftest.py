"""A real Celery worker process on the configured broker (Redis in CI) and the test database."""

import os
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection


def broker_available() -> bool:
    if settings.REDIS_URL:
        return True
    if os.environ.get("CI") == "true":
        pytest.fail("REDIS_URL is not set: CI must run the worker tests against Redis.")
    return True  # the embedded filesystem broker serves a local run


def database_url() -> str:
    db = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(queue: str, **env) -> subprocess.Popen:
    """`celery worker` (one process, solo pool) on its own queue, against the test database."""
    broker_available()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "zoneplan.settings.test",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        **env,
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "zoneplan",
        "worker",
        "--pool=solo",
        "-Q",
        queue,
        "--loglevel=warning",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    worker = subprocess.Popen(command, env=env, cwd=settings.BASE_DIR)
    time.sleep(0.5)
    return worker


def new_queue() -> str:
    return f"test-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def celery_worker_process(transactional_db):
    """Start a worker on a queue of its own; yield the queue name; stop the worker afterwards."""
    queue = new_queue()
    worker = start_worker(queue)
    try:
        yield queue
    finally:
        worker.terminate()
        worker.wait(timeout=20)
