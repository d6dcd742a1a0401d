"""The supervision workflow around a task: extension requests (延期申请) and close-out (办结销号 / 退办)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plans.choices import CloseOutState, ExtensionState
from zoneplan.core.fields import actor_field
from zoneplan.core.files import RandomName
from zoneplan.core.history import History


class Decision(models.Model):
    """What a planner's decision on a unit's request records."""

    decided_by = actor_field(_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        abstract = True


class ExtensionRequest(Decision):
    """A lead unit asks for a later deadline; a planner approves or rejects it."""

    task = models.ForeignKey(
        "plans.Task", verbose_name=_("task"), on_delete=models.CASCADE, related_name="extensions"
    )
    unit = models.ForeignKey(
        "organisation.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="extensions"
    )
    requested_by = actor_field(_("requested by"))
    deadline_before = models.DateField(_("deadline when asked"), null=True, blank=True)
    requested_deadline = models.DateField(_("requested deadline"))
    reason = models.TextField(_("reason"))
    state = models.CharField(
        _("state"), max_length=20, choices=ExtensionState.choices, default=ExtensionState.PENDING
    )

    history = History()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        constraints = [
            models.UniqueConstraint(
                fields=["task"],
                condition=Q(state=ExtensionState.PENDING),
                name="extension_one_pending_per_task",
                violation_error_message=_(
                    "This task already has an extension request waiting for a decision."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.task} → {self.requested_deadline}"


class CloseOut(Decision):
    """A lead unit applies to close a task as done, with evidence; a planner closes it or sends it back."""

    task = models.ForeignKey(
        "plans.Task", verbose_name=_("task"), on_delete=models.CASCADE, related_name="close_outs"
    )
    unit = models.ForeignKey(
        "organisation.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    applied_by = actor_field(_("applied by"))
    evidence = models.TextField(_("evidence"))
    attachment = models.FileField(_("attachment"), upload_to=RandomName("close-out"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=CloseOutState.choices, default=CloseOutState.APPLIED
    )

    history = History()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("close-out")
        verbose_name_plural = _("close-outs")
        constraints = [
            models.UniqueConstraint(
                fields=["task"],
                condition=Q(state=CloseOutState.APPLIED),
                name="closeout_one_open_per_task",
                violation_error_message=_("This task already has a close-out waiting for verification."),
            ),
            models.CheckConstraint(
                condition=~Q(state=CloseOutState.SENT_BACK) | ~Q(comment=""),
                name="closeout_sent_back_has_reason",
                violation_error_message=_("A close-out is sent back with a reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} ({self.get_state_display()})"
