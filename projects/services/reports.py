from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import Project, ProjectReport
from zoneplan.core.permissions import ensure_perm
from zoneplan.core.writes import create_with_history, update_versioned


@transaction.atomic
def report_submit(
    *, actor, project: Project, year: int, month: int, month_investment: Decimal, narrative: str = ""
) -> ProjectReport:
    """The responsible unit reports the investment completed in one month; once per month."""
    ensure_perm(actor, "projects.report_project", project)
    _check_month(year, month)
    report = ProjectReport(
        project=project,
        year=year,
        month=month,
        month_investment=month_investment,
        narrative=narrative,
        author=actor,
    )
    try:
        with transaction.atomic():
            return create_with_history(report, actor=actor)
    except IntegrityError as error:  # a concurrent report for the same month won the race
        raise ValidationError(_("This project already has a report for this month.")) from error


@transaction.atomic
def report_update(*, actor, report: ProjectReport, expected_version: int, **changes) -> ProjectReport:
    """Correct a monthly report; the month it belongs to does not change."""
    ensure_perm(actor, "projects.report_project", report.project)
    return update_versioned(
        report,
        actor=actor,
        expected_version=expected_version,
        changes=changes,
        allowed=frozenset({"month_investment", "narrative"}),
    )


def _check_month(year: int, month: int) -> None:
    today = timezone.localdate()
    if not 1 <= month <= 12:
        raise ValidationError({"month": [_("The month must be between 1 and 12.")]})
    if (year, month) > (today.year, today.month):
        raise ValidationError({"month": [_("A month in the future cannot be reported yet.")]})
