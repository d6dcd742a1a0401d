"""Reading and compacting the task counts the database keeps (`plans.models.TaskCount`)."""

import logging

from django.db import OperationalError, connection, transaction
from django.db.models import Sum
from psycopg2 import errors

from plans.models import TaskCount

ITEMS = 0  # the unit id of the items' own counts

logger = logging.getLogger(__name__)


def counted(plan_ids: list[int]) -> list[tuple[int, int, str, int]]:
    """(plan id, unit id, status, task items) of these plans, for each lead unit and, with unit id ITEMS, for
    the items themselves; the keys with none left out. One grouped query over a few rows per plan and unit."""
    rows = (
        TaskCount.objects.filter(plan_id__in=plan_ids)
        .values_list("plan_id", "unit_id", "status")
        .annotate(n=Sum("items"))
        .filter(n__gt=0)
        .order_by()
    )
    return list(rows)


def compact_task_counts(*, lock_wait: str = "2s") -> int:
    """Fold the changes appended since the last compaction into one row per key (plan, unit, status); the keys
    that add up to nothing go. Returns the rows removed. Writers of tasks wait for the moment it takes: on
    PostgreSQL the table is locked against them, so that every row it sums is committed and none commits
    between the sum and the deletion (SQLite has one writer at a time). When the lock cannot be had within
    `lock_wait` (a long import still writing), nothing is compacted: the counts stay right, and the next day's
    scan tries again, rather than every filing queueing behind the lock."""
    try:
        return _compact(lock_wait)
    except OperationalError as error:
        if not isinstance(error.__cause__, errors.LockNotAvailable):
            raise
        logger.warning("task counts not compacted: a writer held them for over %s", lock_wait)
        return 0


@transaction.atomic
def _compact(lock_wait: str) -> int:
    """Two statements in SQL (the ORM's delete would read the rows first, to send their signals)."""
    table = TaskCount._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [lock_wait])
            cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(f"SELECT max(id) FROM {table}")  # noqa: S608
        (last,) = cursor.fetchone()
        if last is None:
            return 0
        cursor.execute(
            f"INSERT INTO {table} (plan_id, unit_id, status, items) "  # noqa: S608
            f"SELECT plan_id, unit_id, status, sum(items) FROM {table} "
            "WHERE id <= %s GROUP BY plan_id, unit_id, status HAVING sum(items) <> 0",
            [last],
        )
        kept = cursor.rowcount
        cursor.execute(f"DELETE FROM {table} WHERE id <= %s", [last])  # noqa: S608
        return cursor.rowcount - kept
