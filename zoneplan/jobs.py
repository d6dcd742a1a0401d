"""The scheduled jobs, in one place: what each runs, and its default schedule (Asia/Shanghai).

Celery tasks, the default beat entries and `manage.py runjob` are all built from JOBS.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from indicators.jobs import indicator_reminders
from plans.jobs import overdue_scan as task_overdue_scan
from plans.jobs import progress_reminders
from plans.task_counts import compact_task_counts
from projects.jobs import milestone_scan
from zoneplan.core.jobs import JobResult
from zoneplan.dashboard.api import warm_dashboards
from zoneplan.digest import weekly_digest
from zoneplan.reports.jobs import monthly_reports
from zoneplan.reports.services import old_files_delete


def overdue_scan(*, today: date) -> JobResult:
    """Overdue tasks of the plans and late milestones of the key projects; then the day's changes to the task
    counts are folded together and the city's dashboard is counted for the day, before its first reader."""
    result = task_overdue_scan(today=today) + milestone_scan(today=today)
    compact_task_counts()
    warm_dashboards(today)
    return result


def housekeeping(*, today: date) -> JobResult:
    """Daily: the files people asked for go after GENERATED_FILE_DAYS; expired API tokens are deleted."""
    from knox.models import AuthToken

    files = old_files_delete(today=today)
    tokens, _by_model = AuthToken.objects.filter(expiry__lt=timezone.now()).delete()
    return JobResult(items=files + tokens)


@dataclass(frozen=True)
class Job:
    run: Callable[..., JobResult]
    crontab: dict  # django-celery-beat CrontabSchedule fields
    description: str

    @staticmethod
    def task_name(name: str) -> str:
        return f"zoneplan.jobs.{name}"


JOBS: dict[str, Job] = {
    "progress_reminders": Job(progress_reminders, {"minute": "0", "hour": "9"}, "Daily 09:00"),
    "overdue_scan": Job(overdue_scan, {"minute": "30", "hour": "1"}, "Daily 01:30"),
    "indicator_reminders": Job(
        indicator_reminders, {"minute": "0", "hour": "9", "day_of_month": "5"}, "5th, 09:00"
    ),
    "weekly_digest": Job(weekly_digest, {"minute": "0", "hour": "8", "day_of_week": "1"}, "Monday 08:00"),
    "monthly_reports": Job(monthly_reports, {"minute": "0", "hour": "7", "day_of_month": "3"}, "3rd, 07:00"),
    "housekeeping": Job(housekeeping, {"minute": "15", "hour": "3"}, "Daily 03:15"),
}


def install_default_schedules(periodic_task_model, crontab_model) -> int:
    """Create the beat entry of each job that has none yet; entries edited in the admin are left alone."""
    added = 0
    for name, job in JOBS.items():
        if periodic_task_model.objects.filter(task=Job.task_name(name)).exists():
            continue
        schedule, _ = crontab_model.objects.get_or_create(
            timezone="Asia/Shanghai",
            **{
                "minute": "*",
                "hour": "*",
                "day_of_week": "*",
                "day_of_month": "*",
                "month_of_year": "*",
                **job.crontab,
            },
        )
        periodic_task_model.objects.create(
            name=f"{name} ({job.description})", task=Job.task_name(name), crontab=schedule
        )
        added += 1
    return added
