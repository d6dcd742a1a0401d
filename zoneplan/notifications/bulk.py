"""Notifications created by the database: INSERT … SELECT, for jobs that tell tens of thousands at once.

`notify` builds one Message object per notification in Python; at city scale (the first overdue scan of a
backlog: 70,000 tasks, 170,000 notifications) that cost several times the SQL. Here a job gives the SELECT
that yields one row per recipient and subject, and SQL expressions for the texts, built from the same
translated templates. The rules are those of `notify`: one notification per recipient and dedup key (the
unique index; ON CONFLICT DO NOTHING), each subject told once per kind, e-mail to recipients with an address
and the unit's robot when it has one, committed in batches of NOTIFICATION_BATCH subjects with their
deliveries, which are enqueued after each commit. PostgreSQL and SQLite (3.35 or newer) both run it.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from zoneplan.notifications.models import Channel, Delivery, DeliveryState, Notification
from zoneplan.notifications.services import enqueue_deliveries

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@dataclass(frozen=True)
class Expression:
    """A piece of SQL and its parameters."""

    sql: str
    params: tuple = ()


def text(template: str, **parts: str) -> Expression:
    """A translated template as an SQL expression: its literal pieces as parameters, each `%(name)s` or
    `%(name)d` as the SQL given for `name` (which reads the columns of the source rows, `s.…`)."""
    pieces = PLACEHOLDER.split(template)
    sql, params = [], []
    for index, piece in enumerate(pieces):
        if index % 2:
            sql.append(f"({parts[piece]})")
        elif piece:
            sql.append("%s")
            params.append(piece.replace("%%", "%"))
    return Expression(" || ".join(sql) or "''", tuple(params))


def days_between(earlier_column: str, later: date) -> str:
    """SQL for the whole days from a date column to `later` (a date, written as a literal)."""
    day = later.isoformat()  # digits and dashes only
    if connection.vendor == "sqlite":
        return f"CAST(julianday('{day}') - julianday({earlier_column}) AS INTEGER)"
    return f"(DATE '{day}' - {earlier_column})"


@dataclass(frozen=True)
class MessageRows:
    """What a job tells: `source` yields recipient_id, unit_id (or NULL), subject_id and the columns the texts
    read; the texts are SQL over those columns (`s.…`)."""

    kind: str
    subject_model: type
    source: Expression
    title: Expression
    message: Expression
    link: Expression
    dedup_key: Expression


def notify_rows(rows: MessageRows) -> int:
    """Create the notifications `rows` yields for subjects not yet told of its kind; return how many are
    new."""
    subject_type = ContentType.objects.get_for_model(rows.subject_model).pk
    source = f"FROM ({rows.source.sql}) s WHERE s.recipient_id IS NOT NULL"
    with connection.cursor() as cursor:
        # The subjects not told yet, read once: a NOT EXISTS in each batch's INSERT was planned on statistics
        # from before the job's own inserts, and scanned every notification of the kind once per batch (244 s
        # at city scale). Within a batch the unique index keeps one notification per recipient and key.
        cursor.execute(
            f"SELECT DISTINCT s.subject_id {source} AND NOT EXISTS (SELECT 1 FROM "  # noqa: S608
            f"{Notification._meta.db_table} n WHERE n.subject_type_id = %s AND n.subject_id = s.subject_id "
            f"AND n.kind = %s) ORDER BY 1",
            [*rows.source.params, subject_type, str(rows.kind)],
        )
        subjects = [row[0] for row in cursor.fetchall()]
    size = settings.NOTIFICATION_BATCH
    return sum(
        _insert(rows, subject_type, source, subjects[start : start + size])
        for start in range(0, len(subjects), size)
    )


def _insert(rows: MessageRows, subject_type: int, source: str, subjects: list[int]) -> int:
    """One batch of subjects in one transaction with its deliveries."""
    stamp = connection.ops.adapt_datetimefield_value(timezone.now())
    texts = (rows.title, rows.message, rows.link, rows.dedup_key)
    columns = ", ".join(
        ["recipient_id", "unit_id", "subject_id", "kind", "subject_type_id", "title", "message", "link"]
        + ["dedup_key", "created_at"]
    )
    statement = (
        f"INSERT INTO {Notification._meta.db_table} ({columns}) "  # noqa: S608
        f"SELECT s.recipient_id, s.unit_id, s.subject_id, %s, %s, {', '.join(t.sql for t in texts)}, %s "
        f"{source} AND s.subject_id IN ({', '.join(['%s'] * len(subjects))}) "
        "ON CONFLICT DO NOTHING RETURNING id"
    )
    params = [
        str(rows.kind),
        subject_type,
        *(p for t in texts for p in t.params),
        stamp,
        *rows.source.params,
        *subjects,
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)
        created = [row[0] for row in cursor.fetchall()]
        if created:
            deliveries = _plan_deliveries(min(created), max(created), stamp)
            transaction.on_commit(lambda: enqueue_deliveries(deliveries))
    return len(created)


def _plan_deliveries(first: int, last: int, stamp) -> list[int]:
    """The deliveries of the notifications just created (ids first to last, created at `stamp`): as
    `services._plan_deliveries` plans them, by one INSERT … SELECT."""
    notifications, users = (
        Notification._meta.db_table,
        Notification.recipient.field.related_model._meta.db_table,
    )
    units = Notification.unit.field.related_model._meta.db_table
    new = "n.id BETWEEN %s AND %s AND n.created_at = %s"
    statement = (
        f"INSERT INTO {Delivery._meta.db_table} "  # noqa: S608
        "(notification_id, channel, target, dedup_key, state, attempts, last_error) SELECT * FROM ("
        f"SELECT n.id, %s, u.email, n.dedup_key, %s, 0, '' FROM {notifications} n "
        f"JOIN {users} u ON u.id = n.recipient_id WHERE {new} AND u.email <> '' UNION ALL "
        f"SELECT n.id, %s, w.webhook_url, n.dedup_key, %s, 0, '' FROM {notifications} n "
        f"JOIN {units} w ON w.id = n.unit_id WHERE {new} AND w.webhook_url <> ''"
        f") d WHERE true ON CONFLICT DO NOTHING RETURNING id"
    )
    email, webhook, pending = str(Channel.EMAIL), str(Channel.WEBHOOK), str(DeliveryState.PENDING)
    params = [email, pending, first, last, stamp, webhook, pending, first, last, stamp]
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return [row[0] for row in cursor.fetchall()]
