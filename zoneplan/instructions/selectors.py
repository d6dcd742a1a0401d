"""Who reads which instructions: what they can see of the subjects, and reporters those addressed to their
units."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from organisation.roles import roles_of
from plans.models import Task
from plans.selectors import plans_visible_to
from zoneplan.instructions.models import Instruction


def instructions_for(*, subject, user) -> QuerySet[Instruction]:
    """The instructions on one task or project that `user` may read."""
    return instructions_visible_to(user).filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
    )


def instructions_visible_to(user) -> QuerySet[Instruction]:
    """Planners and leaders see the instructions on what they can see (not on another zone's draft plan's
    tasks); reporters those addressed to their units, on what they can see."""
    roles = roles_of(user)
    on_task = Q(subject_type=ContentType.objects.get_for_model(Task))
    seen_tasks = Task.objects.filter(plan__in=plans_visible_to(user)).values("pk")
    instructions = Instruction.objects.select_related("unit", "author", "replied_by", "subject_type").filter(
        ~on_task | Q(subject_id__in=seen_tasks)
    )
    if roles.is_planner or roles.is_leader:
        return instructions
    return instructions.filter(unit_id__in=roles.unit_ids)
