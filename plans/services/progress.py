from collections.abc import Sequence
from datetime import datetime
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.models import Unit
from organisation.roles import roles_of
from plans.choices import OPEN_TASK_STATUSES, PlanStatus, ReviewState, TaskStatus
from plans.models import ProgressAttachment, ProgressReport, Task
from plans.periods import period_start
from zoneplan.core.datacache import scope_of, uncounted
from zoneplan.core.exceptions import VersionConflict
from zoneplan.core.history import record_history, record_history_for_ids
from zoneplan.core.permissions import ensure_perm


@transaction.atomic
def progress_submit(
    *,
    actor,
    task: Task,
    percent: int,
    narrative: str,
    problems: str = "",
    next_steps: str = "",
    unit: Unit | None = None,
    attachments: Sequence[UploadedFile] = (),
    at: datetime | None = None,
) -> ProgressReport:
    """File a unit's progress on a task for the current reporting period."""
    ensure_perm(actor, "plans.report_progress", task)
    _ensure_reportable(task)
    unit = _reporting_unit(actor=actor, task=task, unit=unit)
    at = at or timezone.now()
    report = ProgressReport(
        task=task,
        unit=unit,
        author=actor,
        period=period_start(task.reporting_cycle, timezone.localdate(at)),
        percent=percent,
        narrative=narrative,
        problems=problems,
        next_steps=next_steps,
        submitted_at=at,
    )
    # The task, unit and author are in hand (no existence queries); the one constraint a new report can break
    # (one live report per unit and period) is the database's, answered by the insert itself.
    report.full_clean(exclude=["task", "unit", "author"], validate_constraints=False)
    check_attachments(attachments)
    report._history_user = actor
    try:  # no savepoint of its own: the error leaves this function's transaction (or savepoint), rolled back
        report.save()
    except IntegrityError as error:  # filed already, or a concurrent report for the same unit and period won
        raise ValidationError(_("This unit has already reported on this task for this period.")) from error
    for upload in attachments:
        ProgressAttachment.objects.create(report=report, file=upload, name=upload.name, size=upload.size)
    if not attachments:  # none to read back when it is shown
        report._prefetched_objects_cache = {"attachments": ProgressAttachment.objects.none()}
    _touch_task(task=task, actor=actor, at=at)
    return report


@transaction.atomic
def progress_review(*, actor, report: ProgressReport, accept: bool, comment: str = "") -> ProgressReport:
    """Accept a submitted report, or return it to the unit with a reason."""
    ensure_perm(actor, "plans.review_progressreport", report)
    comment = comment.strip()
    if not accept and not comment:
        raise ValidationError({"comment": [_("Give the reason for returning the report.")]})
    reviewed = ProgressReport.objects.filter(pk=report.pk, review_state=ReviewState.SUBMITTED).update(
        review_state=ReviewState.ACCEPTED if accept else ReviewState.RETURNED,
        review_comment=comment,
        reviewed_by=actor,
        reviewed_at=timezone.now(),
        version=F("version") + 1,
    )
    if not reviewed:
        current = ProgressReport.objects.filter(pk=report.pk).values_list("version", flat=True).first()
        raise VersionConflict(current_version=current)
    report.refresh_from_db()
    record_history(report, actor=actor, reason="accepted" if accept else "returned")
    if accept and report.task.lead_units.filter(pk=report.unit_id).exists():
        _apply_lead_progress(report=report, actor=actor)
    return report


def _ensure_reportable(task: Task) -> None:
    if task.plan.status != PlanStatus.PUBLISHED:
        raise ValidationError(_("Progress is reported only on tasks of a published plan."))
    if task.is_section:
        raise ValidationError(_("A section heading takes no progress reports; report on its tasks."))
    if task.status not in OPEN_TASK_STATUSES:
        raise ValidationError(
            _("The task is “%(status)s” and takes no more reports.") % {"status": task.get_status_display()}
        )


