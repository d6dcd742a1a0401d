"""Fixtures for every test: a fresh cache, signed-in clients, file jobs run in-process; the data of each app
comes from its module in tests/fixtures (the organisation, the world's plan, indicators, projects)."""

import pytest
from rest_framework.test import APIClient

pytest_plugins = [
    "tests.fixtures.organisation",
    "tests.fixtures.plans",
    "tests.fixtures.indicators",
    "tests.fixtures.projects",
]


def clear_own_cache():
    """Empty this run's part of the cache: on Redis only the keys of its prefix (two test processes share one
    Redis database, and clear() would empty it for the other mid-test); elsewhere the whole cache."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache (Redis in CI is shared by the runs)."""
    clear_own_cache()
    yield


@pytest.fixture
def signed_in(client):
    """The test client, signed in as `user`, for the pages."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def api():
    """An API client signed in as `user` (or anonymous with None)."""

    def client_for(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return client_for


@pytest.fixture
def run_jobs(django_capture_on_commit_callbacks):
    """`with run_jobs(): …` runs the file jobs queued inside in-process, as the commit would send them to a
    worker (the worker tests run them for real)."""
    from zoneplan.celery import app as celery_app

    celery_app.conf.task_always_eager = True
    try:
        yield lambda: django_capture_on_commit_callbacks(execute=True)
    finally:
        celery_app.conf.task_always_eager = False
