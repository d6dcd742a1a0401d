"""Red / yellow / green (三色) of a task, with its reason, derived the same way everywhere.

Thresholds are the plan's: yellow when behind the time schedule (percent done against the elapsed share
of the task's period, from the plan's start to the deadline) by more than `yellow_behind_points`, or due
within `warn_workdays` working days with less than `little_done_percent` done; red when overdue or
behind by more than `red_behind_points`. Lateness counts working days.
"""

from datetime import date

from django.utils.translation import gettext as _

from plans.choices import Colour, TaskStatus
from zoneplan.core.workdays import WorkdayCalendar


def task_colour(task, *, today: date, calendar: WorkdayCalendar) -> tuple[str, str]:
    """(colour, reason) of a task item; sections have none (their roll-up is separate)."""
    plan = task.plan
    if task.is_section:
        return "", ""
    if task.status == TaskStatus.DONE:
        return Colour.GREEN, _("Closed")
    if task.status == TaskStatus.SUSPENDED:
        return Colour.GREEN, _("Suspended")
    if task.deadline is None:
        return Colour.GREEN, _("No deadline")
    if today > task.deadline:
        days = calendar.workdays_between(task.deadline, today)
        return Colour.RED, _("Overdue by %(days)d working days") % {"days": days}
    behind = _points_behind(task, plan.start_date, today)
    if behind > plan.red_behind_points:
        return Colour.RED, _("Behind the time schedule by %(points)d points") % {"points": behind}
    if behind > plan.yellow_behind_points:
        return Colour.YELLOW, _("Behind the time schedule by %(points)d points") % {"points": behind}
    left = calendar.workdays_between(today, task.deadline)
    if left <= plan.warn_workdays and task.percent < plan.little_done_percent:
        return Colour.YELLOW, _("%(days)d working days to the deadline, %(percent)d%% done") % {
            "days": left,
            "percent": task.percent,
        }
    return Colour.GREEN, _("On schedule")


def _points_behind(task, start: date, today: date) -> int:
    """Elapsed share of the period (%) minus percent done, in whole points."""
    span = (task.deadline - start).days
    elapsed = 100 if span <= 0 else min(100, max(0, (today - start).days * 100 // span))
    return elapsed - task.percent


def colour_tasks(tasks, *, today: date) -> None:
    """Set `colour` and `colour_reason` on each task (plans must be loaded with them)."""
    calendar = WorkdayCalendar()
    for task in tasks:
        task.colour, task.colour_reason = task_colour(task, today=today, calendar=calendar)
