"""One thin Celery task per scheduled job of the registry (zoneplan/jobs.py), named as beat sends them."""

import logging
from datetime import date

from celery import shared_task
from django.utils import timezone

from zoneplan.jobs import JOBS
from zoneplan.notifications.services import deliveries_resume

logger = logging.getLogger(__name__)


def run_job(name: str, on: str | None = None) -> dict:
    """Run job `name` as of the date `on` (ISO) or today; every job is safe to run twice."""
    started = timezone.now()
    today = date.fromisoformat(on) if on else timezone.localdate()
    result = JOBS[name].run(today=today)
    deliveries_resume(created_before=started)
    logger.info("job %s for %s: %s items, %s notifications", name, today, result.items, result.notifications)
    return {
        "job": name,
        "date": today.isoformat(),
        "items": result.items,
        "notifications": result.notifications,
    }


@shared_task(name="zoneplan.jobs.progress_reminders")
def progress_reminders(on: str | None = None) -> dict:
    return run_job("progress_reminders", on)


@shared_task(name="zoneplan.jobs.overdue_scan")
def overdue_scan(on: str | None = None) -> dict:
    return run_job("overdue_scan", on)


@shared_task(name="zoneplan.jobs.indicator_reminders")
def indicator_reminders(on: str | None = None) -> dict:
    return run_job("indicator_reminders", on)


@shared_task(name="zoneplan.jobs.weekly_digest")
def weekly_digest(on: str | None = None) -> dict:
    return run_job("weekly_digest", on)


@shared_task(name="zoneplan.jobs.monthly_reports")
def monthly_reports(on: str | None = None) -> dict:
    return run_job("monthly_reports", on)


@shared_task(name="zoneplan.jobs.housekeeping")
def housekeeping(on: str | None = None) -> dict:
    return run_job("housekeeping", on)