def _reporting_unit(*, actor, task: Task, unit: Unit | None) -> Unit:
    """The unit the report is filed for: one that works on the task and that the actor works for (as loaded
    with the task, when its units were: the report needs only its id)."""
    involved = {each.pk: each for each in [*task.lead_units.all(), *task.cooperating_units.all()]}
    roles = roles_of(actor)
    if unit is not None:
        if unit.pk not in involved:
            raise ValidationError({"unit": [_("This unit neither leads nor cooperates on this task.")]})
        if not roles.is_admin and unit.pk not in roles.unit_ids:
            raise PermissionDenied(_("You do not report for this unit."))
        return unit
    candidates = set(involved) if roles.is_admin else set(involved) & roles.unit_ids
    if len(candidates) != 1:
        raise ValidationError({"unit": [_("Choose the unit you report for.")]})
    return involved[candidates.pop()]


def check_attachments(attachments: Sequence[UploadedFile]) -> None:
    """At most ATTACHMENTS_PER_REPORT files, each of an accepted type and at most ATTACHMENT_MAX_BYTES,
    together at most UPLOAD_MAX_BYTES (nginx's limit for the whole request)."""
    allowed = settings.ATTACHMENTS_PER_REPORT
    if len(attachments) > allowed:
        raise ValidationError(
            {
                "attachments": [
                    _("At most %(count)d files can be attached to one report.") % {"count": allowed}
                ]
            }
        )
    if sum(upload.size for upload in attachments) > settings.UPLOAD_MAX_BYTES:
        raise ValidationError({"attachments": [_("The files together are larger than the limit.")]})
    allowed = settings.ATTACHMENT_EXTENSIONS
    for upload in attachments:
        extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
        if extension not in allowed:
            raise ValidationError(
                {"attachments": [_("Files of type “%(ext)s” are not accepted.") % {"ext": extension or "?"}]}
            )
        if upload.size > settings.ATTACHMENT_MAX_BYTES:
            raise ValidationError(
                {"attachments": [_("“%(name)s” is larger than the limit.") % {"name": upload.name}]}
            )


def _touch_task(*, task: Task, actor, at: datetime) -> None:
    """A report marks the task as reported and, if it had not started, as on track: only then are the
    dashboard's counts replaced (a status they count changed)."""
    reported = {"last_reported_at": at, "version": F("version") + 1}
    started = not Task.objects.filter(pk=task.pk).exclude(status=TaskStatus.NOT_STARTED).update(**reported)
    if started:  # (or started by a concurrent write just now: counted again all the same)
        Task.objects.filter(pk=task.pk).update(
            **reported,
            status=Case(
                When(status=TaskStatus.NOT_STARTED, then=Value(TaskStatus.ON_TRACK)), default=F("status")
            ),
        )
    task.refresh_from_db(fields=["last_reported_at", "status", "version"])  # its plan and units stay loaded
    scope = scope_of(task)  # its history row written by the database (3 statements instead of 5)
    record_history_for_ids(
        Task,
        [task.pk],
        actor=actor,
        reason="progress reported",
        scopes=[scope if started else uncounted(scope)],
    )


def _apply_lead_progress(*, report: ProgressReport, actor) -> None:
    """An accepted report of a lead unit sets the task's percent, unless a later period is already accepted.

    Even at 100 % the task stays open: only a verified close-out (办结销号) makes it done."""
    later = ProgressReport.objects.filter(
        task_id=report.task_id,
        unit__in=report.task.lead_units.all(),
        review_state=ReviewState.ACCEPTED,
        period__gt=report.period,
    )
    if later.exists():
        return
    Task.objects.filter(pk=report.task_id).update(
        percent=report.percent,
        status=Case(
            When(status=TaskStatus.NOT_STARTED, then=Value(TaskStatus.ON_TRACK)), default=F("status")
        ),
        version=F("version") + 1,
    )
    task = Task.objects.get(pk=report.task_id)
    record_history(task, actor=actor, reason="progress accepted")
