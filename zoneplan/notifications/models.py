"""Notifications in the app, and their deliveries over e-mail and unit webhooks."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    PROGRESS_REMINDER = "progress_reminder", _("Progress reminder")
    DEADLINE_REMINDER = "deadline_reminder", _("Deadline approaching")
    TASK_OVERDUE = "task_overdue", _("Task overdue")
    TASK_ESCALATION = "task_escalation", _("Overdue task escalated")
    TASK_ESCALATION_PRINCIPAL = (
        "task_escalation_principal",
        _("Overdue task escalated to the principal leaders"),
    )
    MILESTONE_OVERDUE = "milestone_overdue", _("Milestone overdue")
    MILESTONE_ESCALATION = "milestone_escalation", _("Overdue milestone escalated")
    MILESTONE_ESCALATION_PRINCIPAL = (
        "milestone_escalation_principal",
        _("Overdue milestone escalated to the principal leaders"),
    )
    INDICATOR_REMINDER = "indicator_reminder", _("Indicator entry reminder")
    WEEKLY_DIGEST = "weekly_digest", _("Weekly digest")
    MONTHLY_REPORT = "monthly_report", _("Monthly report ready")


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    WEBHOOK = "webhook", _("Webhook")


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Notification(models.Model):
    """One message to one person, in the app; the dedup key makes every job safe to run twice."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    subject_type = models.ForeignKey(
        ContentType, verbose_name=_("subject type"), null=True, blank=True, on_delete=models.CASCADE
    )
    subject_id = models.PositiveBigIntegerField(_("subject id"), null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("for unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    message = models.TextField(_("message"))
    link = models.CharField(_("link"), max_length=300, blank=True)
    dedup_key = models.CharField(_("dedup key"), max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox_idx"),
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread_idx"
            ),
            # Jobs look up "has this task been notified of this already?" for every candidate.
            models.Index(fields=["subject_type", "subject_id", "kind"], name="notification_subject_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedup_key"],
                name="notification_once_per_key",
                violation_error_message=_("This person has this notification already."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class Delivery(models.Model):
    """A notification sent over a channel to a target (an address or a unit's robot), retried until sent."""

    notification = models.ForeignKey(
        Notification, verbose_name=_("notification"), on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    target = models.CharField(_("target"), max_length=500)
    dedup_key = models.CharField(_("dedup key"), max_length=200)
    state = models.CharField(
        _("state"), max_length=20, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            # A unit's group robot gets each message once, however many of its members are notified.
            models.UniqueConstraint(
                fields=["channel", "target", "dedup_key"], name="delivery_once_per_target"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.target}"
