from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import Milestone, Project
from zoneplan.core.permissions import ensure_perm
from zoneplan.core.writes import create_with_history, update_versioned


@transaction.atomic
def milestone_create(*, actor, project: Project, name: str, planned_date: date) -> Milestone:
    """Add a node to the project's reverse schedule (倒排工期)."""
    ensure_perm(actor, "projects.change_project", project)
    return create_with_history(Milestone(project=project, name=name, planned_date=planned_date), actor=actor)


@transaction.atomic
def milestone_update(*, actor, milestone: Milestone, expected_version: int, **changes) -> Milestone:
    """Planners change the schedule itself: name and planned date."""
    ensure_perm(actor, "projects.change_project", milestone.project)
    return update_versioned(
        milestone,
        actor=actor,
        expected_version=expected_version,
        changes=changes,
        allowed=frozenset({"name", "planned_date"}),
    )


@transaction.atomic
def milestone_record(
    *, actor, milestone: Milestone, expected_version: int, actual_date: date | None
) -> Milestone:
    """The responsible unit (or a planner) records when the milestone was reached, or clears a wrong date."""
    ensure_perm(actor, "projects.record_milestone", milestone.project)
    if actual_date is not None and actual_date > timezone.localdate():
        raise ValidationError({"actual_date": [_("An actual date cannot be in the future.")]})
    return update_versioned(
        milestone,
        actor=actor,
        expected_version=expected_version,
        changes={"actual_date": actual_date},
        allowed=frozenset({"actual_date"}),
    )


@transaction.atomic
def milestone_delete(*, actor, milestone: Milestone) -> None:
    ensure_perm(actor, "projects.change_project", milestone.project)
    milestone._history_user = actor
    milestone.delete()
