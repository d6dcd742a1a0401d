from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from projects.choices import ProjectStage
from projects.colours import project_colour
from projects.figures import days_since
from projects.models import PROJECT_INPUT_FIELDS, Milestone, Project, ProjectIssue, ProjectReport
from zoneplan.core.numbers import percent
from zoneplan.core.workdays import WorkdayCalendar

VERSION_HELP = _("The version read; required to update.")


class ProjectSerializer(serializers.ModelSerializer):
    invested_this_year = serializers.DecimalField(
        max_digits=16, decimal_places=2, read_only=True, default=None
    )
    invested_since_start = serializers.DecimalField(
        max_digits=16, decimal_places=2, read_only=True, default=None
    )
    year_completion = serializers.SerializerMethodField(
        help_text=_("Invested this year as a percentage of the year's plan.")
    )
    milestones_total = serializers.IntegerField(read_only=True, default=None)
    milestones_done = serializers.IntegerField(read_only=True, default=None)
    milestones_due = serializers.IntegerField(read_only=True, default=None)
    milestones_late = serializers.IntegerField(read_only=True, default=None)
    days_late = serializers.SerializerMethodField(
        help_text=_("Days since the oldest unreached milestone was due.")
    )
    open_issues = serializers.IntegerField(read_only=True, default=None)
    oldest_open_issue_days = serializers.SerializerMethodField()
    is_behind = serializers.BooleanField(read_only=True, default=None)
    colour = serializers.SerializerMethodField()
    colour_reason = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id",
            *PROJECT_INPUT_FIELDS,
            "version",
            "invested_this_year",
            "invested_since_start",
            "year_completion",
            "milestones_total",
            "milestones_done",
            "milestones_due",
            "milestones_late",
            "days_late",
            "open_issues",
            "oldest_open_issue_days",
            "is_behind",
            "colour",
            "colour_reason",
        ]
        read_only_fields = fields

    def _colour(self, project) -> tuple[str, str]:
        if not hasattr(project, "invested_this_year"):
            return "", ""
        if not hasattr(project, "colour_pair"):
            calendar = self.context.get("calendar")
            if calendar is None:  # one calendar per response (setdefault would build, and query, one per row)
                calendar = self.context["calendar"] = WorkdayCalendar()
            project.colour_pair = project_colour(project, today=timezone.localdate(), calendar=calendar)
        return project.colour_pair

    def get_colour(self, project) -> str:
        return self._colour(project)[0]

    def get_colour_reason(self, project) -> str:
        return self._colour(project)[1]

    def get_year_completion(self, project) -> float | None:
        if not hasattr(project, "invested_this_year"):
            return None
        value = percent(project.invested_this_year, project.year_planned_investment)
        return float(value) if value is not None else None

    def get_days_late(self, project) -> int | None:
        return days_since(getattr(project, "oldest_late_milestone", None), timezone.localdate())

    def get_oldest_open_issue_days(self, project) -> int | None:
        return days_since(getattr(project, "oldest_open_issue", None), timezone.localdate())


class ProjectWriteSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(min_value=1, required=False, help_text=VERSION_HELP)

    class Meta:
        model = Project
        fields = [*PROJECT_INPUT_FIELDS, "version"]
        extra_kwargs = {"year": {"min_value": 2000, "max_value": 2100}}


class ProjectUpdateSerializer(ProjectWriteSerializer):
    """A project stays in its zone; its stage moves through the `stage/` action."""

    class Meta(ProjectWriteSerializer.Meta):
        fields = [name for name in ProjectWriteSerializer.Meta.fields if name not in ("zone", "stage")]


class StageMoveSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=ProjectStage.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)
    actual_start = serializers.DateField(required=False, allow_null=True, default=None)
    actual_completion = serializers.DateField(required=False, allow_null=True, default=None)
    version = serializers.IntegerField(min_value=1, help_text=VERSION_HELP)


class MilestoneSerializer(serializers.ModelSerializer):
    days_late = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Milestone
        fields = ["id", "project", "name", "planned_date", "actual_date", "days_late", "version"]
        read_only_fields = ["id", "project", "days_late", "version"]


class MilestoneWriteSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(min_value=1, required=False, help_text=VERSION_HELP)

    class Meta:
        model = Milestone
        fields = ["name", "planned_date", "actual_date", "version"]


