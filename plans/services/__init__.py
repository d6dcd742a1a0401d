"""Every write of the plans domain. Views, serializers, the admin, importers and jobs call these."""

from .instructions import instruction_create, instruction_reply
from .plans import plan_archive, plan_create, plan_publish, plan_update
from .progress import progress_review, progress_submit
from .tasks import task_create, task_delete, task_update

__all__ = [
    "instruction_create",
    "instruction_reply",
    "plan_archive",
    "plan_create",
    "plan_publish",
    "plan_update",
    "progress_review",
    "progress_submit",
    "task_create",
    "task_delete",
    "task_update",
]
