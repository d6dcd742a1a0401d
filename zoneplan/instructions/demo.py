"""The demo's instructions: the leader's 批示 on a task of the plan and on the first key project, each
answered by the addressed unit. Loaded after the plan and the projects; loading again adds nothing."""

from django.contrib.auth import get_user_model
from django.db import transaction

from organisation.models import Membership, Unit
from plans.models import Task
from projects.models import Project
from zoneplan.instructions.models import Instruction
from zoneplan.instructions.services import instruction_create, instruction_reply

SCIENCE = "市科技局"


@transaction.atomic
def load_instruction_demo() -> bool:
    if Instruction.objects.exists():
        return False
    users = {
        user.username: user for user in get_user_model().objects.filter(username__in=["leader", "reporter"])
    }
    unit = Unit.objects.filter(name=SCIENCE).first()
    if len(users) < 2 or unit is None:
        return False
    task = Task.objects.filter(lead_units=unit, is_section=False).order_by("plan_id", "position").first()
    if task is not None:
        instruction = instruction_create(
            actor=users["leader"], subject=task, unit=unit, text="请加快推进，月底前报送创建工作方案。"
        )
        instruction_reply(
            actor=users["reporter"], instruction=instruction, reply="已收悉，正在起草工作方案，月底前报送。"
        )
    chip = Project.objects.order_by("pk").first()
    member = (
        Membership.objects.filter(unit=chip.responsible_unit).select_related("user").first() if chip else None
    )
    if chip is not None and member is not None:
        instruction = instruction_create(
            actor=users["leader"],
            subject=chip,
            unit=chip.responsible_unit,
            text="协调供电部门，确保设备按期进场。",
        )
        instruction_reply(
            actor=member.user, instruction=instruction, reply="已与供电公司对接，本月底前接入。"
        )
    return True
