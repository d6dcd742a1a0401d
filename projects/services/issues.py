from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.models import Unit
from projects.choices import IssueState
from projects.models import Project, ProjectIssue
from zoneplan.core.permissions import ensure_perm
from zoneplan.core.writes import create_with_history, update_versioned


@transaction.atomic
def issue_create(
    *,
    actor,
    project: Project,
    description: str,
    responsible_unit: Unit,
    due_date: date | None = None,
    raised_on: date | None = None,
) -> ProjectIssue:
    """Raise a problem the committee must solve, with the unit that must solve it."""
    ensure_perm(actor, "projects.raise_issue", project)
    issue = ProjectIssue(
        project=project,
        description=description.strip(),
        responsible_unit=responsible_unit,
        due_date=due_date,
        raised_on=raised_on or timezone.localdate(),
        raised_by=actor,
    )
    if issue.due_date and issue.due_date < issue.raised_on:
        raise ValidationError({"due_date": [_("The due date cannot be before the problem was raised.")]})
    return create_with_history(issue, actor=actor)


@transaction.atomic
def issue_update(*, actor, issue: ProjectIssue, expected_version: int, **changes) -> ProjectIssue:
    ensure_perm(actor, "projects.change_issue", issue)
    return update_versioned(
        issue,
        actor=actor,
        expected_version=expected_version,
        changes=changes,
        allowed=frozenset({"description", "responsible_unit", "due_date"}),
    )


@transaction.atomic
def issue_resolve(
    *, actor, issue: ProjectIssue, expected_version: int, resolution: str, resolved_on: date | None = None
) -> ProjectIssue:
    """Close a problem with how it was solved."""
    ensure_perm(actor, "projects.change_issue", issue)
    if issue.state == IssueState.RESOLVED:
        raise ValidationError(_("This problem is resolved already."))
    resolution = resolution.strip()
    if not resolution:
        raise ValidationError({"resolution": [_("Say how the problem was solved.")]})
    resolved_on = resolved_on or timezone.localdate()
    if resolved_on > timezone.localdate():
        raise ValidationError({"resolved_on": [_("An actual date cannot be in the future.")]})
    return update_versioned(
        issue,
        actor=actor,
        expected_version=expected_version,
        changes={"state": IssueState.RESOLVED, "resolution": resolution, "resolved_on": resolved_on},
        allowed=frozenset({"state", "resolution", "resolved_on"}),
    )
