"""The audit log: who changed what and when, across the domain's history tables, newest first.

Planners see the changes in their zones, admins and planners of every zone see all. One query per history
table (the eight that matter), each already limited, merged in Python."""

from heapq import merge
from itertools import islice

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext as _

from indicators.models import IndicatorTarget, IndicatorValue
from organisation.roles import roles_of
from plans.models import Plan, ProgressReport, Task
from projects.models import Project, ProjectReport
from zoneplan.instructions.models import Instruction

# model, and how its history rows reach a zone
AUDITED = [
    (Plan, "zone_id"),
    (Task, "plan__zone"),
    (ProgressReport, "task__plan__zone"),
    (Project, "zone_id"),
    (ProjectReport, "project__zone"),
    (IndicatorValue, "zone_id"),
    (IndicatorTarget, "zone_id"),
    (Instruction, None),
]


def can_read_audit_log(user) -> bool:
    roles = roles_of(user)
    return roles.is_admin or roles.is_planner


def audit_log(user, *, limit: int = 200, kind: str = "") -> list:
    roles = roles_of(user)
    everywhere = roles.is_admin or roles.planner_everywhere
    streams = []
    for model, zone_path in AUDITED:
        if kind and model._meta.model_name != kind:
            continue
        records = model.history.select_related("history_user").order_by("-history_date")
        if not everywhere:
            records = records.filter(_zone_q(model, zone_path, roles.planner_zone_ids))
        rows = list(records[:limit])
        for row in rows:
            row.kind = model._meta.verbose_name
            row.label = getattr(row, "title", "") or getattr(row, "name", "") or getattr(row, "text", "")[:40]
        streams.append(rows)
    return list(islice(merge(*streams, key=lambda row: row.history_date, reverse=True), limit))


def _zone_q(model, zone_path, zone_ids) -> Q:
    if zone_path is None:  # instructions: those on tasks or projects of the zones
        tasks = Task.objects.filter(plan__zone__in=zone_ids).values("pk")
        projects = Project.objects.filter(zone__in=zone_ids).values("pk")
        return Q(subject_id__in=tasks, subject_type__model="task") | Q(
            subject_id__in=projects, subject_type__model="project"
        )
    if zone_path.endswith("_id"):
        return Q(**{f"{zone_path}__in": zone_ids})
    relation, _, rest = zone_path.partition("__")
    related = model._meta.get_field(relation).related_model
    return Q(**{f"{relation}_id__in": related.objects.filter(**{f"{rest}__in": zone_ids}).values("pk")})


@login_required
def audit(request):
    """Who changed what and when (planners: their zones; admins: everything)."""
    if not can_read_audit_log(request.user):
        raise PermissionDenied(_("Only planners and administrators read the audit log."))
    kind = request.GET.get("kind", "")
    kinds = [(model._meta.model_name, model._meta.verbose_name) for model, _path in AUDITED]
    rows = audit_log(request.user, kind=kind if kind in dict(kinds) else "")
    return render(request, "audit.html", {"rows": rows, "kinds": kinds, "kind": kind})
