"""Celery tasks of the notification layer: thin wrappers over its services."""

from celery import shared_task

from zoneplan.notifications.channels import DeliveryError, PermanentDeliveryError, RobotBusy
from zoneplan.notifications.services import delivery_attempt


@shared_task(
    bind=True,
    name="zoneplan.notifications.deliver",
    autoretry_for=(DeliveryError,),
    dont_autoretry_for=(PermanentDeliveryError, RobotBusy),
    retry_backoff=30,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=8,
)
def deliver(self, delivery_id: int) -> None:
    """Send one e-mail or webhook delivery; retried with exponential backoff while the channel fails, not at
    all after a permanent refusal (recorded as failed), and after the robot's minute when its rate is used
    up."""
    try:
        delivery_attempt(delivery_id)
    except PermanentDeliveryError:
        return
    except RobotBusy as busy:
        raise self.retry(countdown=busy.retry_after, max_retries=None) from busy
