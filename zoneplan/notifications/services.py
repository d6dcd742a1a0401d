"""Creating notifications (once per recipient and dedup key) and delivering them over the channels."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

from zoneplan.notifications import channels
from zoneplan.notifications.models import Channel, Delivery, DeliveryState, Notification

logger = logging.getLogger(__name__)
CLAIM_EXPIRY = timedelta(minutes=10)  # longer than any send takes, with its time-outs


@dataclass(frozen=True)
class Message:
    """A notification to be: who, what, about which object, and the key that makes it happen once."""

    recipient_id: int
    kind: str
    title: str
    text: str
    dedup_key: str
    subject: models.Model | None = None
    unit_id: int | None = None
    link: str = ""


def notify(messages: Iterable[Message]) -> int:
    """Create the notifications that do not exist yet and plan their deliveries; return how many are new.

    Safe to call twice with the same messages, and concurrently: the unique key keeps one of each.
    Deliveries are enqueued after the surrounding transaction commits.
    """
    created = 0
    batch: list[Message] = []
    for message in messages:
        batch.append(message)
        if len(batch) == settings.NOTIFICATION_BATCH:
            created += _notify_batch(batch)
            batch = []
    if batch:
        created += _notify_batch(batch)
    return created


def _notify_batch(batch: list[Message]) -> int:
    """One batch in one transaction: its notifications and their deliveries commit together; the deliveries
    are enqueued after the commit (those of a run killed in between are resumed by `deliveries_resume`)."""
    keys = {message.dedup_key for message in batch}
    recipients = {message.recipient_id for message in batch}
    with transaction.atomic():
        # Both columns, so that the unique index (recipient, key) answers: on the key alone PostgreSQL scanned
        # the table once per batch (2.5 s each, 432 s of the overdue scan at city scale).
        existing = set(
            Notification.objects.filter(recipient_id__in=recipients, dedup_key__in=keys).values_list(
                "recipient_id", "dedup_key"
            )
        )
        fresh = {
            (m.recipient_id, m.dedup_key): m for m in batch if (m.recipient_id, m.dedup_key) not in existing
        }
        if fresh:
            pending = _create(fresh)
            transaction.on_commit(lambda: enqueue_deliveries(pending))
    return len(fresh)


def deliveries_resume(*, created_before) -> int:
    """Enqueue again the deliveries of notifications created before `created_before` that are still unsent:
    a worker killed between a commit and the enqueue, or while sending, leaves such. Every scheduled job run
    ends with this; sending twice is prevented by the claim in `delivery_attempt`."""
    waiting = list(
        Delivery.objects.filter(unsent_q(), notification__created_at__lt=created_before).values_list(
            "pk", flat=True
        )
    )
    enqueue_deliveries(waiting)
    return len(waiting)


def _create(fresh: dict[tuple[int, str], Message]) -> list[int]:
    """Create the notifications and their deliveries; return the ids of the deliveries."""
    content_types = ContentType.objects.get_for_models(
        *{type(m.subject) for m in fresh.values() if m.subject}
    )
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=m.recipient_id,
                kind=m.kind,
                title=m.title,
                message=m.text,
                link=m.link,
                dedup_key=m.dedup_key,
                unit_id=m.unit_id,
                subject_type=content_types[type(m.subject)] if m.subject else None,
                subject_id=m.subject.pk if m.subject else None,
            )
            for m in fresh.values()
        ],
        ignore_conflicts=True,
    )
    rows = Notification.objects.filter(
        dedup_key__in={key for _, key in fresh}, recipient_id__in={recipient for recipient, _ in fresh}
    ).select_related("recipient", "unit")
    return _plan_deliveries([row for row in rows if (row.recipient_id, row.dedup_key) in fresh])


def _plan_deliveries(notifications: list[Notification]) -> list[int]:
    """E-mail to the recipient when they have an address; the unit's robot when it has one."""
    deliveries = []
    for notification in notifications:
        targets = []
        if notification.recipient.email:
            targets.append((Channel.EMAIL, notification.recipient.email))
        if notification.unit is not None and notification.unit.webhook_url:
            targets.append((Channel.WEBHOOK, notification.unit.webhook_url))
        deliveries += [
            Delivery(
                notification=notification, channel=channel, target=target, dedup_key=notification.dedup_key
            )
            for channel, target in targets
        ]
    if not deliveries:
        return []
    Delivery.objects.bulk_create(deliveries, ignore_conflicts=True)
    return list(
        Delivery.objects.filter(notification__in=notifications, state=DeliveryState.PENDING).values_list(
            "pk", flat=True
        )
    )


def enqueue_deliveries(delivery_ids: list[int]) -> None:
    from zoneplan.notifications.tasks import deliver

    for delivery_id in delivery_ids:
        deliver.delay(delivery_id)


def unsent_q() -> Q:
    """Deliveries waiting to be sent: pending, or claimed by a worker that died while sending."""
    return Q(state=DeliveryState.PENDING) | Q(
        state=DeliveryState.SENDING, claimed_at__lt=timezone.now() - CLAIM_EXPIRY
    )


def delivery_attempt(delivery_id: int) -> None:
    """Send one delivery now; record the attempt; raise DeliveryError so the caller may retry.

    The delivery is claimed first by a compare-and-swap, so a message delivered twice, or to two workers at
    once, sends once. A claim left by a worker killed while sending is taken over after CLAIM_EXPIRY.
    """
    claimable = unsent_q() | Q(state=DeliveryState.FAILED)
    claimed = Delivery.objects.filter(claimable, pk=delivery_id).update(
        state=DeliveryState.SENDING, claimed_at=timezone.now()
    )
    if not claimed:
        return
    delivery = Delivery.objects.select_related("notification", "notification__unit").get(pk=delivery_id)
    notification = delivery.notification
    try:
        if delivery.channel == Channel.EMAIL:
            channels.send_email(address=delivery.target, title=notification.title, text=notification.message)
        else:
            unit = notification.unit
            channels.send_webhook(
                url=delivery.target,
                kind=unit.webhook_kind if unit else "",
                secret=unit.webhook_secret if unit else "",
                title=notification.title,
                text=notification.message,
                link=notification.link,
            )
    # not an attempt: the claim is given back and the task waits for the next minute
    except channels.RobotBusy:
        Delivery.objects.filter(pk=delivery.pk).update(state=DeliveryState.PENDING, claimed_at=None)
        raise
    except channels.DeliveryError as error:
        Delivery.objects.filter(pk=delivery.pk).update(
            state=DeliveryState.FAILED, attempts=F("attempts") + 1, last_error=str(error)[:2000]
        )
        logger.warning("delivery %s failed: %s", delivery.pk, error)
        raise
    now = timezone.now()
    Delivery.objects.filter(pk=delivery.pk).update(
        state=DeliveryState.SENT, attempts=F("attempts") + 1, sent_at=now, last_error=""
    )
    Notification.objects.filter(pk=notification.pk, sent_at__isnull=True).update(sent_at=now)


def notifications_mark_read(*, actor, ids: list[int] | None = None) -> int:
    """Mark the actor's own notifications read (all of them without ids); returns how many changed."""
    unread = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
