"""Pages: selector → filterset → template; a POST calls the same service as the API."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organisation.models import Unit, Zone
from organisation.roles import roles_of
from plans import services
from plans.choices import OPEN_TASK_STATUSES, PlanStatus, ReviewState, TaskStatus
from plans.filters import PlanFilterSet, TaskFilterSet
from plans.forms import PlanForm, ProgressForm, ReviewForm, TaskAddForm, TaskEditForm
from plans.models import Task
from plans.my_tasks_html import my_task_groups_html
from plans.outline_html import outline_rows_html, row_writer
from plans.overdue import overdue_q
from plans.rollup import roll_up
from plans.rows import flatten_outline, outline_rows, task_rows, unit_ids
from plans.selectors import (
    leader_portfolio,
    my_tasks,
    plans_visible_to,
    reports_visible_to,
    review_queue,
    tasks_visible_to,
    zones_planned_by,
)
from plans.timeliness import unit_timeliness
from zoneplan.core.datacache import PlanTasks, cached
from zoneplan.core.exceptions import VersionConflict
from zoneplan.core.forms import add_service_errors
from zoneplan.core.history import history_entries
from zoneplan.core.periods import month_before
from zoneplan.core.text import whole_number


@login_required
def plan_list(request):
    plans = plans_visible_to(request.user).annotate(
        item_count=Count("tasks", filter=Q(tasks__is_section=False)),
        done_count=Count("tasks", filter=Q(tasks__is_section=False, tasks__status=TaskStatus.DONE)),
        overdue_count=Count("tasks", filter=Q(tasks__is_section=False) & overdue_q(prefix="tasks__")),
    )
    filterset = PlanFilterSet(request.GET, queryset=plans)
    context = {"filter": filterset, "plans": filterset.qs, "portfolio": leader_portfolio(request.user)}
    return render(request, "plans/plan_list.html", context)


@login_required
def plan_create(request):
    zones = zones_planned_by(request.user)
    if not zones.exists():
        raise PermissionDenied(_("Only planners create plans."))
    form = PlanForm(request.POST or None, zones=zones)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan was created; add its sections and tasks."))
            return redirect("plans:plan-detail", pk=plan.pk)
    return render(request, "plans/plan_form.html", {"form": form})


@login_required
def plan_detail(request, pk):
    plan = get_object_or_404(plans_visible_to(request.user), pk=pk)
    can_edit = request.user.has_perm("plans.change_plan", plan) and plan.status != PlanStatus.ARCHIVED
    task_form = TaskAddForm(request.POST or None, plan=plan, prefix="task") if can_edit else None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if request.POST.get("action") == "move":
            task_id, version, direction = _move_asked(request.POST.get("move", ""))
            task = get_object_or_404(plan.tasks, pk=task_id)
            try:
                services.task_move(
                    actor=request.user, task=task, direction=direction, expected_version=version
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            except VersionConflict:
                messages.error(request, _("Someone changed this meanwhile; reload and try again."))
            return redirect("plans:plan-detail", pk=plan.pk)
        if request.POST.get("action") == "publish":
            try:
                services.plan_publish(actor=request.user, plan=plan)
                messages.success(request, _("The plan is published; the units can report now."))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            return redirect("plans:plan-detail", pk=plan.pk)
        if task_form.is_valid():
            try:
                services.task_create(actor=request.user, plan=plan, **task_form.cleaned_data)
            except ValidationError as error:
                add_service_errors(task_form, error)
            else:
                messages.success(request, _("Added to the outline."))
                return redirect("plans:plan-detail", pk=plan.pk)
    # the same for every reader, and for every editor: computed once per data version
    today = timezone.localdate()
    outline = cached(
        "plan-outline-page",
        (plan.pk, today.isoformat(), get_language(), can_edit),
        lambda: outline_page(plan, today=today, can_edit=can_edit),
        scope=PlanTasks(plan.pk, plan.zone_id),
    )
    context = {"plan": plan, "outline": outline, "can_edit": can_edit, "task_form": task_form}
    return render(request, "plans/plan_detail.html", context)


def outline_page(plan, *, today, can_edit: bool) -> dict:
    """The outline's rows (HTML, with the edit controls for an editor) and the plan's rolled-up percent and
    colour."""
    roots = outline_rows(plan, today=today)
    rows = flatten_outline(roots)
    percent, colour, reason = roll_up(plan, roots)
    html = mark_safe(outline_rows_html(rows, can_edit=can_edit))  # noqa: S308 - every value escaped
    return {"rows_html": html, "percent": percent, "colour": colour, "reason": reason}


def _move_asked(value: str) -> tuple[int, int, str]:
    """A move button's value, "task id:version:direction"; nothing usable (a 404) when it is not one."""
    task_id, version, direction = (value.split(":") + ["", "", ""])[:3]
    if whole_number(task_id) is None or whole_number(version) is None:
        raise Http404
    return int(task_id), int(version), direction


