"""The raw-SQL baseline of the whole overdue scan (PostgreSQL): the same answer as
`zoneplan.jobs.overdue_scan` by hand-written statements, for the harness to time beside the job.

Flag the open task items past their deadline; write their history rows with the unit snapshots; tell the
members of each lead unit; escalate to the leader in charge (or the zone's and the city's leaders when nobody
is in charge) after ESCALATION_DAYS and to the other leaders after twice as long; the same for late milestones
of key projects (the responsible unit, then the project's leaders); plan the e-mail and robot deliveries.
Texts are the untranslated templates, built by concatenation as the job builds them.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from plans.models import Task
from projects.models import Milestone

FLAG_AND_HISTORY = """
WITH flagged AS (
  UPDATE plans_task SET status = 'overdue', overdue_since = %(today)s, version = version + 1
  WHERE NOT is_section AND deadline < %(today)s AND status IN ('not_started', 'on_track', 'behind')
    AND plan_id IN (SELECT id FROM plans_plan WHERE status = 'published')
  RETURNING *
), history AS (
  INSERT INTO plans_historicaltask (id, label, position, title, body, is_section, responsible_person,
    deadline,
    original_deadline, deadline_text, reporting_cycle, status, percent, last_reported_at, version, created_at,
    plan_id, parent_id, overdue_since, weight, responsible_leader_id, history_date, history_change_reason,
    history_type, history_user_id)
  SELECT id, label, position, title, body, is_section, responsible_person, deadline, original_deadline,
    deadline_text, reporting_cycle, status, percent, last_reported_at, version, created_at, plan_id,
      parent_id,
    overdue_since, weight, responsible_leader_id, now(), 'overdue scan', '~', NULL FROM flagged
  RETURNING history_id, id
), lead AS (
  INSERT INTO plans_historicaltask_lead_units (id, history_id, task_id, unit_id)
  SELECT l.id, h.history_id, l.task_id, l.unit_id FROM history h JOIN plans_task_lead_units l ON l.task_id =
    h.id
  RETURNING 1
), cooperating AS (
  INSERT INTO plans_historicaltask_cooperating_units (id, history_id, task_id, unit_id)
  SELECT l.id, h.history_id, l.task_id, l.unit_id FROM history h
  JOIN plans_task_cooperating_units l ON l.task_id = h.id
  RETURNING 1
)
SELECT (SELECT count(*) FROM flagged), (SELECT count(*) FROM lead), (SELECT count(*) FROM cooperating)
"""

INSERT = """INSERT INTO notifications_notification (recipient_id, unit_id, subject_id, kind, subject_type_id,
  title,
  message, link, dedup_key, created_at) """
UNTOLD = """NOT EXISTS (SELECT 1 FROM notifications_notification n WHERE n.subject_type_id = %(type)s
  AND n.subject_id = {subject} AND n.kind = %(kind)s)"""
TASK = "FROM plans_task t JOIN plans_plan p ON p.id = t.plan_id"
OVERDUE = "t.status = 'overdue' AND NOT t.is_section"
MILESTONE = "FROM projects_milestone ms JOIN projects_project p ON p.id = ms.project_id"
LATE = "ms.actual_date IS NULL AND ms.planned_date < %(today)s"
ZONE_LEADER = "r.role = 'leader' AND (r.zone_id = p.zone_id OR r.zone_id IS NULL)"
LEADERS = f"plans_zonerole r ON {ZONE_LEADER}"


def _first_step(leader: str) -> str:
    """The leader in charge, or the zone's and the city's leaders when nobody is in charge."""
    return f"""JOIN LATERAL (SELECT {leader} AS recipient WHERE {leader} IS NOT NULL
      UNION SELECT r.user_id FROM plans_zonerole r WHERE {ZONE_LEADER} AND {leader} IS NULL) x ON true"""


TASK_TEXTS = """'Overdue for ' || (%(today)s::date - t.deadline) || ' days: ' || substr(t.label || t.title, 1,
  140),
  'Deadline ' || t.deadline || '; still not done.', '/tasks/' || t.id || '/', %(kind)s || ':task' || t.id,
    now()"""
MILESTONE_TEXTS = """'Milestone ' || (%(today)s::date - ms.planned_date) || ' days late: ' || substr(p.name,
  1, 80)
  || ' — ' || substr(ms.name, 1, 60), 'Planned for ' || ms.planned_date || ' and not reached yet.',
  '/projects/' || p.id || '/', %(kind)s || ':milestone' || ms.id, now()"""


def _escalations(
    subject: str, alias: str, texts: str, tables: str, late: str, *, due: str, leader: str
) -> list:
    """The two escalation steps about `subject` rows (table alias `alias`)."""
    untold = UNTOLD.format(subject=f"{alias}.id")
    first = f"""{INSERT}
