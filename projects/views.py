"""Project pages: selector → filterset → template; each form POST calls one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.models import Zone
from organisation.roles import roles_of
from projects import services
from projects.colours import colour_projects
from projects.filters import ProjectFilterSet
from projects.forms import (
    IssueForm,
    MilestoneForm,
    MilestoneRecordForm,
    ProjectEditForm,
    ProjectForm,
    ReportForm,
    ResolveForm,
    StageForm,
)
from projects.selectors import (
    milestones_with_lateness,
    monthly_investment,
    project_summary,
    projects_visible_to,
    with_figures,
)
from zoneplan.core.charts import bar_chart
from zoneplan.core.exceptions import VersionConflict
from zoneplan.core.forms import add_service_errors
from zoneplan.core.history import history_entries
from zoneplan.core.periods import month_before
from zoneplan.core.text import whole_number


@login_required
def project_list(request):
    today = timezone.localdate()
    year = whole_number(request.GET.get("year"), low=2000, high=2100) or today.year
    filterset = ProjectFilterSet(request.GET, queryset=projects_visible_to(request.user).filter(year=year))
    projects = list(with_figures(filterset.qs.order_by("zone_id", "name"), year=year, today=today))
    colour_projects(projects, today=today)
    summary = project_summary(projects=filterset.qs, year=year, today=today)
    return render(
        request,
        "projects/project_list.html",
        {
            "filter": filterset,
            "projects": projects,
            "summary": summary,
            "year": year,
            "can_create": roles_of(request.user).is_planner,
            "ledger_zones": Zone.objects.filter(projects__in=filterset.qs.values("pk"))
            .distinct()
            .order_by("name"),
            "ledger_month": month_before(today)[1] if year == today.year else 12,
            "months": range(1, 13),
        },
    )


@login_required
def project_create(request):
    if not roles_of(request.user).is_planner:
        raise PermissionDenied
    form = ProjectForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            project = services.project_create(actor=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The project was added."))
            return redirect("projects:project-detail", pk=project.pk)
    return render(request, "projects/project_form.html", {"form": form})


@login_required
def project_edit(request, pk):
    project = get_object_or_404(projects_visible_to(request.user), pk=pk)
    if not request.user.has_perm("projects.change_project", project):
        raise PermissionDenied
    form = ProjectEditForm(request.POST or None, instance=project, initial={"version": project.version})
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name != "version"}
        try:
            services.project_update(
                actor=request.user, project=project, expected_version=form.cleaned_data["version"], **changes
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except VersionConflict:
            messages.error(request, _("Someone changed this project meanwhile; reload and try again."))
        else:
            messages.success(request, _("The project was saved."))
            return redirect("projects:project-detail", pk=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


def _stage(request, project, data):
    services.project_move_stage(
        actor=request.user, project=project, expected_version=data.pop("version"), **data
    )


def _milestone(request, project, data):
    services.milestone_create(actor=request.user, project=project, **data)


def _record(request, project, data):
    milestone = get_object_or_404(project.milestones, pk=data["milestone"])
    services.milestone_record(
        actor=request.user,
        milestone=milestone,
        expected_version=data["version"],
        actual_date=data["actual_date"],
    )


def _report(request, project, data):
    services.report_submit(actor=request.user, project=project, **data)


def _issue(request, project, data):
    services.issue_create(actor=request.user, project=project, **data)


def _resolve(request, project, data):
    issue = get_object_or_404(project.issues, pk=data["issue"])
    services.issue_resolve(
        actor=request.user, issue=issue, expected_version=data["version"], resolution=data["resolution"]
    )


ACTIONS = {
    "stage": (StageForm, _stage),
    "milestone": (MilestoneForm, _milestone),
    "record": (MilestoneRecordForm, _record),
    "report": (ReportForm, _report),
    "issue": (IssueForm, _issue),
    "resolve": (ResolveForm, _resolve),
}


@login_required
def project_detail(request, pk):
    today = timezone.localdate()
    project = get_object_or_404(
        with_figures(projects_visible_to(request.user), year=today.year, today=today), pk=pk
    )
    bound = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ACTIONS:
            raise PermissionDenied
        form_class, handler = ACTIONS[action]
        bound = (action, form_class(request.POST, prefix=action))
        if bound[1].is_valid():
            try:
                handler(request, project, dict(bound[1].cleaned_data))
            except ValidationError as error:
                add_service_errors(bound[1], error)
            except VersionConflict:
                messages.error(request, _("Someone changed this meanwhile; reload and try again."))
            else:
                messages.success(request, _("Saved."))
                return redirect("projects:project-detail", pk=project.pk)
    return render(request, "projects/project_detail.html", _detail_context(request, project, bound))


def _detail_context(request, project, bound) -> dict:
    """The page's context; the project read with its figures (a failed form wrote nothing, so they hold)."""
    today = timezone.localdate()
    colour_projects([project], today=today)
    user = request.user
    forms = {
        "stage": StageForm(prefix="stage", initial={"stage": project.stage, "version": project.version}),
        "milestone": MilestoneForm(prefix="milestone"),
        "report": ReportForm(prefix="report", initial={"year": today.year, "month": today.month}),
        "issue": IssueForm(prefix="issue", initial={"responsible_unit": project.responsible_unit_id}),
    }
    if bound:
        forms[bound[0]] = bound[1]
    issues = list(project.issues.select_related("responsible_unit", "raised_by"))
    for issue in issues:
        issue.can_resolve = issue.state == "open" and user.has_perm("projects.change_issue", issue)
    reports = monthly_investment(project)
    return {
        "project": project,
        "milestones": milestones_with_lateness(project, today=today),
        "reports": list(reversed(reports)),
        "chart": bar_chart(
            [(f"{r.year % 100:02d}-{r.month:02d}", r.month_investment) for r in reports[-12:]]
        ),
        "issues": issues,
        "history": history_entries(project),
        "forms": forms,
        "can_plan": user.has_perm("projects.change_project", project),
        "can_report": user.has_perm("projects.report_project", project),
        "can_record": user.has_perm("projects.record_milestone", project),
        "can_raise": user.has_perm("projects.raise_issue", project),
    }
