"""What a write of each of the key projects' models changes in the cached figures: its zone's projects."""

from projects.models import Milestone, Project, ProjectIssue, ProjectReport
from zoneplan.core.datacache import loaded, projects_of, register, stored


def project_part_scope(part) -> str | None:
    project = loaded(part, "project")
    zone_id = project.zone_id if project else stored(Project.objects.filter(pk=part.project_id), "zone_id")
    return projects_of(zone_id)


def register_models() -> None:
    register(
        Project,
        lambda project: projects_of(project.zone_id),
        stored_scope=lambda rows: projects_of(stored(rows, "zone_id")),
    )
    for part in (Milestone, ProjectReport, ProjectIssue):
        register(part, project_part_scope)
