"""Task items counted by plan, lead unit and status, kept by the database as the tasks change."""

from django.db import models


class TaskCount(models.Model):
    """A change to the number of task items (not section headings) of a plan with a status, for one of their
    lead units or, with `unit_id` 0, for the items themselves (an item with two lead units is one item,
    counted for each unit). The sum of a key's rows is its count.

    Written by the database's own triggers on the tasks and their lead-unit links (migration 0011), never by
    Python, so every write counts: services, set-based jobs, imports, the admin, raw SQL. Rows are only
    appended, never updated, so that concurrent writers never wait on one another's counters;
    `compact_task_counts` folds them into one row per key. The dashboards read these few thousand rows instead
    of joining 100,000 tasks to their links. Plain integers, not foreign keys: a plan's or a unit's deletion
    removes its tasks or links first, and the triggers count those out.
    """

    plan_id = models.BigIntegerField()
    unit_id = models.BigIntegerField()
    status = models.CharField(max_length=20)
    items = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["plan_id"], name="task_count_plan_idx")]

    def __str__(self) -> str:
        return f"plan {self.plan_id} unit {self.unit_id} {self.status}: {self.items:+d}"
