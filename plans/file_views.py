"""Downloads of the plans domain's stored files, each after the permission check of the object it belongs to:
a progress report's attachment (whoever may see the report), close-out evidence (the task's units and its
zone's planners and leaders), a plan's source document (its zone's planners and leaders)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from organisation.authentication import file_reader
from organisation.roles import roles_of
from plans.models import CloseOut, ProgressAttachment
from plans.selectors import plans_visible_to, reports_visible_to, tasks_visible_to
from zoneplan.core.files import send_file, stored_suffix


def attachment(request, pk):
    file_reader(request)
    found = get_object_or_404(
        ProgressAttachment.objects.filter(report__in=reports_visible_to(request.user)), pk=pk
    )
    return send_file(request, found.file, filename=found.name)


def close_out_file(request, pk):
    file_reader(request)
    close_out = get_object_or_404(
        CloseOut.objects.select_related("task__plan").filter(
            task__in=tasks_visible_to(request.user).values("pk")
        ),
        pk=pk,
    )
    if not request.user.has_perm("plans.view_task_supervision", close_out.task):
        raise PermissionDenied
    name = f"close-out-{close_out.task_id}-{close_out.pk}{stored_suffix(close_out.attachment)}"
    return send_file(request, close_out.attachment, filename=name)


def plan_source(request, pk):
    file_reader(request)
    plan = get_object_or_404(plans_visible_to(request.user), pk=pk)
    if not roles_of(request.user).oversees_zone(plan.zone_id):
        raise PermissionDenied
    return send_file(
        request, plan.source_document, filename=f"{plan.title[:80]}{stored_suffix(plan.source_document)}"
    )
