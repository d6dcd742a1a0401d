from .counts import TaskCount
from .organisation import Membership, Unit, UnitAlias, Zone, ZoneRole
from .plan import Plan, Task, TaskTarget
from .progress import Instruction, ProgressAttachment, ProgressReport
from .supervision import CloseOut, ExtensionRequest

__all__ = [
    "CloseOut",
    "ExtensionRequest",
    "Instruction",
    "Membership",
    "Plan",
    "ProgressAttachment",
    "ProgressReport",
    "Task",
    "TaskCount",
    "TaskTarget",
    "Unit",
    "UnitAlias",
    "Zone",
    "ZoneRole",
]
