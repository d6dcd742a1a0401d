"""Every write of the plans domain. Views, serializers, the admin, importers and jobs call these."""

from .plans import plan_archive, plan_create, plan_publish, plan_update
from .progress import progress_review, progress_submit
from .supervision import (
    closeout_apply,
    closeout_send_back,
    closeout_verify,
    extension_decide,
    extension_request,
)
from .tasks import task_create, task_delete, task_move, task_update

__all__ = [
    "closeout_apply",
    "closeout_send_back",
    "closeout_verify",
    "extension_decide",
    "extension_request",
    "plan_archive",
    "plan_create",
    "plan_publish",
    "plan_update",
    "progress_review",
    "progress_submit",
    "task_create",
    "task_delete",
    "task_move",
    "task_update",
]
