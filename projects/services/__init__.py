"""Every write of key projects. Views, serializers, the admin and jobs call these."""

from .issues import issue_create, issue_resolve, issue_update
from .milestones import milestone_create, milestone_delete, milestone_record, milestone_update
from .projects import project_create, project_move_stage, project_update
from .reports import report_submit, report_update

__all__ = [
    "issue_create",
    "issue_resolve",
    "issue_update",
    "milestone_create",
    "milestone_delete",
    "milestone_record",
    "milestone_update",
    "project_create",
    "project_move_stage",
    "project_update",
    "report_submit",
    "report_update",
]
