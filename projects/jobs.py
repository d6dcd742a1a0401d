"""Scheduled work of key projects: milestones past their planned date, told to the unit, then escalated."""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from plans.jobs import escalation_recipients, leaders_by_zone, members_by_unit
from projects.models import Milestone
from projects.selectors import late_milestone_q
from zoneplan.core.jobs import JobResult
from zoneplan.notifications.models import Notification, NotificationKind
from zoneplan.notifications.services import Message, not_yet_notified, notify

logger = logging.getLogger(__name__)


def _late_not_notified(kind: str, today: date):
    milestone_type = ContentType.objects.get_for_model(Milestone)
    sent = Notification.objects.filter(kind=kind, subject_type=milestone_type, subject_id=OuterRef("pk"))
    return Milestone.objects.filter(late_milestone_q(today)).filter(~Exists(sent)).select_related("project")


def milestone_scan(*, today: date) -> JobResult:
    """Late milestones: the responsible unit is told once; after ESCALATION_DAYS its leaders too."""
    items = _late_not_notified(NotificationKind.MILESTONE_OVERDUE, today).count()
    late = Milestone.objects.filter(late_milestone_q(today)).select_related("project")
    notified = notify(_unit_messages(late))
    for first, kind, factor in [
        (True, NotificationKind.MILESTONE_ESCALATION, 1),
        (False, NotificationKind.MILESTONE_ESCALATION_PRINCIPAL, 2),
    ]:
        threshold = today - timedelta(days=settings.ESCALATION_DAYS * factor)
        escalate = late.filter(planned_date__lt=threshold)
        notified += notify(_leader_messages(escalate, today, first=first, kind=kind))
    logger.info("milestone_scan %s: %s late milestones, %s notifications", today, items, notified)
    return JobResult(items=items, notifications=notified)


def _unit_messages(milestones):
    members = members_by_unit()
    for milestone in not_yet_notified(milestones, NotificationKind.MILESTONE_OVERDUE):
        project = milestone.project
        for user_id in members.get(project.responsible_unit_id, ()):
            yield Message(
                recipient_id=user_id,
                kind=NotificationKind.MILESTONE_OVERDUE,
                title=_("Milestone late: %(project)s — %(milestone)s")
                % {"project": project.name[:80], "milestone": milestone.name[:60]},
                text=_("Planned for %(date)s and not reached yet.") % {"date": milestone.planned_date},
                dedup_key=f"milestone:{milestone.pk}",
                subject=milestone,
                unit_id=project.responsible_unit_id,
                link=f"/projects/{project.pk}/",
            )


def _leader_messages(milestones, today: date, *, first: bool, kind: str):
    leaders = leaders_by_zone()
    for milestone in not_yet_notified(milestones, kind):
        project = milestone.project
        zone_leaders = leaders.get(project.zone_id, set()) | leaders.get(None, set())
        for user_id in escalation_recipients(first=first, leader_id=project.responsible_leader_id,
                                             zone_leaders=zone_leaders):  # fmt: skip
            yield Message(
                recipient_id=user_id,
                kind=kind,
                title=_("Milestone %(days)d days late: %(project)s — %(milestone)s")
                % {
                    "days": (today - milestone.planned_date).days,
                    "project": project.name[:80],
                    "milestone": milestone.name[:60],
                },  # fmt: skip
                text=_("Planned for %(date)s and not reached yet.") % {"date": milestone.planned_date},
                dedup_key=f"{kind}:milestone{milestone.pk}",
                subject=milestone,
                link=f"/projects/{project.pk}/",
            )
