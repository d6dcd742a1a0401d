"""Cross-cutting data: the working-day calendar's overrides."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDay(models.Model):
    """A day whose status an admin sets: a holiday, or a make-up working day (调休), for years the
    packaged official calendar does not cover yet, or to correct it."""

    day = models.DateField(_("day"), unique=True)
    is_workday = models.BooleanField(_("working day"))
    note = models.CharField(_("note"), max_length=100, blank=True)

    class Meta:
        ordering = ["day"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self) -> str:
        return f"{self.day} {'工作日' if self.is_workday else '休息日'} {self.note}"
