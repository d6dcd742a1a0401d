from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.models import Zone
from projects.choices import STAGE_ORDER, ProjectStage
from projects.models import PROJECT_INPUT_FIELDS, Project
from zoneplan.core.permissions import ensure_perm
from zoneplan.core.writes import create_with_history, update_versioned

# The zone is set when the project is listed, the stage moves only by project_move_stage.
PROJECT_EDITABLE_FIELDS = frozenset(PROJECT_INPUT_FIELDS) - {"zone", "stage"}


@transaction.atomic
def project_create(*, actor, zone: Zone, **fields) -> Project:
    """Put a project on the zone's key-project list; it starts at the planning stage unless told otherwise."""
    ensure_perm(actor, "projects.add_project", zone)
    stage = fields.pop("stage", ProjectStage.PLANNING)
    unknown = set(fields) - PROJECT_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"project_create cannot set {sorted(unknown)}")
    project = Project(zone=zone, stage=stage, **fields)
    check_stage_dates(project, stage)
    return create_with_history(project, actor=actor)


@transaction.atomic
def project_update(*, actor, project: Project, expected_version: int, **changes) -> Project:
    """Change a project's facts; the stage moves only through `project_move_stage`."""
    ensure_perm(actor, "projects.change_project", project)
    if {"actual_start", "actual_completion"} & set(changes):
        merged = Project(**{**_date_fields(project), **changes})
        check_stage_dates(merged, project.stage)
    return update_versioned(
        project,
        actor=actor,
        expected_version=expected_version,
        changes=changes,
        allowed=PROJECT_EDITABLE_FIELDS,
    )


@transaction.atomic
def project_move_stage(
    *,
    actor,
    project: Project,
    stage: str,
    expected_version: int,
    reason: str = "",
    actual_start: date | None = None,
    actual_completion: date | None = None,
) -> Project:
    """Move a project on the stage ladder; forward may skip steps, backward needs a reason that is kept."""
    ensure_perm(actor, "projects.change_project", project)
    target, current = STAGE_ORDER.index(ProjectStage(stage)), STAGE_ORDER.index(ProjectStage(project.stage))
    reason = reason.strip()
    if target == current:
        raise ValidationError({"stage": [_("The project is already at this stage.")]})
    if target < current and not reason:
        raise ValidationError({"reason": [_("Moving a project back to an earlier stage needs a reason.")]})
    changes = {"stage": stage}
    if actual_start is not None:
        changes["actual_start"] = actual_start
    if actual_completion is not None:
        changes["actual_completion"] = actual_completion
    check_stage_dates(Project(**{**_date_fields(project), **changes}), stage)
    default_reason = _("Stage: %(old)s → %(new)s") % {
        "old": ProjectStage(project.stage).label,
        "new": ProjectStage(stage).label,
    }
    return update_versioned(
        project,
        actor=actor,
        expected_version=expected_version,
        changes=changes,
        allowed=PROJECT_EDITABLE_FIELDS | {"stage"},
        reason=f"{default_reason}: {reason}" if reason else default_reason,
    )


def check_stage_dates(project: Project, stage: str) -> None:
    """Started and later stages need the actual start; completed and later need the actual completion."""
    index = STAGE_ORDER.index(ProjectStage(stage))
    today = timezone.localdate()
    errors = {}
    if index >= STAGE_ORDER.index(ProjectStage.STARTED) and project.actual_start is None:
        errors["actual_start"] = [_("A started project needs its actual start date.")]
    if index >= STAGE_ORDER.index(ProjectStage.COMPLETED) and project.actual_completion is None:
        errors["actual_completion"] = [_("A completed project needs its actual completion date.")]
    for field in ("actual_start", "actual_completion"):
        value = getattr(project, field)
        if value is not None and value > today:
            errors.setdefault(field, []).append(_("An actual date cannot be in the future."))
    if errors:
        raise ValidationError(errors)


def _date_fields(project: Project) -> dict:
    return {"actual_start": project.actual_start, "actual_completion": project.actual_completion}
