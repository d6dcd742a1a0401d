from .counts import TaskCount
from .plan import Plan, Task, TaskTarget
from .progress import ProgressAttachment, ProgressReport
from .supervision import CloseOut, ExtensionRequest

__all__ = [
    "CloseOut",
    "ExtensionRequest",
    "Plan",
    "ProgressAttachment",
    "ProgressReport",
    "Task",
    "TaskCount",
    "TaskTarget",
]