SELECT x.recipient, NULL, {alias}.id, %(kind)s, %(type)s, {texts}
{tables} {_first_step(leader)}
WHERE {late} AND {due} < %(first)s AND {untold} ON CONFLICT DO NOTHING"""
    second = f"""{INSERT}
SELECT r.user_id, NULL, {alias}.id, %(kind)s, %(type)s, {texts}
{tables} JOIN {LEADERS}
WHERE {late} AND {due} < %(second)s AND {leader} IS NOT NULL AND r.user_id <> {leader} AND {untold}
ON CONFLICT DO NOTHING"""
    return [(f"{subject}_escalation", subject, first), (f"{subject}_escalation_principal", subject, second)]


STATEMENTS = [
    (
        "task_overdue",
        "task",
        f"""{INSERT}
SELECT m.user_id, l.unit_id, t.id, %(kind)s, %(type)s, 'Overdue: ' || substr(t.label || t.title, 1, 150),
  'The deadline was ' || t.deadline || ' (' || COALESCE(NULLIF(t.deadline_text, ''), '—')
  || '). Report progress or ask for an extension.', '/tasks/' || t.id || '/', 'overdue:task' || t.id, now()
FROM plans_task t JOIN plans_task_lead_units l ON l.task_id = t.id JOIN plans_membership m ON m.unit_id =
  l.unit_id
WHERE {OVERDUE} AND {UNTOLD.format(subject="t.id")} ON CONFLICT DO NOTHING""",
    ),
    *_escalations("task", "t", TASK_TEXTS, TASK, OVERDUE, due="t.deadline", leader="t.responsible_leader_id"),
    (
        "milestone_overdue",
        "milestone",
        f"""{INSERT}
SELECT m.user_id, p.responsible_unit_id, ms.id, %(kind)s, %(type)s,
  'Milestone late: ' || substr(p.name, 1, 80) || ' — ' || substr(ms.name, 1, 60),
  'Planned for ' || ms.planned_date || ' and not reached yet.', '/projects/' || p.id || '/', 'milestone:' ||
    ms.id,
  now()
{MILESTONE} JOIN plans_membership m ON m.unit_id = p.responsible_unit_id
WHERE {LATE} AND {UNTOLD.format(subject="ms.id")} ON CONFLICT DO NOTHING""",
    ),
    *_escalations(
        "milestone",
        "ms",
        MILESTONE_TEXTS,
        MILESTONE,
        LATE,
        due="ms.planned_date",
        leader="p.responsible_leader_id",
    ),
]

DELIVERIES = """INSERT INTO notifications_delivery (notification_id, channel, target, dedup_key, state,
  attempts,
  last_error)
SELECT n.id, 'email', u.email, n.dedup_key, 'pending', 0, '' FROM notifications_notification n
  JOIN auth_user u ON u.id = n.recipient_id WHERE n.created_at = now() AND u.email <> ''
UNION ALL
SELECT n.id, 'webhook', w.webhook_url, n.dedup_key, 'pending', 0, '' FROM notifications_notification n
  JOIN plans_unit w ON w.id = n.unit_id WHERE n.created_at = now() AND w.webhook_url <> ''
ON CONFLICT DO NOTHING"""


def overdue_scan_sql(today):
    """Run the baseline in the current transaction; return (tasks flagged, notifications created)."""
    types = {
        "task": ContentType.objects.get_for_model(Task).pk,
        "milestone": ContentType.objects.get_for_model(Milestone).pk,
    }
    days = settings.ESCALATION_DAYS
    dates = {
        "today": today,
        "first": today - timedelta(days=days),
        "second": today - timedelta(days=days * 2),
    }
    with connection.cursor() as cursor:
        cursor.execute(FLAG_AND_HISTORY, dates)
        flagged = cursor.fetchone()[0]
        notified = 0
        for kind, subject, statement in STATEMENTS:
            cursor.execute(statement, {**dates, "kind": kind, "type": types[subject]})
            notified += cursor.rowcount
        cursor.execute(DELIVERIES)
    return flagged, notified
