"""The scheduled monthly report: on the 3rd, last month's 月度通报 of every zone with a published plan, told
to its planners and leaders. Safe to run twice: a zone's report of a month is built once."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from organisation.choices import StaffRole
from organisation.models import Zone, ZoneRole
from plans.choices import PlanStatus
from zoneplan.core.jobs import JobResult
from zoneplan.core.periods import month_before
from zoneplan.notifications.models import NotificationKind
from zoneplan.notifications.services import Message, notify
from zoneplan.reports.models import FileJob
from zoneplan.reports.services import file_job_run


def monthly_reports(*, today: date) -> JobResult:
    year, month = month_before(today)
    zones = Zone.objects.filter(plans__status=PlanStatus.PUBLISHED).distinct()
    built, messages = 0, []
    for zone in zones:
        params = {"zone": zone.pk, "year": year, "month": month, "scheduled": True}
        job, created = FileJob.objects.get_or_create(kind=FileJob.Kind.MONTHLY_REPORT, params=params)
        if job.state != FileJob.State.DONE:
            file_job_run(job)
            built += 1
        staff = ZoneRole.objects.filter(role__in=[StaffRole.PLANNER, StaffRole.LEADER])
        for user_id in set(staff.filter(zone=zone).values_list("user_id", flat=True)) | set(
            staff.filter(zone=None).values_list("user_id", flat=True)
        ):
            messages.append(
                Message(
                    recipient_id=user_id,
                    kind=NotificationKind.MONTHLY_REPORT,
                    title=_("The monthly report of %(zone)s for %(year)s-%(month)02d is ready")
                    % {"zone": zone.name, "year": year, "month": month},
                    text=job.filename,
                    dedup_key=f"monthly_report:{zone.pk}:{year}-{month:02d}",
                    link=reverse("reports:job", args=[job.pk]),
                )
            )
    return JobResult(items=built, notifications=notify(messages))
