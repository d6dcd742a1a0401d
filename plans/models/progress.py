"""Progress reports by units, their attachments, and leaders' instructions."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plans.choices import ReviewState
from zoneplan.core.fields import actor_field
from zoneplan.core.files import RandomName
from zoneplan.core.history import History


class ProgressReport(models.Model):
    """A unit's report on a task for one reporting period (进展填报), reviewed by the committee."""

    task = models.ForeignKey(
        "plans.Task", verbose_name=_("task"), on_delete=models.CASCADE, related_name="reports"
    )
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="progress_reports",
        db_index=False,  # report_unit_period_idx starts with it
    )
    author = actor_field(_("author"))
    period = models.DateField(_("period"), help_text=_("First day of the reporting period."))
    percent = models.PositiveSmallIntegerField(
        _("percent done"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    narrative = models.TextField(_("progress"))
    problems = models.TextField(_("problems"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    review_state = models.CharField(
        _("review"), max_length=20, choices=ReviewState.choices, default=ReviewState.SUBMITTED
    )
    review_comment = models.TextField(_("review comment"), blank=True)
    reviewed_by = actor_field(_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"))
    version = models.PositiveIntegerField(_("version"), default=1)

    history = History()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        indexes = [
            models.Index(fields=["task", "-submitted_at"], name="report_task_recent_idx"),
            # a unit's reports of the current periods (my tasks): by the unit alone, PostgreSQL read all of
            # its reports, 5,000 rows over the months at scale 1, for the few of this month (5.6 → 0.1 ms)
            models.Index(fields=["unit", "period"], name="report_unit_period_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__lte=100),
                name="report_percent_at_most_100",
                violation_error_message=_("Percent done cannot exceed 100."),
            ),
            models.UniqueConstraint(
                fields=["task", "unit", "period"],
                condition=~Q(review_state=ReviewState.RETURNED),
                name="report_one_live_per_unit_period",
                violation_error_message=_("This unit has already reported on this task for this period."),
            ),
            models.CheckConstraint(
                condition=~Q(review_state=ReviewState.RETURNED) | ~Q(review_comment=""),
                name="report_returned_has_reason",
                violation_error_message=_("A returned report needs a reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} — {self.unit} {self.period:%Y-%m}"


class ProgressAttachment(models.Model):
    """A file attached to a progress report as evidence."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=RandomName("progress"))
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["report", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name
