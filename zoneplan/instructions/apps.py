from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstructionsConfig(AppConfig):
    name = "zoneplan.instructions"
    label = "instructions"
    verbose_name = _("Instructions")

    def ready(self):
        from zoneplan.core.datacache import NO_FIGURES, register
        from zoneplan.instructions.models import Instruction

        # A leader's instruction (批示) was the most frequent write of a leader, and no cached figure reads
        # it.
        register(Instruction, NO_FIGURES)
