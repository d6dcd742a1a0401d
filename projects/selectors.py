"""Reads of key projects: lists with their derived figures, and the summary of a zone or the city.

Figures come from the reports, milestones and problems in set-based queries: per-project figures
are subquery annotations of one list query; the summary is a fixed handful of grouped aggregates.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    BooleanField,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from projects.choices import IssueState, ProjectStage, stages_from
from projects.figures import ZERO, ProjectTotals
from projects.models import Milestone, Project, ProjectIssue, ProjectReport

MONEY = DecimalField(max_digits=16, decimal_places=2)


def projects_visible_to(user) -> QuerySet[Project]:
    """The key-project lists are open to everyone signed in; writes are checked per project."""
    return Project.objects.select_related("zone", "responsible_unit", "responsible_leader", "service_officer")


def late_milestone_q(today: date, prefix: str = "") -> Q:
    """Milestones past their planned date and not reached."""
    return Q(**{f"{prefix}actual_date__isnull": True, f"{prefix}planned_date__lt": today})


def behind_q(today: date) -> Q:
    """Projects behind schedule: a late milestone, or a planned start or completion passed without it."""
    late = Milestone.objects.filter(late_milestone_q(today), project=OuterRef("pk"))
    return (
        Q(Exists(late))
        | Q(planned_start__lt=today, actual_start__isnull=True)
        | Q(planned_completion__lt=today, actual_completion__isnull=True)
    )


def open_issue_q() -> Q:
    return Q(Exists(ProjectIssue.objects.filter(project=OuterRef("pk"), state=IssueState.OPEN)))


def _per_project(model, expression, condition: Q | None = None):
    """One figure of each project's related rows (those matching `condition`), as a correlated subquery."""
    rows = model.objects.filter(condition or Q(), project=OuterRef("pk")).order_by().values("project")
    return Subquery(rows.annotate(value=expression).values("value"))


def _count(model, condition: Q | None = None):
    return Coalesce(_per_project(model, Count("pk"), condition), Value(0), output_field=IntegerField())


def with_figures(projects: QuerySet[Project], *, year: int, today: date) -> QuerySet[Project]:
    """Annotate each project with investment done, milestones done / due / late, open problems, behind."""
    invested = Sum("month_investment")
    return projects.annotate(
        invested_this_year=Coalesce(
            _per_project(ProjectReport, invested, Q(year=year)), Value(ZERO), output_field=MONEY
        ),
        invested_since_start=Coalesce(_per_project(ProjectReport, invested), Value(ZERO), output_field=MONEY),
        milestones_total=_count(Milestone),
        milestones_done=_count(Milestone, Q(actual_date__isnull=False)),
        milestones_due=_count(Milestone, Q(planned_date__lte=today)),
        milestones_late=_count(Milestone, late_milestone_q(today)),
        oldest_late_milestone=_per_project(Milestone, Min("planned_date"), late_milestone_q(today)),
        open_issues=_count(ProjectIssue, Q(state=IssueState.OPEN)),
        oldest_open_issue=_per_project(ProjectIssue, Min("raised_on"), Q(state=IssueState.OPEN)),
        is_behind=ExpressionWrapper(behind_q(today), output_field=BooleanField()),
    )


def milestones_with_lateness(project: Project, *, today: date) -> list[Milestone]:
    """The schedule with `days_late`: for a reached milestone against its planned date, else against today."""
    milestones = list(project.milestones.all())
    for milestone in milestones:
        reference = milestone.actual_date or today
        milestone.days_late = max(0, (reference - milestone.planned_date).days)
        milestone.is_late = milestone.days_late > 0
    return milestones


def monthly_investment(project: Project) -> list[ProjectReport]:
    """Reports in month order with the cumulative investment of the year and since the start."""
    reports = list(project.reports.order_by("year", "month").select_related("author"))
    since_start, year, in_year = ZERO, None, ZERO
    for report in reports:
        if report.year != year:
            year, in_year = report.year, ZERO
        in_year += report.month_investment
        since_start += report.month_investment
        report.cumulative_year, report.cumulative_total = in_year, since_start
    return reports


@dataclass
class ProjectSummary:
    year: int
    totals: ProjectTotals
    behind: int = 0
    milestones: dict[str, int] = field(default_factory=dict)
    issues: dict = field(default_factory=dict)
    by_unit: list[ProjectTotals] = field(default_factory=list)
    by_zone: list[ProjectTotals] = field(default_factory=list)


def _stage_aggregates() -> dict:
    counts = {f"stage_{stage.value}": Count("pk", filter=Q(stage=stage)) for stage in ProjectStage}
    return {
        **counts,
        "projects": Count("pk"),
        "signed": Count("pk", filter=Q(stage__in=stages_from(ProjectStage.SIGNED))),
        "started": Count("pk", filter=Q(stage__in=stages_from(ProjectStage.STARTED))),
        "in_production": Count("pk", filter=Q(stage=ProjectStage.IN_PRODUCTION)),
        "total_investment": Coalesce(Sum("total_investment"), Value(ZERO), output_field=MONEY),
        "year_planned_investment": Coalesce(Sum("year_planned_investment"), Value(ZERO), output_field=MONEY),
    }


