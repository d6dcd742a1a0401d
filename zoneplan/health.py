"""`/health/`: is the database, the cache and the broker reachable? For a load balancer or a monitor.

No login: anyone gets `{"status": "up"}` (200) or `{"status": "down"}` (503) and nothing more; staff, or a
monitor sending the `X-Health-Token` header equal to HEALTH_TOKEN, also get each component's state and the
version. A few lines of our own: django-health-check shows every check's detail to whoever asks, and adds
three apps.
"""

import logging
import secrets
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from zoneplan import __version__

logger = logging.getLogger(__name__)


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    key, value = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not keep a value")
    cache.delete(key)


def _broker() -> None:
    from zoneplan.celery import app  # the wiring floor: health is checked where the processes are assembled

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


CHECKS = {"database": _database, "cache": _cache, "broker": _broker}


@never_cache
def health(request):
    components = {}
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            check()
        except Exception as error:  # noqa: BLE001 - any failure means down; logged with its cause
            logger.error("health: %s is down: %s", name, error)
            components[name] = {"status": "down"}
        else:
            components[name] = {"status": "up", "ms": round((time.monotonic() - started) * 1000, 1)}
    up = all(component["status"] == "up" for component in components.values())
    body = {"status": "up" if up else "down"}
    token = getattr(settings, "HEALTH_TOKEN", "")
    given = request.headers.get("X-Health-Token", "")
    if (request.user.is_authenticated and request.user.is_staff) or (
        token and secrets.compare_digest(given, token)
    ):
        body.update(version=__version__, components=components)
    return JsonResponse(body, status=200 if up else 503)
