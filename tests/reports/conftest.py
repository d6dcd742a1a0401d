import pytest
from django.utils import translation

from zoneplan.celery import app


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def run_jobs(django_capture_on_commit_callbacks):
    """`with run_jobs(): …` runs the file jobs queued inside in-process, as the commit would send them to a
    worker (the worker tests run them for real)."""
    app.conf.task_always_eager = True
    try:
        yield lambda: django_capture_on_commit_callbacks(execute=True)
    finally:
        app.conf.task_always_eager = False
