"""Celery tasks of the notification layer: thin wrappers over its services."""

from celery import shared_task

from zoneplan.notifications.channels import DeliveryError
from zoneplan.notifications.services import delivery_attempt


@shared_task(
    name="zoneplan.notifications.deliver",
    autoretry_for=(DeliveryError,),
    retry_backoff=30,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=8,
)
def deliver(delivery_id: int) -> None:
    """Send one e-mail or webhook delivery; retried with exponential backoff while the channel fails."""
    delivery_attempt(delivery_id)
