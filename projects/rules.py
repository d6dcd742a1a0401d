"""Object permissions of key projects: planners keep the list; the responsible unit reports on its own
projects."""

import rules

from organisation.roles import roles_of
from organisation.rules import plans_zone


@rules.predicate
def plans_project(user, project) -> bool:
    return roles_of(user).plans_zone(project.zone_id)


@rules.predicate
def works_for_project(user, project) -> bool:
    return project.responsible_unit_id in roles_of(user).unit_ids


@rules.predicate
def works_on_issue(user, issue) -> bool:
    unit_ids = roles_of(user).unit_ids
    return issue.responsible_unit_id in unit_ids or issue.project.responsible_unit_id in unit_ids


@rules.predicate
def plans_issue_project(user, issue) -> bool:
    return roles_of(user).plans_zone(issue.project.zone_id)


rules.add_perm("projects.add_project", plans_zone)
rules.add_perm("projects.change_project", plans_project)
rules.add_perm("projects.report_project", works_for_project)
rules.add_perm("projects.record_milestone", plans_project | works_for_project)
rules.add_perm("projects.raise_issue", plans_project | works_for_project)
rules.add_perm("projects.change_issue", plans_issue_project | works_on_issue)