@login_required
def task_edit(request, pk):
    """A task edited in place in the outline (htmx swaps the row), or on its own page without JavaScript."""
    task = get_object_or_404(tasks_visible_to(request.user).select_related("plan"), pk=pk)
    if not request.user.has_perm("plans.change_task", task) or task.plan.status == PlanStatus.ARCHIVED:
        raise PermissionDenied(_("You cannot edit this plan."))
    inline = bool(request.headers.get("HX-Request"))
    depth = whole_number(request.GET.get("depth"), low=0, high=6) or 0
    if inline and request.GET.get("cancel"):
        return _outline_row(request, task, depth)
    form = TaskEditForm(request.POST or None, instance=task)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_update(
                actor=request.user, task=task, expected_version=form.cleaned_data["version"], **form.changes()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except VersionConflict:
            form.add_error(None, _("Someone changed this meanwhile; reload and try again."))
        else:
            if inline:
                return _outline_row(request, Task.objects.select_related("plan").get(pk=task.pk), depth)
            messages.success(request, _("Saved."))
            return redirect("plans:plan-detail", pk=task.plan_id)
    template = "plans/_task_edit_row.html" if inline else "plans/task_edit.html"
    context = {"task": task, "form": form, "depth": depth, "inline": inline}
    return render(request, template, context, status=400 if form.errors else 200)


def _outline_row(request, task, depth):
    [row] = task_rows([task], today=timezone.localdate())
    return HttpResponse(row_writer(can_edit=True)(depth, row))


def _progress_form(user, task, data=None, files=None):
    """The progress form for the user's units on `task`, or None when the user does not report on it."""
    my_units = _my_reporting_units(user, task)
    if not (
        my_units.exists() and task.plan.status == PlanStatus.PUBLISHED and task.status in OPEN_TASK_STATUSES
    ):
        return None
    return ProgressForm(data, files, units=my_units)


@login_required
def task_report(request, pk):
    """File a progress report: from the task page, or in place from "my tasks" (htmx swaps the form)."""
    task = get_object_or_404(tasks_visible_to(request.user), pk=pk)
    form = _progress_form(request.user, task, request.POST or None, request.FILES or None)
    if form is None:
        raise PermissionDenied(_("You do not report on this task."))
    inline = bool(request.headers.get("HX-Request"))
    if request.method == "POST" and form.is_valid():
        try:
            services.progress_submit(actor=request.user, task=task, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if inline:
                return render(request, "_result.html", {"success": _("Your progress report was filed.")})
            messages.success(request, _("Your progress report was filed."))
            return redirect("plans:task-detail", pk=task.pk)
    template = "plans/_progress_form.html" if inline else "plans/task_report.html"
    return render(
        request, template, {"task": task, "form": form, "inline": inline}, status=400 if form.errors else 200
    )


@login_required
def task_detail(request, pk):
    task = get_object_or_404(tasks_visible_to(request.user).prefetch_related(None), pk=pk)  # a row below
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in SUPERVISION_ACTIONS:
            raise PermissionDenied
        if _run_supervision_action(request, task, action):
            return redirect("plans:task-detail", pk=task.pk)
    [task] = task_rows([task], today=timezone.localdate())
    form = _progress_form(request.user, task)
    sees_supervision = request.user.has_perm("plans.view_task_supervision", task)
    context = {
        "task": task,
        "form": form,
        "reports": reports_visible_to(request.user).filter(task=task),
        "sees_supervision": sees_supervision,
        "extensions": task.extensions.select_related("unit", "requested_by", "decided_by")
        if sees_supervision
        else [],
        "close_outs": task.close_outs.select_related("unit", "applied_by", "decided_by")
        if sees_supervision
        else [],
        "can_review": request.user.has_perm("plans.review_task_reports", task),
        "can_lead": request.user.has_perm("plans.lead_task", task) and task.status in OPEN_TASK_STATUSES,
        "review_form": ReviewForm(),
        "submitted": ReviewState.SUBMITTED,
        "history": history_entries(task),
    }
    return render(request, "plans/task_detail.html", context)


def _extension(request, task):
    services.extension_request(
        actor=request.user,
        task=task,
        requested_deadline=_date(request.POST.get("requested_deadline")),
        reason=request.POST.get("reason", ""),
    )


def _decide_extension(request, task):
    extension = get_object_or_404(task.extensions, pk=request.POST.get("extension"))
    services.extension_decide(
        actor=request.user,
        request=extension,
        approve=request.POST.get("decision") == "approve",
        comment=request.POST.get("comment", ""),
    )


def _close_out(request, task):
    services.closeout_apply(
        actor=request.user,
        task=task,
        evidence=request.POST.get("evidence", ""),
        attachment=request.FILES.get("attachment"),
    )


def _verify(request, task):
    services.closeout_verify(actor=request.user, task=task, comment=request.POST.get("comment", ""))


def _send_back(request, task):
    services.closeout_send_back(actor=request.user, task=task, reason=request.POST.get("comment", ""))


SUPERVISION_ACTIONS = {
    "extension": _extension,
    "decide-extension": _decide_extension,
    "close-out": _close_out,
    "verify": _verify,
    "send-back": _send_back,
}


def _run_supervision_action(request, task, action) -> bool:
    """Run one supervision service from the task page; errors become messages. True when it succeeded."""
    try:
        SUPERVISION_ACTIONS[action](request, task)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    except VersionConflict:
        messages.error(request, _("Someone changed this meanwhile; reload and try again."))
        return False
    messages.success(request, _("Saved."))
    return True


def _date(text: str | None):
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        raise ValidationError({"requested_deadline": [_("Enter a valid date.")]}) from None


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
    return Unit.objects.filter(pk__in=unit_ids(task) & roles_of(user).unit_ids)


@login_required
def ranking(request):
    """The month's unit ranking in the layout leadership publishes."""
    year, month = (
        whole_number(request.GET.get("year"), low=2000, high=2100),
        whole_number(request.GET.get("month")),
    )
    today = timezone.localdate()
    if not (year and month and 1 <= month <= 12):
        year, month = month_before(today)
    zones = Zone.objects.filter(plans__status=PlanStatus.PUBLISHED).distinct().order_by("name")
    zone = zones.filter(pk=whole_number(request.GET.get("zone")) or 0).first() or zones.first()
    rows = unit_timeliness(zone_id=zone.pk, year=year, month=month) if zone else []
    context = {"rows": rows, "zone": zone, "zones": zones, "year": year, "month": month}
    return render(request, "plans/ranking.html", context)


@login_required
def home(request):
    """Each role's home: reporters their tasks, statistics staff their indicators, planners and leaders the
    plans."""
    roles = roles_of(request.user)
    if roles.is_planner or roles.is_leader:
        return redirect("plans:plan-list")
    if Zone.objects.filter(statistics_unit_id__in=roles.unit_ids).exists():
        return redirect("indicators:table")
    if roles.is_reporter:
        return redirect("plans:my-tasks")
    return redirect("plans:plan-list")


@login_required
def task_list(request):
    """Every task item the user may see, searched and filtered from the URL: where the dashboard's figures
    lead."""
    tasks = (
        tasks_visible_to(request.user)
        .prefetch_related(None)  # rows: `task_rows`
        .filter(is_section=False)
        .select_related("plan", "plan__zone")
        .order_by("deadline", "pk")
    )
    filterset = TaskFilterSet(request.GET, queryset=tasks)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    page.object_list = task_rows(page.object_list, today=timezone.localdate())
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "query": query.urlencode(),
        "statuses": TaskStatus.choices,
        "zones": Zone.objects.order_by("name"),
        "units": Unit.objects.order_by("name").only("pk", "name"),
    }
    return render(request, "plans/task_list.html", context)


MY_TASKS_SHOWN = 50  # per group; "show all" lists the rest of one group
MY_TASK_GROUPS = ("overdue", "due", "behind", "on_track", "done")


@login_required
def my_task_list(request):
    shown = request.GET.get("all", "")
    today = timezone.localdate()

    def groups_html() -> str:
        groups = my_tasks(request.user, today=today).items()
        return my_task_groups_html(
            [(key, tasks if key == shown else tasks[:MY_TASKS_SHOWN], len(tasks)) for key, tasks in groups]
        )

    units = ",".join(str(pk) for pk in sorted(roles_of(request.user).unit_ids))  # a new membership: a new key
    key = (
        request.user.pk,
        units,
        today.isoformat(),
        get_language(),
        shown if shown in MY_TASK_GROUPS else "",
    )
    html = cached("my-tasks", key, groups_html)
    groups_html = mark_safe(html)  # noqa: S308 - our template
    return render(request, "plans/my_tasks.html", {"groups_html": groups_html})


@login_required
def review_list(request):
    if not roles_of(request.user).is_planner:
        raise PermissionDenied(_("Only planners review progress reports."))
    reports = review_queue(request.user).select_related("task", "unit")[:200]
    return render(request, "plans/review_queue.html", {"reports": reports, "review_form": ReviewForm()})
