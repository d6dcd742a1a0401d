"""The worker's own check: it runs, reaches the broker and the same database as the web server."""

from celery import shared_task
from django.db import connection


@shared_task(name="zoneplan.ping")
def ping() -> dict:
    """Health check: proves the worker runs, reaches the broker and the same database as the web server."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (one,) = cursor.fetchone()
    return {"pong": True, "database": connection.vendor, "select": one}
