"""Instructions (批示): a leader gives one on a task or a project, the addressed unit replies."""

import pytest
from django.core.exceptions import PermissionDenied

from zoneplan.instructions.models import Instruction
from zoneplan.instructions.services import instruction_create, instruction_reply

pytestmark = pytest.mark.django_db


class TestInstructions:
    def test_leader_instructs_and_the_unit_replies(self, world):
        instruction = instruction_create(
            actor=world.users["leader"], subject=world.task, unit=world.lead_unit, text="请加快推进"
        )
        instruction_reply(actor=world.users["reporter"], instruction=instruction, reply="已落实")
        instruction.refresh_from_db()
        assert (instruction.subject, instruction.reply, instruction.replied_by) == (
            world.task,
            "已落实",
            world.users["reporter"],
        )

    @pytest.mark.parametrize("role", ["reporter", "planner", "nobody"])
    def test_only_leaders_instruct(self, world, role):
        with pytest.raises(PermissionDenied):
            instruction_create(actor=world.users[role], subject=world.task, unit=world.lead_unit, text="x")
        assert Instruction.objects.count() == 0

    def test_only_the_addressed_unit_replies(self, world):
        instruction = instruction_create(
            actor=world.users["leader"], subject=world.task, unit=world.lead_unit, text="请加快推进"
        )
        with pytest.raises(PermissionDenied):
            instruction_reply(actor=world.users["coop_reporter"], instruction=instruction, reply="x")
        instruction.refresh_from_db()
        assert instruction.reply == ""
