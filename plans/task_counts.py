"""Reading and compacting the task counts the database keeps (`plans.models.TaskCount`)."""

from django.db import connection, transaction
from django.db.models import Sum

from plans.models import TaskCount

ITEMS = 0  # the unit id of the items' own counts


def counted(plan_ids: list[int]) -> list[tuple[int, int, str, int]]:
    """(plan id, unit id, status, task items) of these plans, for each lead unit and, with unit id ITEMS, for the
    items themselves; the keys with none left out. One grouped query over a few rows per plan and unit."""
    rows = (
        TaskCount.objects.filter(plan_id__in=plan_ids)
        .values_list("plan_id", "unit_id", "status")
        .annotate(n=Sum("items"))
        .filter(n__gt=0)
        .order_by()
    )
    return list(rows)


@transaction.atomic
def compact_task_counts() -> int:
    """Fold the changes appended since the last compaction into one row per key (plan, unit, status); the keys
    that add up to nothing go. Returns the rows removed. Two statements in SQL (the ORM's delete would read the
    rows first, to send their signals). Writers of tasks wait for the moment it takes: on PostgreSQL the table is
    locked against them, so that every row it sums is committed and none commits between the sum and the
    deletion (SQLite has one writer at a time)."""
    table = TaskCount._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(f"SELECT max(id) FROM {table}")  # noqa: S608
        (last,) = cursor.fetchone()
        if last is None:
            return 0
        cursor.execute(
            f"INSERT INTO {table} (plan_id, unit_id, status, items) SELECT plan_id, unit_id, status, sum(items) "  # noqa: S608
            f"FROM {table} WHERE id <= %s GROUP BY plan_id, unit_id, status HAVING sum(items) <> 0",
            [last],
        )
        kept = cursor.rowcount
        cursor.execute(f"DELETE FROM {table} WHERE id <= %s", [last])  # noqa: S608
        return cursor.rowcount - kept
