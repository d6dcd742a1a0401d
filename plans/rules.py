"""Object permissions of the plans domain (django-rules), checked by services for every write."""

import rules

from organisation.roles import roles_of
from organisation.rules import plans_zone
from plans.choices import PlanStatus
from plans.rows import unit_ids


@rules.predicate
def plans_plan(user, plan) -> bool:
    return roles_of(user).plans_zone(plan.zone_id)


@rules.predicate
def sees_plan(user, plan) -> bool:
    if plan.status != PlanStatus.DRAFT:
        return user.is_authenticated and user.is_active
    return roles_of(user).oversees_zone(plan.zone_id)


@rules.predicate
def plans_task(user, task) -> bool:
    return roles_of(user).plans_zone(task.plan.zone_id)


@rules.predicate
def works_on_task(user, task) -> bool:
    return bool(roles_of(user).unit_ids & unit_ids(task))


@rules.predicate
def leads_task(user, task) -> bool:
    return bool(roles_of(user).unit_ids & unit_ids(task, links=("lead_units",)))


@rules.predicate
def plans_report(user, report) -> bool:
    return roles_of(user).plans_zone(report.task.plan.zone_id)


@rules.predicate
def sees_task_supervision(user, task) -> bool:
    """Extension reasons, close-out evidence and their files: the task's units and its zone's planners and
    leaders, not everyone who can see the task."""
    roles = roles_of(user)
    return roles.oversees_zone(task.plan.zone_id) or bool(roles.unit_ids & unit_ids(task))


rules.add_perm("plans.add_plan", plans_zone)
rules.add_perm("plans.view_plan", sees_plan)
rules.add_perm("plans.change_plan", plans_plan)
rules.add_perm("plans.change_task", plans_task)
rules.add_perm("plans.view_task_supervision", sees_task_supervision)
rules.add_perm("plans.report_progress", works_on_task)
rules.add_perm("plans.lead_task", leads_task)
rules.add_perm("plans.review_progressreport", plans_report)
rules.add_perm("plans.review_task_reports", plans_task)
