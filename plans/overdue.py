"""The one definition of an overdue task, in SQL (`overdue_q`) and for a loaded task (`is_overdue`).

The daily scan (`plans.jobs.flag_overdue_tasks`) records it in the task's status, from which the counts the
database keeps by status (`plans.task_counts`) are made; between a deadline passing and the next scan a task
is overdue by `lapsed_q`, which the readers of those counts add (`zoneplan.dashboard.selectors.with_lapsed`).
"""

from datetime import date

from django.db.models import Q
from django.utils import timezone

from plans.choices import UNFLAGGED_STATUSES, TaskStatus


def overdue_q(*, today=None, prefix: str = "") -> Q:
    """The one definition of overdue: flagged by the daily scan, or lapsed since (`lapsed_q`). Every list,
    count, filter and figure reads it, so that none disagrees with another before the night's scan; `prefix`
    for a related model."""
    return Q(**{f"{prefix}status": TaskStatus.OVERDUE}) | lapsed_q(today=today, prefix=prefix)


def lapsed_q(*, today=None, prefix: str = "") -> Q:
    """Open tasks past their deadline that the daily scan has not flagged yet (due since its last run, or
    given a past deadline): the part of `overdue_q` that the counts kept by status do not hold."""
    today = today or timezone.localdate()
    return Q(**{f"{prefix}deadline__lt": today, f"{prefix}status__in": UNFLAGGED_STATUSES})


def is_overdue(task, *, today: date) -> bool:
    """`overdue_q` for a loaded task."""
    if task.status == TaskStatus.OVERDUE:
        return True
    return task.status in UNFLAGGED_STATUSES and task.deadline is not None and task.deadline < today
