"""Background file jobs: who may start which, and what running one does. Views and the scheduled job start
them; the Celery task `reports.run_file_job` runs them; the page polls their progress."""

import logging
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.models import Zone
from organisation.roles import roles_of
from plans.models import Plan
from plans.selectors import plans_visible_to
from projects.selectors import projects_visible_to
from zoneplan.core.exceptions import LimitReached
from zoneplan.core.spreadsheets import SheetError
from zoneplan.core.text import file_name
from zoneplan.reports.models import FileJob

logger = logging.getLogger(__name__)
Kind = FileJob.Kind
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def file_job_start(*, actor, kind: str, params: dict, upload=None) -> FileJob:
    """Check that `actor` may have this file, record the job and queue it after the transaction commits. One
    person has at most FILE_JOBS_RUNNING_PER_USER jobs waiting or running and starts at most
    FILE_JOBS_PER_USER_PER_HOUR an hour (LimitReached: 429 in the API, a message on the page)."""
    _ensure_allowed(actor, kind, params)
    mine = FileJob.objects.filter(created_by=actor)
    if (
        mine.filter(state__in=[FileJob.State.QUEUED, FileJob.State.RUNNING]).count()
        >= settings.FILE_JOBS_RUNNING_PER_USER
    ):
        raise LimitReached(_("Wait until your files being made are done before starting another."))
    if (
        mine.filter(created_at__gte=timezone.now() - timedelta(hours=1)).count()
        >= settings.FILE_JOBS_PER_USER_PER_HOUR
    ):
        raise LimitReached(_("You have started too many files in the last hour; try again later."))
    if upload is not None:
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError({"upload": [_("The file is larger than 10 MB.")]})
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError({"upload": [_("Upload the ledger as an .xlsx workbook.")]})
    job = FileJob.objects.create(kind=kind, params=params, created_by=actor, upload=upload or "")
    from zoneplan.reports.tasks import run_file_job

    transaction.on_commit(lambda: run_file_job.delay(job.pk))
    return job


def _ensure_allowed(actor, kind: str, params: dict) -> None:
    roles = roles_of(actor)
    if kind in (Kind.TASK_LEDGER, Kind.TASK_LEDGER_IMPORT):
        if not plans_visible_to(actor).filter(pk=params.get("plan")).exists():
            raise PermissionDenied(_("You cannot see this plan."))
        return
    zone = Zone.objects.filter(pk=params.get("zone")).first()
    if zone is None:
        raise ValidationError({"zone": [_("Choose a zone.")]})
    if kind == Kind.PROJECT_LEDGER_IMPORT and not roles.is_reporter and not roles.is_admin:
        raise PermissionDenied(_("Only the units responsible for projects file their reports."))
    if kind in (Kind.MONTHLY_REPORT, Kind.INDICATOR_TABLE) and not roles.oversees_zone(zone.pk):
        raise PermissionDenied(_("Only planners and leaders of this zone get its reports."))
    if not 1 <= int(params.get("month") or 0) <= 12 or not 2000 <= int(params.get("year") or 0) <= 2100:
        raise ValidationError({"month": [_("Choose a month.")]})


def file_job_run(job: FileJob) -> FileJob:
    """Run a queued job: build or read its file, record the outcome; a failure is recorded, never raised."""
    job.state, job.progress = FileJob.State.RUNNING, 5
    job.save(update_fields=["state", "progress"])

    def progress(percent: int) -> None:
        FileJob.objects.filter(pk=job.pk).update(progress=percent)

    try:
        _run(job, progress)
    except (SheetError, ValidationError, PermissionDenied) as error:
        job.state, job.message = FileJob.State.FAILED, " ".join(getattr(error, "messages", [str(error)]))
    # any other failure ends the job too, never leaves it "running"; the cause goes to the log
    except Exception:
        logger.exception("file job %s failed", job.pk)
        job.state, job.message = (
            FileJob.State.FAILED,
            _("The file could not be made or read; the error was logged."),
        )
    else:
        job.state = (
            FileJob.State.FAILED
            if job.result.get("rejected") and not job.result.get("filed")
            else FileJob.State.DONE
        )
    job.progress, job.finished_at = 100, timezone.now()
    job.save()
    return job


def _run(job: FileJob, progress) -> None:
    from indicators.ledgers import indicator_table
    from plans.ledgers import task_ledger, task_ledger_import
    from projects.ledgers import project_ledger, project_ledger_import
    from zoneplan.reports.monthly import monthly_report

    actor, params = job.created_by, job.params
    if job.kind == Kind.TASK_LEDGER:
        plan = Plan.objects.get(pk=params["plan"])
        _attach(job, task_ledger(plan, reader=actor), f"{plan.title}任务台账", ".xlsx")
        return
    if job.kind == Kind.TASK_LEDGER_IMPORT:
        plan = Plan.objects.get(pk=params["plan"])
        result = task_ledger_import(
            actor=actor, plan=plan, data=job.upload.read(), partial=params.get("partial", False)
        )
        job.result = {"filed": result.filed, "skipped": result.skipped, "rejected": result.rejected}
        return
    zone, year, month = Zone.objects.get(pk=params["zone"]), int(params["year"]), int(params["month"])
    progress(20)
    if job.kind == Kind.MONTHLY_REPORT:
        today = min(timezone.localdate(), _month_end(year, month))
        data = monthly_report(zone, year=year, month=month, today=today, progress=progress)
        _attach(job, data, f"{zone.name}{year}年{month}月工作通报", ".docx")
    elif job.kind == Kind.INDICATOR_TABLE:
        _attach(
            job,
            indicator_table(zone, year=year, month=month),
            f"{zone.name}{year}年{month}月经济指标",
            ".xlsx",
        )
    elif job.kind == Kind.PROJECT_LEDGER:
        projects = projects_visible_to(actor).filter(zone=zone) if actor else zone.projects.all()
        title = f"{zone.name}{year}年重点项目台账"
        _attach(
            job, project_ledger(projects, year=year, month=month, title=title), f"{title}{month}月", ".xlsx"
        )
    elif job.kind == Kind.PROJECT_LEDGER_IMPORT:
        projects = projects_visible_to(actor).filter(zone=zone, year=year)
        result = project_ledger_import(
            actor=actor,
            projects=projects,
            year=year,
            month=month,
            data=job.upload.read(),
            partial=params.get("partial", False),
        )
        job.result = {"filed": result.filed, "skipped": result.skipped, "rejected": result.rejected}


def _attach(job: FileJob, data: bytes, stem: str, extension: str) -> None:
    job.filename = file_name(stem, extension, max_length=FileJob._meta.get_field("filename").max_length)
    job.file.save(f"job-{job.pk}{extension}", ContentFile(data), save=False)


def old_files_delete(*, today: date) -> int:
    """Delete the files people asked for (exports, imports) and their jobs after GENERATED_FILE_DAYS; the
    scheduled monthly reports stay, as the zone's archive of them. Returns how many jobs went."""
    cutoff = timezone.make_aware(
        datetime.combine(today - timedelta(days=settings.GENERATED_FILE_DAYS), time.min)
    )
    old = FileJob.objects.filter(created_by__isnull=False, created_at__lt=cutoff).exclude(
        state__in=[FileJob.State.QUEUED, FileJob.State.RUNNING]
    )
    deleted = 0
    for job in old.iterator(chunk_size=500):
        for stored in (job.file, job.upload):
            if stored:
                stored.delete(save=False)
        job.delete()
        deleted += 1
    return deleted


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1).replace(day=1) - date.resolution