class ProjectReportSerializer(serializers.ModelSerializer):
    cumulative_year = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True, default=None)
    cumulative_total = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True, default=None)

    class Meta:
        model = ProjectReport
        fields = [
            "id",
            "project",
            "year",
            "month",
            "month_investment",
            "narrative",
            "author",
            "submitted_at",
            "cumulative_year",
            "cumulative_total",
            "version",
        ]
        read_only_fields = [
            "id",
            "project",
            "author",
            "submitted_at",
            "cumulative_year",
            "cumulative_total",
            "version",
        ]


class ProjectReportWriteSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(min_value=1, required=False, help_text=VERSION_HELP)

    class Meta:
        model = ProjectReport
        fields = ["year", "month", "month_investment", "narrative", "version"]
        extra_kwargs = {
            "year": {"min_value": 2000, "max_value": 2100},
            "month": {"min_value": 1, "max_value": 12},
            "month_investment": {"min_value": 0},
        }


class ProjectReportUpdateSerializer(ProjectReportWriteSerializer):
    class Meta(ProjectReportWriteSerializer.Meta):
        fields = ["month_investment", "narrative", "version"]


class ProjectIssueSerializer(serializers.ModelSerializer):
    days_open = serializers.SerializerMethodField()

    class Meta:
        model = ProjectIssue
        fields = [
            "id",
            "project",
            "description",
            "raised_on",
            "raised_by",
            "responsible_unit",
            "due_date",
            "state",
            "resolution",
            "resolved_on",
            "days_open",
            "version",
        ]
        read_only_fields = fields

    def get_days_open(self, issue) -> int:
        return ((issue.resolved_on or timezone.localdate()) - issue.raised_on).days


class ProjectIssueWriteSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(min_value=1, required=False, help_text=VERSION_HELP)

    class Meta:
        model = ProjectIssue
        fields = ["description", "responsible_unit", "due_date", "raised_on", "version"]
        extra_kwargs = {"raised_on": {"required": False}}


class ProjectIssueUpdateSerializer(ProjectIssueWriteSerializer):
    class Meta(ProjectIssueWriteSerializer.Meta):
        fields = ["description", "responsible_unit", "due_date", "version"]


class IssueResolveSerializer(serializers.Serializer):
    resolution = serializers.CharField(max_length=5000)
    resolved_on = serializers.DateField(required=False, allow_null=True, default=None)
    version = serializers.IntegerField(min_value=1, help_text=VERSION_HELP)


class TotalsSerializer(serializers.Serializer):
    key = serializers.IntegerField(allow_null=True, help_text=_("Id of the unit or zone of this group."))
    name = serializers.CharField()
    projects = serializers.IntegerField()
    by_stage = serializers.DictField(child=serializers.IntegerField())
    signed = serializers.IntegerField()
    started = serializers.IntegerField()
    in_production = serializers.IntegerField()
    signing_rate = serializers.DecimalField(max_digits=6, decimal_places=1, allow_null=True)
    start_rate = serializers.DecimalField(max_digits=6, decimal_places=1, allow_null=True)
    production_rate = serializers.DecimalField(max_digits=6, decimal_places=1, allow_null=True)
    total_investment = serializers.DecimalField(max_digits=16, decimal_places=2)
    year_planned_investment = serializers.DecimalField(max_digits=16, decimal_places=2)
    invested_this_year = serializers.DecimalField(max_digits=16, decimal_places=2)
    invested_since_start = serializers.DecimalField(max_digits=16, decimal_places=2)
    year_completion = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)


class MilestoneCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    done = serializers.IntegerField()
    due = serializers.IntegerField()
    late = serializers.IntegerField()


class IssueCountsSerializer(serializers.Serializer):
    open = serializers.IntegerField()
    resolved = serializers.IntegerField()
    overdue = serializers.IntegerField()
    oldest_open = serializers.DateField(allow_null=True)
    oldest_open_days = serializers.IntegerField(allow_null=True)


class ProjectSummarySerializer(serializers.Serializer):
    year = serializers.IntegerField()
    totals = TotalsSerializer()
    behind = serializers.IntegerField()
    milestones = MilestoneCountsSerializer()
    issues = IssueCountsSerializer()
    by_unit = TotalsSerializer(many=True)
    by_zone = TotalsSerializer(many=True)
