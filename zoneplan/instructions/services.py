"""Writing instructions: a leader gives one on a task or a project to one of its units; the unit replies."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.models import Unit
from plans.models import Task
from zoneplan.core.history import history_paused, record_history
from zoneplan.core.permissions import ensure_perm
from zoneplan.instructions.models import Instruction


@transaction.atomic
def instruction_create(*, actor, subject: models.Model, text: str, unit: Unit | None = None) -> Instruction:
    """A leader's instruction (批示) on a task or project, addressed to one of its units (by default the first
    lead unit of a task, the responsible unit of a project), which must answer."""
    ensure_perm(actor, "instructions.add_instruction", subject)
    units = subject_units(subject)
    if unit is None and units:
        unit = units[0]
    if unit not in units:
        raise ValidationError({"unit": [_("Address the instruction to a unit in charge of it.")]})
    instruction = Instruction(subject=subject, unit=unit, author=actor, text=text.strip())
    instruction.full_clean()
    with history_paused(instruction):
        instruction.save()
    record_history(instruction, actor=actor, history_type="+")
    return instruction


def subject_units(subject: models.Model) -> list[Unit]:
    """The units an instruction on `subject` may be addressed to: lead units first."""
    if isinstance(subject, Task):
        return [*subject.lead_units.all(), *subject.cooperating_units.all()]
    return [subject.responsible_unit]


@transaction.atomic
def instruction_reply(*, actor, instruction: Instruction, reply: str) -> Instruction:
    """The addressed unit answers the instruction; a later answer replaces the earlier one, kept in
    history."""
    ensure_perm(actor, "instructions.reply_instruction", instruction)
    reply = reply.strip()
    if not reply:
        raise ValidationError({"reply": [_("The reply cannot be empty.")]})
    instruction.reply = reply
    instruction.replied_by = actor
    instruction.replied_at = timezone.now()
    with history_paused(instruction):
        instruction.save(update_fields=["reply", "replied_by", "replied_at"])
    record_history(instruction, actor=actor)
    return instruction
