"""Scheduled work of the plans domain: progress reminders and the overdue scan, set-based on the database."""

import logging
from collections import defaultdict
from datetime import date

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from organisation.models import Membership
from plans.choices import (
    OPEN_TASK_STATUSES,
    UNFLAGGED_STATUSES,
    PlanStatus,
    ReportingCycle,
    ReviewState,
    TaskStatus,
)
from plans.models import Plan, ProgressReport, Task
from plans.periods import period_end, period_start
from plans.selectors import lead_unit_ids
from zoneplan.core.datacache import PlanTasks
from zoneplan.core.history import record_history_for_ids
from zoneplan.core.jobs import JobResult
from zoneplan.core.workdays import WorkdayCalendar
from zoneplan.notifications.bulk import Expression, MessageRows, days_between, notify_rows
from zoneplan.notifications.bulk import text as sql_text
from zoneplan.notifications.escalation import escalation_source
from zoneplan.notifications.models import NotificationKind
from zoneplan.notifications.services import Message, notify

logger = logging.getLogger(__name__)


def reportable_tasks():
    """Task items of published plans that still need work and reports."""
    return Task.objects.filter(
        plan__status=PlanStatus.PUBLISHED, is_section=False, status__in=OPEN_TASK_STATUSES
    )


def unreported_pairs(*, cycle: str, period: date) -> list[tuple[int, int]]:
    """(unit id, task id) for every unit that leads or cooperates on an open task of `cycle` and has no
    live report on it for `period`: one query."""
    tasks = reportable_tasks().filter(reporting_cycle=cycle).values("pk")
    reported = ProgressReport.objects.filter(
        task_id=OuterRef("task_id"), unit_id=OuterRef("unit_id"), period=period
    )
    reported = reported.exclude(review_state=ReviewState.RETURNED)

    def missing(through):
        return (
            through.objects.filter(task_id__in=tasks)
            .filter(~Exists(reported))
            .values_list("unit_id", "task_id")
        )

    return list(missing(Task.lead_units.through).union(missing(Task.cooperating_units.through)))


def progress_reminders(*, today: date) -> JobResult:
    """Near the end of each reporting period, remind every unit of the tasks it has not reported on."""
    result = JobResult()
    for cycle in ReportingCycle:
        start = period_start(cycle, today)
        if (period_end(cycle, start) - today).days >= settings.REMINDER_DAYS_BEFORE[cycle]:
            continue
        pairs = unreported_pairs(cycle=cycle, period=start)
        result.items += len(pairs)
        result.notifications += notify(_reminder_messages(pairs, cycle=cycle, start=start))
    result += deadline_reminders(today=today)
    logger.info(
        "progress_reminders %s: %s unreported unit-tasks, %s notifications",
        today,
        result.items,
        result.notifications,
    )
    return result


def deadline_reminders(*, today: date) -> JobResult:
    """Lead units of open tasks due within DEADLINE_REMINDER_WORKDAYS working days are reminded, once a
    task."""
    calendar = WorkdayCalendar()
    last_day = calendar.add_workdays(today, settings.DEADLINE_REMINDER_WORKDAYS)
    due = list(
        reportable_tasks()
        .filter(deadline__gte=today, deadline__lte=last_day)
        .only("pk", "label", "title", "deadline", "percent")
        .order_by("pk")
    )
    leads = lead_unit_ids(task.pk for task in due)
    members = members_by_unit()
    messages = [
        Message(
            recipient_id=user_id,
            kind=NotificationKind.DEADLINE_REMINDER,
            title=_("Due in %(days)d working days: %(task)s")
            % {
                "days": calendar.workdays_between(today, task.deadline),
                "task": f"{task.label}{task.title}"[:140],
            },
            text=_("The deadline is %(deadline)s; %(percent)d%% is done.")
            % {"deadline": task.deadline, "percent": task.percent},
            dedup_key=f"deadline:task{task.pk}:{task.deadline.isoformat()}",
            subject=task,
            unit_id=unit_id,
            link=f"/tasks/{task.pk}/",
        )
        for task in due
        for unit_id in leads[task.pk]
        for user_id in members.get(unit_id, ())
    ]
    return JobResult(items=len(due), notifications=notify(messages))


def _reminder_messages(pairs, *, cycle: str, start: date):
    tasks_by_unit: dict[int, list[int]] = defaultdict(list)
    for unit_id, task_id in pairs:
        tasks_by_unit[unit_id].append(task_id)
    tasks = Task.objects.in_bulk({task_id for _, task_id in pairs})
    end = period_end(cycle, start)
    for membership in Membership.objects.filter(unit_id__in=tasks_by_unit).select_related("unit"):
        listed = sorted((tasks[task_id] for task_id in tasks_by_unit[membership.unit_id]), key=lambda t: t.pk)
        lines = "\n".join(f"- {t.label}{t.title}" for t in listed[:30])
        more = _("\n…and %(count)d more") % {"count": len(listed) - 30} if len(listed) > 30 else ""
        yield Message(
            recipient_id=membership.user_id,
            kind=NotificationKind.PROGRESS_REMINDER,
            title=_("%(unit)s: %(count)d tasks to report by %(end)s")
            % {"unit": membership.unit.name, "count": len(listed), "end": end.isoformat()},
            text=lines + more,
            dedup_key=f"reminder:{cycle}:{start.isoformat()}:unit{membership.unit_id}",
            subject=membership.unit,
            unit_id=membership.unit_id,
            link="/plans/",
        )


