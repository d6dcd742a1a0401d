"""Extension requests (延期申请) and close-out (办结销号 / 退办)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.models import Unit
from organisation.roles import roles_of
from plans.choices import OPEN_TASK_STATUSES, CloseOutState, ExtensionState, TaskStatus
from plans.models import CloseOut, ExtensionRequest, Task
from plans.services.progress import check_attachments
from zoneplan.core.exceptions import VersionConflict
from zoneplan.core.history import record_history
from zoneplan.core.permissions import ensure_perm


def _lead_unit(actor, task: Task) -> Unit:
    """The lead unit the actor acts for on this task."""
    ensure_perm(actor, "plans.lead_task", task)
    lead = [
        unit
        for unit in task.lead_units.all()
        if unit.pk in roles_of(actor).unit_ids or roles_of(actor).is_admin
    ]
    return lead[0]


def _ensure_open(task: Task) -> None:
    if task.status not in OPEN_TASK_STATUSES:
        raise ValidationError(_("The task is “%(status)s”.") % {"status": task.get_status_display()})


@transaction.atomic
def extension_request(*, actor, task: Task, requested_deadline: date, reason: str) -> ExtensionRequest:
    """The lead unit asks for a later deadline, with a reason."""
    unit = _lead_unit(actor, task)
    _ensure_open(task)
    reason = reason.strip()
    errors = {}
    if not reason:
        errors["reason"] = [_("Give the reason for the extension.")]
    if task.deadline and requested_deadline <= task.deadline:
        errors["requested_deadline"] = [_("The new deadline must be later than the current one.")]
    if requested_deadline < timezone.localdate():
        errors.setdefault("requested_deadline", []).append(_("The new deadline cannot be in the past."))
    if errors:
        raise ValidationError(errors)
    request = ExtensionRequest(
        task=task,
        unit=unit,
        requested_by=actor,
        deadline_before=task.deadline,
        requested_deadline=requested_deadline,
        reason=reason,
    )
    request.full_clean()
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError as error:
        raise ValidationError(
            _("This task already has an extension request waiting for a decision.")
        ) from error
    return request


@transaction.atomic
def extension_decide(
    *, actor, request: ExtensionRequest, approve: bool, comment: str = ""
) -> ExtensionRequest:
    """A planner approves (the task gets the new deadline, the original is kept) or rejects with a comment."""
    task = request.task
    ensure_perm(actor, "plans.change_task", task)
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationError({"comment": [_("Give the reason for rejecting the request.")]})
    decided = ExtensionRequest.objects.filter(pk=request.pk, state=ExtensionState.PENDING).update(
        state=ExtensionState.APPROVED if approve else ExtensionState.REJECTED,
        decided_by=actor,
        decided_at=timezone.now(),
        comment=comment,
    )
    if not decided:
        raise ValidationError(_("This request has been decided already."))
    request.refresh_from_db()
    record_history(request, actor=actor)
    if approve:
        _move_deadline(task=task, deadline=request.requested_deadline, actor=actor)
    return request


def _move_deadline(*, task: Task, deadline: date, actor) -> None:
    """The approved deadline replaces the current one; the first deadline is kept; an overdue flag it
    clears."""
    task.refresh_from_db()
    task.original_deadline = task.original_deadline or task.deadline
    task.deadline = deadline
    if task.status == TaskStatus.OVERDUE and deadline >= timezone.localdate():
        task.status, task.overdue_since = TaskStatus.ON_TRACK, None
    Task.objects.filter(pk=task.pk).update(
        original_deadline=task.original_deadline,
        deadline=deadline,
        status=task.status,
        overdue_since=task.overdue_since,
        version=F("version") + 1,
    )
    task.refresh_from_db()
    record_history(task, actor=actor, reason="extension approved")


@transaction.atomic
def closeout_apply(*, actor, task: Task, evidence: str, attachment: UploadedFile | None = None) -> CloseOut:
    """The lead unit applies to close the task as done, with evidence."""
    unit = _lead_unit(actor, task)
    _ensure_open(task)
    evidence = evidence.strip()
    if not evidence:
        raise ValidationError({"evidence": [_("Describe what was done, as evidence.")]})
    if attachment is not None:
        check_attachments([attachment])
    close_out = CloseOut(
        task=task, unit=unit, applied_by=actor, evidence=evidence, attachment=attachment or ""
    )
    try:
        with transaction.atomic():
            close_out.save()
    except IntegrityError as error:
        raise ValidationError(_("This task already has a close-out waiting for verification.")) from error
    return close_out


def open_close_out(task: Task) -> CloseOut:
    close_out = task.close_outs.filter(state=CloseOutState.APPLIED).first()
    if close_out is None:
        raise ValidationError(_("No close-out is waiting for verification."))
    return close_out


@transaction.atomic
def closeout_verify(*, actor, task: Task, comment: str = "") -> CloseOut:
    """A planner verifies and closes: only now does the task count as done."""
    ensure_perm(actor, "plans.change_task", task)
    close_out = _decide(actor=actor, task=task, state=CloseOutState.CLOSED, comment=comment)
    Task.objects.filter(pk=task.pk).update(status=TaskStatus.DONE, percent=100, version=F("version") + 1)
    task.refresh_from_db()
    record_history(task, actor=actor, reason="closed out")
    return close_out


@transaction.atomic
def closeout_send_back(*, actor, task: Task, reason: str) -> CloseOut:
    """A planner sends the close-out back (退办) with a reason; the task stays open."""
    ensure_perm(actor, "plans.change_task", task)
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for sending it back.")]})
    return _decide(actor=actor, task=task, state=CloseOutState.SENT_BACK, comment=reason.strip())


def _decide(*, actor, task: Task, state: str, comment: str) -> CloseOut:
    close_out = open_close_out(task)
    decided = CloseOut.objects.filter(pk=close_out.pk, state=CloseOutState.APPLIED).update(
        state=state, decided_by=actor, decided_at=timezone.now(), comment=comment
    )
    if not decided:
        raise VersionConflict(current_version=None)
    close_out.refresh_from_db()
    record_history(close_out, actor=actor)
    return close_out
