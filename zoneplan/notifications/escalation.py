"""Escalation by zone role: a late subject goes to the leader in charge, then to the leaders of its zone. Any
domain's scan (overdue tasks, late milestones) selects its subjects and hands the SQL here."""

from datetime import date, timedelta

from django.conf import settings

from organisation.choices import StaffRole
from organisation.models import ZoneRole
from zoneplan.notifications.bulk import Expression

NO_UNIT = "CAST(NULL AS INTEGER) AS unit_id"


def escalation_source(
    *,
    columns: str,
    tables: str,
    where: str,
    params: tuple,
    due: str,
    leader: str,
    zone: str,
    today: date,
    first: bool,
) -> Expression:
    """The recipients of an escalation about every subject at once: first, ESCALATION_DAYS after its date
    (column `due`), the leader in charge (column `leader`), or the leaders of the subject's zone (column
    `zone`) and of every zone when nobody is in charge; at the second step, twice as long after, those leaders
    but the one in charge, and only when there is one. `columns`, `tables`, `where` and `params` select the
    subjects."""
    where = f"{where} AND {due} < %s"
    params = (*params, today - timedelta(days=settings.ESCALATION_DAYS * (1 if first else 2)))
    roles = ZoneRole._meta.db_table
    zone_leaders = f"JOIN {roles} r ON r.role = %s AND (r.zone_id = {zone} OR r.zone_id IS NULL)"

    def select(recipient: str, joins: str, condition: str, join_params: tuple) -> Expression:
        return Expression(
            f"SELECT {recipient} AS recipient_id, {NO_UNIT}, {columns} FROM {tables} {joins} "  # noqa: S608
            f"WHERE {where} AND {condition}",
            (*join_params, *params),
        )

    others = f"{leader} IS NULL" if first else f"{leader} IS NOT NULL AND r.user_id <> {leader}"
    by_zone = select("r.user_id", zone_leaders, others, (StaffRole.LEADER,))
    if not first:
        return by_zone
    in_charge = select(leader, "", f"{leader} IS NOT NULL", ())
    return Expression(f"{in_charge.sql} UNION ALL {by_zone.sql}", in_charge.params + by_zone.params)
