"""Red / yellow / green (三色) of a task, with its reason, derived the same way everywhere.

Thresholds are the plan's: yellow when behind the time schedule (percent done against the elapsed share
of the task's period, from the plan's start to the deadline) by more than `yellow_behind_points`, or due
within `warn_workdays` working days with less than `little_done_percent` done; red when overdue or
behind by more than `red_behind_points`. Lateness counts working days.
"""

from datetime import date

from django.utils.translation import gettext as _

from plans.choices import TaskStatus
from plans.overdue import is_overdue
from zoneplan.core.choices import Colour
from zoneplan.core.workdays import WorkdayCalendar


def task_colour(
    task, *, today: date, calendar: WorkdayCalendar, texts: dict | None = None
) -> tuple[str, str]:
    """(colour, reason) of a task item; sections have none (their roll-up is separate). `texts`: the reasons
    translated beforehand (`reason_texts()`), for many tasks at once."""
    texts = texts or reason_texts()
    plan = task.plan
    if task.is_section:
        return "", ""
    if task.status == TaskStatus.DONE:
        return Colour.GREEN, texts["closed"]
    if task.status == TaskStatus.SUSPENDED:
        return Colour.GREEN, texts["suspended"]
    if is_overdue(task, today=today):
        late = (
            calendar.workdays_between(task.deadline, today) if task.deadline and task.deadline < today else 0
        )
        return Colour.RED, texts["overdue"] % {"days": late}
    if task.deadline is None:
        return Colour.GREEN, texts["no_deadline"]
    behind = _points_behind(task, plan.start_date, today)
    if behind > plan.red_behind_points:
        return Colour.RED, texts["behind"] % {"points": behind}
    if behind > plan.yellow_behind_points:
        return Colour.YELLOW, texts["behind"] % {"points": behind}
    stage = next_stage(task, today)
    left = calendar.workdays_between(today, date.fromisoformat(stage["deadline"]) if stage else task.deadline)
    if left <= plan.warn_workdays and task.percent < plan.little_done_percent:
        if stage:
            return Colour.YELLOW, texts["stage_due"] % {"days": left, "stage": stage["text"]}
        return Colour.YELLOW, texts["due_soon"] % {"days": left, "percent": task.percent}
    return Colour.GREEN, texts["on_schedule"]


def reason_texts() -> dict[str, str]:
    """The reasons in the active language (translating them per task was a tenth of a 2,000-task outline)."""
    return {
        "closed": _("Closed"),
        "suspended": _("Suspended"),
        "no_deadline": _("No deadline"),
        "overdue": _("Overdue by %(days)d working days"),
        "behind": _("Behind the time schedule by %(points)d points"),
        "due_soon": _("%(days)d working days to the deadline, %(percent)d%% done"),
        "stage_due": _("%(days)d working days to the next stage: %(stage)s"),
        "on_schedule": _("On schedule"),
    }


def next_stage(task, today: date) -> dict | None:
    """The task's next dated stage not yet past, before its deadline (the last stage is the deadline)."""
    stages = getattr(task, "stages", None) or []
    upcoming = [stage for stage in stages[:-1] if stage["deadline"] >= today.isoformat()]
    return upcoming[0] if upcoming else None


def _points_behind(task, start: date, today: date) -> int:
    """Elapsed share of the period (%) minus percent done, in whole points."""
    span = (task.deadline - start).days
    elapsed = 100 if span <= 0 else min(100, max(0, (today - start).days * 100 // span))
    return elapsed - task.percent


def colour_tasks(tasks, *, today: date) -> None:
    """Set `colour` and `colour_reason` on each task (plans must be loaded with them)."""
    calendar, texts = WorkdayCalendar(), reason_texts()
    for task in tasks:
        task.colour, task.colour_reason = task_colour(task, today=today, calendar=calendar, texts=texts)
