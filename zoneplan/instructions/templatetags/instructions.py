"""`{% instructions_panel "task" task %}`: the instructions on a subject, with the leader's form and the
unit's reply forms, on the subject's page. The domains' pages compose this panel from the floor above through
the template, without importing it."""

from django import template

from zoneplan.instructions.forms import InstructionForm
from zoneplan.instructions.selectors import instructions_for

register = template.Library()


@register.inclusion_tag("instructions/_panel.html", takes_context=True)
def instructions_panel(context, kind: str, subject):
    user = context["request"].user
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "roles": context.get("roles"),
        "kind": kind,
        "subject": subject,
        "instructions": instructions_for(subject=subject, user=user),
        "can_instruct": user.has_perm("instructions.add_instruction", subject),
        "instruction_form": InstructionForm(subject=subject),
    }
