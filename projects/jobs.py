"""Scheduled work of key projects: milestones past their planned date, told to the unit, then escalated."""

import logging
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from organisation.models import Membership
from projects.models import Milestone, Project
from projects.selectors import late_milestone_q
from zoneplan.core.jobs import JobResult
from zoneplan.notifications.bulk import Expression, MessageRows, days_between, notify_rows
from zoneplan.notifications.bulk import text as sql_text
from zoneplan.notifications.escalation import escalation_source
from zoneplan.notifications.models import Notification, NotificationKind

logger = logging.getLogger(__name__)


def _late_not_notified(kind: str, today: date):
    milestone_type = ContentType.objects.get_for_model(Milestone)
    sent = Notification.objects.filter(kind=kind, subject_type=milestone_type, subject_id=OuterRef("pk"))
    return Milestone.objects.filter(late_milestone_q(today)).filter(~Exists(sent)).select_related("project")


def milestone_scan(*, today: date) -> JobResult:
    """Late milestones: the responsible unit is told once; after ESCALATION_DAYS its leaders too."""
    items = _late_not_notified(NotificationKind.MILESTONE_OVERDUE, today).count()
    notified = notify_rows(_unit_rows(today))
    for first in (True, False):
        notified += notify_rows(_leader_rows(today, first=first))
    logger.info("milestone_scan %s: %s late milestones, %s notifications", today, items, notified)
    return JobResult(items=items, notifications=notified)


MILESTONE_COLUMNS = (
    "ms.id AS subject_id, ms.name AS milestone, ms.planned_date, p.id AS project_id, p.name AS project"
)
PROJECT_NAME = "substr(s.project, 1, 80)"
MILESTONE_NAME = "substr(s.milestone, 1, 60)"
LATE = "ms.actual_date IS NULL AND ms.planned_date < %s"


def _tables() -> str:
    return f"{Milestone._meta.db_table} ms JOIN {Project._meta.db_table} p ON p.id = ms.project_id"


def _unit_rows(today: date) -> MessageRows:
    """Every member of the responsible unit of a project with a late milestone."""
    return MessageRows(
        kind=NotificationKind.MILESTONE_OVERDUE,
        subject_model=Milestone,
        source=Expression(
            "SELECT m.user_id AS recipient_id, "  # noqa: S608
            f"p.responsible_unit_id AS unit_id, {MILESTONE_COLUMNS} "
            f"FROM {_tables()} JOIN {Membership._meta.db_table} m ON m.unit_id = p.responsible_unit_id "
            f"WHERE {LATE}",
            (today,),
        ),
        title=sql_text(
            _("Milestone late: %(project)s — %(milestone)s"), project=PROJECT_NAME, milestone=MILESTONE_NAME
        ),
        message=sql_text(_("Planned for %(date)s and not reached yet."), date="s.planned_date"),
        link=Expression("'/projects/' || s.project_id || '/'"),
        dedup_key=Expression("%s || s.subject_id", ("milestone:",)),
    )


def _leader_rows(today: date, *, first: bool) -> MessageRows:
    """Milestones late for more than ESCALATION_DAYS go to the project's leader in charge (or the zone's
    leaders); still late after twice as long, to the zone's other leaders."""
    kind = NotificationKind.MILESTONE_ESCALATION if first else NotificationKind.MILESTONE_ESCALATION_PRINCIPAL
    source = escalation_source(
        columns=MILESTONE_COLUMNS,
        tables=_tables(),
        where=LATE,
        params=(today,),
        due="ms.planned_date",
        leader="p.responsible_leader_id",
        zone="p.zone_id",
        today=today,
        first=first,
    )
    return MessageRows(
        kind=kind,
        subject_model=Milestone,
        source=source,
        title=sql_text(
            _("Milestone %(days)d days late: %(project)s — %(milestone)s"),
            days=days_between("s.planned_date", today),
            project=PROJECT_NAME,
            milestone=MILESTONE_NAME,
        ),
        message=sql_text(_("Planned for %(date)s and not reached yet."), date="s.planned_date"),
        link=Expression("'/projects/' || s.project_id || '/'"),
        dedup_key=Expression("%s || s.subject_id", (f"{kind}:milestone",)),
    )
