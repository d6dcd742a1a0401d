"""Scheduled work of indicators: remind the zones that have not submitted last month's values."""

import logging
from datetime import date

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from indicators.choices import REPORTED_STATES
from indicators.models import IndicatorValue
from organisation.models import Membership, Zone
from zoneplan.core.jobs import JobResult
from zoneplan.core.periods import month_before
from zoneplan.notifications.models import NotificationKind
from zoneplan.notifications.services import Message, notify

logger = logging.getLogger(__name__)


def indicator_reminders(*, today: date) -> JobResult:
    """Each zone with a statistics unit and no submitted value for last month is reminded, once a month."""
    year, month = month_before(today)
    submitted = IndicatorValue.objects.filter(
        zone=OuterRef("pk"), year=year, month=month, state__in=REPORTED_STATES
    )
    zones = list(Zone.objects.filter(statistics_unit__isnull=False).filter(~Exists(submitted)))
    members = Membership.objects.filter(unit_id__in=[z.statistics_unit_id for z in zones]).values_list(
        "unit_id", "user_id"
    )
    zone_by_unit = {zone.statistics_unit_id: zone for zone in zones}
    messages = (
        Message(
            recipient_id=user_id,
            kind=NotificationKind.INDICATOR_REMINDER,
            title=_("%(zone)s: submit the indicators of %(year)d-%(month)02d")
            % {"zone": zone_by_unit[unit_id].name, "year": year, "month": month},
            text=_("The economic indicators of last month have not been submitted yet."),
            dedup_key=f"indicators:{zone_by_unit[unit_id].pk}:{year}-{month:02d}",
            subject=zone_by_unit[unit_id],
            unit_id=unit_id,
            link=f"/indicators/entry/?zone={zone_by_unit[unit_id].pk}&year={year}&month={month}",
        )
        for unit_id, user_id in members
    )
    notified = notify(messages)
    logger.info("indicator_reminders %s: %s zones behind, %s notifications", today, len(zones), notified)
    return JobResult(items=len(zones), notifications=notified)
