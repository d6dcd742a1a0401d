"""Who gives and who answers instructions: leaders of the subject's zone give them, the addressed unit
replies."""

import rules

from organisation.roles import roles_of


def subject_zone_id(subject) -> int:
    """The zone of a task or of anything with a `zone_id` (a project)."""
    plan = getattr(subject, "plan", None)
    return plan.zone_id if plan is not None else subject.zone_id


@rules.predicate
def leads_subject_zone(user, subject) -> bool:
    return roles_of(user).leads_zone(subject_zone_id(subject))


@rules.predicate
def works_for_instruction_unit(user, instruction) -> bool:
    return instruction.unit_id in roles_of(user).unit_ids


rules.add_perm("instructions.add_instruction", leads_subject_zone)
rules.add_perm("instructions.reply_instruction", works_for_instruction_unit)
