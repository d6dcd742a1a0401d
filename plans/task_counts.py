"""Reading and compacting the task counts the database keeps (`plans.models.TaskCount`)."""

from django.db import connection, transaction
from django.db.models import Max, Sum

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
    that add up to nothing go. Returns the rows removed. Writers of tasks wait for the few milliseconds it takes:
    on PostgreSQL the table is locked against them, so that every row it sums is committed and none commits
    between the sum and the deletion (SQLite has one writer at a time)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {TaskCount._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
    last = TaskCount.objects.aggregate(last=Max("pk"))["last"]
    if last is None:
        return 0
    before = TaskCount.objects.filter(pk__lte=last)
    sums = before.values_list("plan_id", "unit_id", "status").annotate(n=Sum("items")).exclude(n=0).order_by()
    TaskCount.objects.bulk_create(
        TaskCount(plan_id=plan_id, unit_id=unit_id, status=status, items=n) for plan_id, unit_id, status, n in sums
    )
    removed, _ = before.delete()
    return removed - len(sums)
