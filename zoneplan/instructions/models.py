"""Leaders' instructions (批示) on any subject — a task, a key project — and the addressed unit's reply: a
cross-domain feature on the top floor. The tables keep the names they had in `plans`."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from zoneplan.core.fields import actor_field
from zoneplan.core.history import History


class Instruction(models.Model):
    """A leader's instruction (批示) on a task or a project, and the answering unit's reply."""

    subject_type = models.ForeignKey(ContentType, verbose_name=_("subject type"), on_delete=models.CASCADE)
    subject_id = models.PositiveBigIntegerField(_("subject id"))
    subject = GenericForeignKey("subject_type", "subject_id")
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("unit to reply"),
        on_delete=models.PROTECT,
        related_name="instructions",
    )
    author = actor_field(_("author"))
    text = models.TextField(_("instruction"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    reply = models.TextField(_("reply"), blank=True)
    replied_by = actor_field(_("replied by"))
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)

    history = History(table_name="plans_historicalinstruction")

    class Meta:
        db_table = "plans_instruction"  # the table it had in plans
        ordering = ["-created_at", "-id"]
        verbose_name = _("instruction")
        verbose_name_plural = _("instructions")
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="instruction_subject_idx")]

    def __str__(self) -> str:
        return self.text[:40]
