from .organisation import Membership, Unit, UnitAlias, Zone, ZoneRole
from .plan import Plan, Task, TaskTarget
from .progress import Instruction, ProgressAttachment, ProgressReport

__all__ = [
    "Instruction",
    "Membership",
    "Plan",
    "ProgressAttachment",
    "ProgressReport",
    "Task",
    "TaskTarget",
    "Unit",
    "UnitAlias",
    "Zone",
    "ZoneRole",
]
