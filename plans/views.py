"""Pages: selector → filterset → template; a POST calls the same service as the API."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plans import services
from plans.choices import OPEN_TASK_STATUSES, PlanStatus, ReviewState, TaskStatus
from plans.filters import PlanFilterSet
from plans.forms import ProgressForm, ReviewForm
from plans.models import Unit
from plans.roles import roles_of
from plans.rules import task_unit_ids
from plans.selectors import (
    flatten_outline,
    instructions_for,
    overdue_q,
    plan_outline,
    plans_visible_to,
    reports_visible_to,
    tasks_visible_to,
)
from zoneplan.core.exceptions import VersionConflict
from zoneplan.core.forms import add_service_errors


@login_required
def plan_list(request):
    plans = plans_visible_to(request.user).annotate(
        item_count=Count("tasks", filter=Q(tasks__is_section=False)),
        done_count=Count("tasks", filter=Q(tasks__is_section=False, tasks__status=TaskStatus.DONE)),
        overdue_count=Count("tasks", filter=Q(tasks__is_section=False) & overdue_q(prefix="tasks__")),
    )
    filterset = PlanFilterSet(request.GET, queryset=plans)
    return render(request, "plans/plan_list.html", {"filter": filterset, "plans": filterset.qs})


@login_required
def plan_detail(request, pk):
    plan = get_object_or_404(plans_visible_to(request.user), pk=pk)
    rows = flatten_outline(plan_outline(plan=plan))
    return render(
        request,
        "plans/plan_detail.html",
        {"plan": plan, "rows": rows, "can_edit": request.user.has_perm("plans.change_plan", plan)},
    )


@login_required
def task_detail(request, pk):
    task = get_object_or_404(tasks_visible_to(request.user), pk=pk)
    my_units = _my_reporting_units(request.user, task)
    form = None
    if my_units.exists() and task.plan.status == PlanStatus.PUBLISHED and task.status in OPEN_TASK_STATUSES:
        form = ProgressForm(request.POST or None, request.FILES or None, units=my_units)
        if request.method == "POST" and form.is_valid():
            try:
                services.progress_submit(actor=request.user, task=task, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your progress report was filed."))
                return redirect("plans:task-detail", pk=task.pk)
    elif request.method == "POST":
        raise PermissionDenied(_("You do not report on this task."))
    reports = reports_visible_to(request.user).filter(task=task)
    context = {
        "task": task,
        "form": form,
        "reports": reports,
        "instructions": instructions_for(subject=task),
        "can_review": request.user.has_perm("plans.review_task_reports", task),
        "review_form": ReviewForm(),
        "submitted": ReviewState.SUBMITTED,
    }
    return render(request, "plans/task_detail.html", context)


@login_required
@require_POST
def progress_review(request, pk):
    report = get_object_or_404(reports_visible_to(request.user), pk=pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept or return."))
        return redirect("plans:task-detail", pk=report.task_id)
    try:
        services.progress_review(
            actor=request.user,
            report=report,
            accept=form.cleaned_data["action"] == "accept",
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except VersionConflict:
        messages.error(request, _("Someone has reviewed this report already."))
    else:
        messages.success(request, _("The report was reviewed."))
    return redirect("plans:task-detail", pk=report.task_id)


def _my_reporting_units(user, task):
    """The units of `user` that lead or cooperate on `task`: those the user can report for."""
    return Unit.objects.filter(pk__in=task_unit_ids(task) & roles_of(user).unit_ids)