def _totals(row: dict, key=None, name="") -> ProjectTotals:
    return ProjectTotals(
        key=key,
        name=name,
        projects=row["projects"],
        by_stage={stage.value: row[f"stage_{stage.value}"] for stage in ProjectStage},
        signed=row["signed"],
        started=row["started"],
        in_production=row["in_production"],
        total_investment=row["total_investment"],
        year_planned_investment=row["year_planned_investment"],
        invested_this_year=row.get("this_year") or ZERO,
        invested_since_start=row.get("since_start") or ZERO,
    )


def _investment(year: int) -> dict:
    return {
        "this_year": Sum("month_investment", filter=Q(year=year)),
        "since_start": Sum("month_investment"),
    }


GROUP = ("zone", "responsible_unit")


def project_rows(listed: QuerySet[Project], *, year: int, today: date) -> list[dict]:
    """One row of counts and sums per zone and responsible unit: two grouped queries. Every project is in
    exactly one group, so the zones', the units' and the overall figures are sums of these rows
    (`rows_summary`)."""
    rows = (
        listed.order_by()
        .values(*GROUP, "zone__name", "responsible_unit__name")
        .annotate(**_stage_aggregates(), behind=Count("pk", filter=behind_q(today)))
    )
    reports = ProjectReport.objects.filter(project__in=listed.values("pk")).order_by()
    money = {
        (row["project__zone"], row["project__responsible_unit"]): row
        for row in reports.values(*(f"project__{key}" for key in GROUP)).annotate(**_investment(year))
    }
    return [{**row, **money.get((row["zone"], row["responsible_unit"]), {})} for row in rows]


COUNTS = (
    "projects",
    "behind",
    "signed",
    "started",
    "in_production",
    *(f"stage_{stage.value}" for stage in ProjectStage),
)
SUMS = ("total_investment", "year_planned_investment", "this_year", "since_start")


def _fold(rows: list[dict]) -> dict:
    """The sum of `rows`, figure by figure."""
    return {name: sum(row[name] for row in rows) for name in COUNTS} | {
        name: sum((row.get(name) or ZERO for row in rows), ZERO) for name in SUMS
    }


def _breakdown(rows: list[dict], key: str) -> list[ProjectTotals]:
    """Totals by `key` (zone or responsible_unit), the most projects first."""
    grouped: dict = {}
    for row in rows:
        grouped.setdefault((row[key], row[f"{key}__name"]), []).append(row)
    return sorted(
        (_totals(_fold(members), key=group, name=name) for (group, name), members in grouped.items()),
        key=lambda totals: (-totals.projects, totals.name),
    )


def project_summary(
    *, projects: QuerySet[Project], year: int, today: date, milestones_and_issues: bool = True
) -> ProjectSummary:
    """The figures of the projects on the `year` list: stages, conversions, investment, milestones, problems.
    `milestones_and_issues=False` leaves out the milestone and problem counts (two queries fewer), for readers
    that do not show them (the dashboard, the monthly report)."""
    # Aggregate over a plain queryset: joins and ordering from the caller would wrap the aggregate
    # in a subquery where the behind-schedule EXISTS cannot see the project row.
    listed = Project.objects.filter(pk__in=projects.filter(year=year).values("pk"))
    summary = rows_summary(project_rows(listed, year=year, today=today), year=year)
    if milestones_and_issues:
        summary.milestones, summary.issues = _milestones_and_issues(listed, today)
    return summary


def rows_summary(rows: list[dict], *, year: int, by_unit: bool = True) -> ProjectSummary:
    """The summary's totals, behind count and breakdowns from `project_rows` (of one zone or several added
    up); `by_unit=False` for rows without the units' names."""
    overall = _fold(rows)
    return ProjectSummary(
        year=year,
        totals=_totals(overall),
        behind=overall["behind"],
        by_unit=_breakdown(rows, "responsible_unit") if by_unit else [],
        by_zone=_breakdown(rows, "zone"),
    )


def _milestones_and_issues(listed: QuerySet[Project], today: date) -> tuple[dict, dict]:
    milestones = Milestone.objects.filter(project__in=listed.values("pk")).aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(actual_date__isnull=False)),
        due=Count("pk", filter=Q(planned_date__lte=today)),
        late=Count("pk", filter=late_milestone_q(today)),
    )
    issues = ProjectIssue.objects.filter(project__in=listed.values("pk")).aggregate(
        open=Count("pk", filter=Q(state=IssueState.OPEN)),
        resolved=Count("pk", filter=Q(state=IssueState.RESOLVED)),
        overdue=Count("pk", filter=Q(state=IssueState.OPEN, due_date__lt=today)),
        oldest_open=Min("raised_on", filter=Q(state=IssueState.OPEN)),
    )
    issues["oldest_open_days"] = (today - issues["oldest_open"]).days if issues["oldest_open"] else None
    return milestones, issues
