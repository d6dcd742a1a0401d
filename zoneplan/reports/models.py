from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zoneplan.core.files import RandomName
from zoneplan.reports.choices import FileJobKind, FileJobState


class FileJob(models.Model):
    """A file built or read in the background — a ledger export or import, a monthly report — with the
    progress the page shows while it runs."""

    Kind = FileJobKind
    State = FileJobState

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    params = models.JSONField(_("parameters"), default=dict)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    upload = models.FileField(_("uploaded file"), upload_to=RandomName("uploads"), blank=True)
    file = models.FileField(_("file"), upload_to=RandomName("files"), blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    message = models.TextField(_("message"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("file job")
        verbose_name_plural = _("file jobs")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"
