"""The weekly digest to each leader: what went overdue, what was done, what was returned, open problems."""

import logging
from datetime import date, timedelta

from django.db.models import Q
from django.utils.translation import gettext as _

from organisation.choices import StaffRole
from organisation.models import ZoneRole
from plans.choices import CloseOutState, ReviewState
from plans.models import CloseOut, ProgressReport, Task
from plans.overdue import overdue_q
from projects.choices import IssueState
from projects.models import ProjectIssue
from zoneplan.core.jobs import JobResult
from zoneplan.notifications.models import NotificationKind
from zoneplan.notifications.services import Message, notify

logger = logging.getLogger(__name__)


def _zone_filter(zone_ids: set[int] | None, path: str) -> Q:
    return Q() if zone_ids is None else Q(**{f"{path}__in": zone_ids})


def weekly_figures(*, zone_ids: set[int] | None, today: date) -> dict[str, int]:
    """The week before `today` for some zones (None: all): five counts."""
    since = today - timedelta(days=7)
    tasks = Task.objects.filter(_zone_filter(zone_ids, "plan__zone_id"), is_section=False)
    reports = ProgressReport.objects.filter(
        _zone_filter(zone_ids, "task__plan__zone_id"), reviewed_at__date__gte=since
    )
    # Done means closed out (办结销号): a verified close-out, not an accepted report of 100 %.
    closed = CloseOut.objects.filter(
        _zone_filter(zone_ids, "task__plan__zone_id"), state=CloseOutState.CLOSED, decided_at__date__gte=since
    )
    return {
        # Overdue as the task list says (flagged by the scan, or open past the deadline): new ones were
        # flagged, or fell due, within the week.
        "new_overdue": tasks.filter(
            overdue_q(today=today), Q(overdue_since__gte=since) | Q(deadline__gte=since)
        ).count(),
        "overdue": tasks.filter(overdue_q(today=today)).count(),
        "done": closed.values("task").distinct().count(),
        "returned": reports.filter(review_state=ReviewState.RETURNED).count(),
        "open_problems": ProjectIssue.objects.filter(
            _zone_filter(zone_ids, "project__zone_id"), state=IssueState.OPEN
        ).count(),
    }


def weekly_digest(*, today: date) -> JobResult:
    """One digest per leader per ISO week, over the zones they lead."""
    scopes: dict[int, set[int] | None] = {}
    for user_id, zone_id in ZoneRole.objects.filter(role=StaffRole.LEADER).values_list("user_id", "zone_id"):
        if zone_id is None or scopes.get(user_id, set()) is None:
            scopes[user_id] = None
        else:
            scopes.setdefault(user_id, set()).add(zone_id)
    year, week, _weekday = today.isocalendar()
    messages = []
    for user_id, zone_ids in scopes.items():
        figures = weekly_figures(zone_ids=zone_ids, today=today)
        messages.append(
            Message(
                recipient_id=user_id,
                kind=NotificationKind.WEEKLY_DIGEST,
                title=_("Weekly digest, week %(week)d of %(year)d") % {"week": week, "year": year},
                text=_(
                    "New overdue tasks: %(new_overdue)d (overdue in all: %(overdue)d)\n"
                    "Tasks done: %(done)d\nReports returned: %(returned)d\n"
                    "Open project problems: %(open_problems)d"
                )
                % figures,
                dedup_key=f"digest:{year}-W{week:02d}",
                link="/plans/",
            )
        )
    notified = notify(messages)
    logger.info("weekly_digest %s: %s leaders, %s notifications", today, len(scopes), notified)
    return JobResult(items=len(scopes), notifications=notified)