def flag_overdue_tasks(*, today: date) -> dict[int, int]:
    """Mark open tasks past their deadline as overdue in one UPDATE; return the ids it changed, each with its
    plan's."""
    task, plan = Task._meta.db_table, Plan._meta.db_table
    flaggable = UNFLAGGED_STATUSES
    placeholders = ", ".join(["%s"] * len(flaggable))
    sql = (
        f"UPDATE {task} SET status = %s, overdue_since = %s, "  # noqa: S608 - names from _meta
        "version = version + 1 "
        f"WHERE is_section = %s AND deadline < %s AND status IN ({placeholders}) "
        f"AND plan_id IN (SELECT id FROM {plan} WHERE status = %s) RETURNING id, plan_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [TaskStatus.OVERDUE, today, False, today, *flaggable, PlanStatus.PUBLISHED])
        return dict(cursor.fetchall())


def overdue_scan(*, today: date) -> JobResult:
    """Flag overdue tasks, tell their lead units, and after ESCALATION_DAYS tell the leadership."""
    with transaction.atomic():
        flagged = flag_overdue_tasks(today=today)
        plans = Plan.objects.filter(pk__in=set(flagged.values())).values_list("pk", "zone_id")
        scopes = [PlanTasks(plan_id, zone_id) for plan_id, zone_id in plans]  # the plans it flagged tasks in
        record_history_for_ids(Task, list(flagged), actor=None, reason="overdue scan", scopes=scopes)
    notified = notify_rows(_overdue_rows()) + sum(
        notify_rows(_escalation_rows(today, first=f)) for f in (True, False)
    )
    logger.info("overdue_scan %s: %s tasks flagged, %s notifications", today, len(flagged), notified)
    return JobResult(items=len(flagged), notifications=notified)


TASK_NAME = "substr(s.label || s.title, 1, {length})"


def _overdue_rows() -> MessageRows:
    """Every member of each lead unit of an overdue task (every one, so that a crashed run is made good)."""
    links, members = Task.lead_units.through._meta.db_table, Membership._meta.db_table
    return MessageRows(
        kind=NotificationKind.TASK_OVERDUE,
        subject_model=Task,
        source=Expression(
            "SELECT m.user_id AS recipient_id, l.unit_id, t.id AS subject_id, "  # noqa: S608
            "t.label, t.title, t.deadline, "
            f"t.deadline_text FROM {Task._meta.db_table} t JOIN {links} l ON l.task_id = t.id "
            f"JOIN {members} m ON m.unit_id = l.unit_id WHERE t.status = %s AND t.is_section = %s",
            (TaskStatus.OVERDUE, False),
        ),
        title=sql_text(_("Overdue: %(task)s"), task=TASK_NAME.format(length=150)),
        message=sql_text(
            _("The deadline was %(deadline)s (%(text)s). Report progress or ask for an extension."),
            deadline="s.deadline",
            text="COALESCE(NULLIF(s.deadline_text, ''), '—')",
        ),
        link=Expression("'/tasks/' || s.subject_id || '/'"),
        dedup_key=Expression("%s || s.subject_id", ("overdue:task",)),
    )


def _escalation_rows(today: date, *, first: bool) -> MessageRows:
    """Tasks overdue for more than ESCALATION_DAYS go to their leader in charge (or the zone's leaders); still
    overdue after twice as long (they stayed red), to the zone's other leaders."""
    kind = NotificationKind.TASK_ESCALATION if first else NotificationKind.TASK_ESCALATION_PRINCIPAL
    return MessageRows(
        kind=kind,
        subject_model=Task,
        source=escalation_source(
            columns="t.id AS subject_id, t.label, t.title, t.deadline",
            tables=f"{Task._meta.db_table} t JOIN {Plan._meta.db_table} p ON p.id = t.plan_id",
            where="t.status = %s AND t.is_section = %s",
            params=(TaskStatus.OVERDUE, False),
            due="t.deadline",
            leader="t.responsible_leader_id",
            zone="p.zone_id",
            today=today,
            first=first,
        ),
        title=sql_text(
            _("Overdue for %(days)d days: %(task)s"),
            days=days_between("s.deadline", today),
            task=TASK_NAME.format(length=140),
        ),
        message=sql_text(_("Deadline %(deadline)s; still not done."), deadline="s.deadline"),
        link=Expression("'/tasks/' || s.subject_id || '/'"),
        dedup_key=Expression("%s || s.subject_id", (f"{kind}:task",)),
    )


def members_by_unit() -> dict[int, list[int]]:
    members: dict[int, list[int]] = defaultdict(list)
    for unit_id, user_id in Membership.objects.values_list("unit_id", "user_id"):
        members[unit_id].append(user_id)
    return members
