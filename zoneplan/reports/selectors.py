from django.db.models import Q, QuerySet

from organisation.roles import roles_of
from zoneplan.reports.models import FileJob


def jobs_visible_to(user) -> QuerySet[FileJob]:
    """One's own files, and the scheduled monthly reports of the zones one plans or leads."""
    roles = roles_of(user)
    if roles.is_admin:
        return FileJob.objects.all()
    if roles.planner_everywhere or roles.leader_everywhere:
        scheduled = Q(created_by=None)
    else:
        scheduled = Q(created_by=None, params__zone__in=list(roles.planner_zone_ids | roles.leader_zone_ids))
    return FileJob.objects.filter(Q(created_by=user) | scheduled)
