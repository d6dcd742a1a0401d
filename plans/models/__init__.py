from .counts import TaskCount
from .plan import Plan, Task, TaskTarget
from .progress import Instruction, ProgressAttachment, ProgressReport
from .supervision import CloseOut, ExtensionRequest

__all__ = [
    "CloseOut",
    "ExtensionRequest",
    "Instruction",
    "Plan",
    "ProgressAttachment",
    "ProgressReport",
    "Task",
    "TaskCount",
    "TaskTarget",
]
