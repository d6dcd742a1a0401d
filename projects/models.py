"""Key projects (重点项目): investment, stage, the reverse schedule of milestones, monthly reports,
problems."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from projects.choices import IssueState, ProjectCategory, ProjectLevel, ProjectStage
from zoneplan.core.fields import actor_field
from zoneplan.core.history import History

NOT_NEGATIVE = MinValueValidator(0)


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    """An amount in 万元, to two decimals (100 yuan), never negative."""
    return models.DecimalField(
        verbose_name, max_digits=14, decimal_places=2, validators=[NOT_NEGATIVE], **kwargs
    )


def area_field(verbose_name) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=14, decimal_places=2, null=True, blank=True, validators=[NOT_NEGATIVE]
    )


# What a person enters for a project, in the order the form and the API show it (the page, the API and the
# services each take these).
PROJECT_INPUT_FIELDS = (
    "zone",
    "year",
    "name",
    "investor",
    "industry",
    "category",
    "level",
    "stage",
    "total_investment",
    "year_planned_investment",
    "land_area",
    "floor_area",
    "planned_start",
    "planned_completion",
    "actual_start",
    "actual_completion",
    "responsible_unit",
    "responsible_leader",
    "service_officer",
)


class Project(models.Model):
    """A key project of a zone, with the leader who takes charge of it (包抓领导) and its responsible unit."""

    zone = models.ForeignKey(
        "organisation.Zone", verbose_name=_("zone"), on_delete=models.PROTECT, related_name="projects"
    )
    year = models.PositiveSmallIntegerField(_("list year"), help_text=_("The year of the key-project list."))
    name = models.CharField(_("name"), max_length=200)
    investor = models.CharField(_("investor"), max_length=200, blank=True)
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    category = models.CharField(
        _("category"), max_length=20, choices=ProjectCategory.choices, default=ProjectCategory.INDUSTRIAL
    )
    level = models.CharField(
        _("level"), max_length=20, choices=ProjectLevel.choices, default=ProjectLevel.CITY
    )
    stage = models.CharField(
        _("stage"), max_length=30, choices=ProjectStage.choices, default=ProjectStage.PLANNING
    )
    total_investment = money_field(_("total investment (万元)"))
    year_planned_investment = money_field(_("planned investment this year (万元)"), default=0)
    land_area = area_field(_("land (亩)"))
    floor_area = area_field(_("floor area (㎡)"))
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_completion = models.DateField(_("planned completion"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_completion = models.DateField(_("actual completion"), null=True, blank=True)
    responsible_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    responsible_leader = actor_field(_("leader in charge"))
    service_officer = actor_field(_("service officer"))
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = History()

    class Meta:
        ordering = ["zone", "-year", "name"]
        verbose_name = _("key project")
        verbose_name_plural = _("key projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(total_investment__gte=0) & Q(year_planned_investment__gte=0),
                name="project_investment_not_negative",
                violation_error_message=_("Investment cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(land_area__gte=0) | Q(land_area__isnull=True),
                name="project_land_not_negative",
                violation_error_message=_("Land area cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(floor_area__gte=0) | Q(floor_area__isnull=True),
                name="project_floor_not_negative",
                violation_error_message=_("Floor area cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(actual_completion__gte=F("actual_start"))
                | Q(actual_completion__isnull=True)
                | Q(actual_start__isnull=True),
                name="project_completed_after_start",
                violation_error_message=_("A project cannot be completed before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(planned_completion__gte=F("planned_start"))
                | Q(planned_completion__isnull=True)
                | Q(planned_start__isnull=True),
                name="project_planned_completion_after_start",
                violation_error_message=_("The planned completion cannot be before the planned start."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:project-detail", args=[self.pk])


class Milestone(models.Model):
    """A node of the reverse schedule (倒排工期): what must be done by when, and when it was."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="milestones"
    )
    name = models.CharField(_("name"), max_length=200)
    planned_date = models.DateField(_("planned date"))
    actual_date = models.DateField(_("actual date"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    history = History()

    class Meta:
        ordering = ["project", "planned_date", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.name


class ProjectReport(models.Model):
    """Investment completed in one month, with what happened; cumulative figures are derived from these."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    month_investment = money_field(_("investment this month (万元)"))
    narrative = models.TextField(_("progress"), blank=True)
    author = actor_field(_("author"))
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    history = History()

    class Meta:
        ordering = ["project", "-year", "-month"]
        verbose_name = _("monthly project report")
        verbose_name_plural = _("monthly project reports")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "month"],
                name="project_report_once_per_month",
                violation_error_message=_("This project already has a report for this month."),
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12),
                name="project_report_month_valid",
                violation_error_message=_("The month must be between 1 and 12."),
            ),
            models.CheckConstraint(
                condition=Q(month_investment__gte=0),
                name="project_report_investment_not_negative",
                violation_error_message=_("Investment cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}-{self.month:02d}"


class ProjectIssue(models.Model):
    """A problem the committee must solve for the project (问题解难)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="issues"
    )
    description = models.TextField(_("problem"))
    raised_on = models.DateField(_("raised on"))
    raised_by = actor_field(_("raised by"))
    responsible_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="project_issues",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=IssueState.choices, default=IssueState.OPEN)
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    history = History()

    class Meta:
        ordering = ["state", "due_date", "id"]
        verbose_name = _("project problem")
        verbose_name_plural = _("project problems")
        constraints = [
            models.CheckConstraint(
                condition=Q(state=IssueState.OPEN) | (Q(resolved_on__isnull=False) & ~Q(resolution="")),
                name="project_issue_resolved_with_resolution",
                violation_error_message=_("A resolved problem needs its resolution and date."),
            ),
            models.CheckConstraint(
                condition=Q(resolved_on__gte=F("raised_on")) | Q(resolved_on__isnull=True),
                name="project_issue_resolved_after_raised",
                violation_error_message=_("A problem cannot be resolved before it was raised."),
            ),
        ]

    def __str__(self) -> str:
        return self.description[:40]
