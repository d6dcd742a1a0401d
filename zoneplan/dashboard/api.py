from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from organisation.models import Zone
from organisation.roles import roles_of
from zoneplan.core.datacache import (
    ALL_COUNTS,
    ALL_PROJECTS,
    DAY,
    INDICATORS,
    TIMEOUT,
    TaskCounts,
    cached,
    cached_apart,
    projects_of,
    zone_ids,
    zone_names,
)
from zoneplan.dashboard.selectors import (
    dashboard_indicators,
    dashboard_summary,
    merge_task_figures,
    project_figures,
    project_parts,
    published_plans,
    task_figures,
)


class UnitTasksSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    name = serializers.CharField()
    by_status = serializers.DictField(child=serializers.IntegerField())
    total = serializers.IntegerField()
    completion = serializers.FloatField(allow_null=True)


class ZoneFiguresSerializer(serializers.Serializer):
    zone = serializers.IntegerField()
    name = serializers.CharField()
    tasks = serializers.IntegerField()
    done = serializers.IntegerField()
    overdue = serializers.IntegerField()
    completion = serializers.DecimalField(max_digits=6, decimal_places=1, allow_null=True)
    projects = serializers.IntegerField()
    year_planned_investment = serializers.DecimalField(max_digits=16, decimal_places=2)
    invested_this_year = serializers.DecimalField(max_digits=16, decimal_places=2)
    year_completion = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)


class OverdueSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    zone = serializers.IntegerField()
    title = serializers.CharField()
    deadline = serializers.DateField()
    workdays_late = serializers.IntegerField()
    long_overdue = serializers.BooleanField()
    lead_units = serializers.ListField(child=serializers.CharField())


class IndicatorRowSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    code = serializers.CharField()
    unit = serializers.CharField()
    cumulative_value = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)
    yoy = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    completion = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    time_progress = serializers.DecimalField(max_digits=6, decimal_places=2)
    gap = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    zone = serializers.CharField()
    rank = serializers.IntegerField(allow_null=True, help_text="By YoY growth among the zones compared.")
    colour = serializers.CharField()


class IndicatorComparisonSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    code = serializers.CharField()
    zones = IndicatorRowSerializer(many=True)


class IndicatorsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    month = serializers.IntegerField()
    rows = IndicatorRowSerializer(many=True, help_text="A zone's indicators (a zone's dashboard).")
    comparison = IndicatorComparisonSerializer(
        many=True, help_text="Every zone's, indicator by indicator (the city's dashboard)."
    )


class ProjectFiguresSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    by_stage = serializers.DictField(child=serializers.IntegerField())
    signing_rate = serializers.DecimalField(max_digits=6, decimal_places=1, allow_null=True)
    start_rate = serializers.DecimalField(max_digits=6, decimal_places=1, allow_null=True)
    production_rate = serializers.DecimalField(max_digits=6, decimal_places=1, allow_null=True)
    year_planned_investment = serializers.DecimalField(max_digits=16, decimal_places=2)
    invested_this_year = serializers.DecimalField(max_digits=16, decimal_places=2)
    year_completion = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    behind = serializers.IntegerField()


class ProblemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project = serializers.IntegerField()
    zone = serializers.IntegerField()
    project_name = serializers.CharField()
    description = serializers.CharField()
    raised_on = serializers.DateField()
    due_date = serializers.DateField(allow_null=True)


class DashboardSerializer(serializers.Serializer):
    zone = serializers.IntegerField(allow_null=True)
    year = serializers.IntegerField()
    tasks_by_unit = UnitTasksSerializer(many=True)
    zones = ZoneFiguresSerializer(many=True)
    overdue = OverdueSerializer(many=True)
    indicators = IndicatorsSerializer()
    projects = ProjectFiguresSerializer()
    open_problems = ProblemSerializer(many=True)


class DashboardQuerySerializer(serializers.Serializer):
    zone = serializers.IntegerField(required=False, allow_null=True)
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)

    def validate_zone(self, zone_id):
        """Checked against the zones' ids read through the cache: no query for the zone on a cached
        dashboard."""
        if zone_id is not None and zone_id not in zone_names():
            message = serializers.PrimaryKeyRelatedField.default_error_messages["does_not_exist"]
            raise serializers.ValidationError(message.format(pk_value=zone_id))
        return zone_id


def ensure_can_see_dashboard(user) -> None:
    roles = roles_of(user)
    if not (roles.is_leader or roles.is_planner):
        raise PermissionDenied("The dashboard is for leaders and planners.")


class DashboardSummaryView(APIView):
    """The figures the leadership dashboard shows, for a zone or (without one) the whole city."""

    @extend_schema(
        parameters=[DashboardQuerySerializer], responses={200: DashboardSerializer, 400: None, 403: None}
    )
    def get(self, request):
        ensure_can_see_dashboard(request.user)
        query = DashboardQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        today = timezone.localdate()
        year = query.validated_data.get("year", today.year)
        return Response(cached_dashboard(zone=query.validated_data.get("zone"), year=year, today=today))


def cached_dashboard(*, zone: Zone | int | None, year: int, today, timeout: int = TIMEOUT) -> dict:
    """The dashboard, computed once per data version (see zoneplan.core.datacache) from three parts cached
    apart: the task counts and the project figures (each zone's; the city's added up from every zone's) and
    the indicator rows. A filing recomputes its zone's task counts alone, a project's report its zone's
    project figures alone; new indicator figures the indicator rows alone; a save of reference data (a unit's
    or a zone's name, a calendar day) none of them: the counts keep units and zones by id, named here, and
    lateness is counted here. `zone`: the zone, or its id when it is not loaded (then read only if the figures
    are computed); None: the city. `timeout`: how long the values are kept (they are keyed on the data
    versions, never stale; a request's are kept 15 minutes, so the cache, shared with the broker, holds few
    replaced ones)."""
    zone_id = zone.pk if isinstance(zone, Zone) else zone
    key = zone_id or "city"
    projects_scope = projects_of(zone_id) if zone_id else ALL_PROJECTS

    def compute() -> dict:
        shown = zone if isinstance(zone, Zone) else (Zone.objects.get(pk=zone_id) if zone_id else None)
        zones = [zone_id] if zone_id else zone_ids()
        plans = published_plans(zones)
        tasks = task_counts(plans, timeout=timeout)
        projects = project_totals(zones, year, today, timeout=timeout)
        indicators = cached(
            "dashboard-indicators",
            (key, today.isoformat()),
            lambda: dashboard_indicators(shown),
            scope=INDICATORS,
            timeout=timeout,
        )
        summary = dashboard_summary(
            zone=shown,
            year=year,
            today=today,
            plans=plans,
            tasks=tasks,
            projects=projects,
            indicators=indicators,
        )
        return dict(DashboardSerializer(summary).data)

    return cached(
        "dashboard",
        (key, year, today.isoformat(), get_language()),
        compute,
        scope=(TaskCounts(zone_id) if zone_id else ALL_COUNTS, projects_scope, INDICATORS),
        timeout=timeout,
    )


def task_counts(plans: dict[int, tuple[int, str]], *, timeout: int = TIMEOUT) -> dict:
    """The task counts of these published plans (`published_plans`) added up, each plan's cached apart
    (`PlanTasks`): the plans not cached are counted together (a fixed number of queries, whatever their
    number) and each is cached, so after a filing a zone or the city counts the filing's plan again (2,000
    tasks), not its zone or the city. They read neither names nor the day nor the calendar, so neither a
    renamed unit or zone, a new holiday nor the next day counts them again."""
    parts = cached_apart(
        "dashboard-task-counts",
        (),
        list(plans),
        lambda missing: task_figures({pk: plans[pk] for pk in missing}),
        scope=lambda pk: TaskCounts(plans[pk][0], pk),
        reads_reference=False,
        timeout=timeout,
    )
    return merge_task_figures(parts)


def project_totals(zones: list[int], year: int, today, *, timeout: int = TIMEOUT) -> dict:
    """The key-project figures of these zones added up, each zone's rows cached apart (as `task_counts`):
    after a project's report the city sums that zone's projects again, not the city's 5,000."""
    parts = cached_apart(
        "dashboard-project-rows",
        (year, today.isoformat()),
        zones,
        lambda missing: project_parts(missing, year=year, today=today),
        scope=projects_of,
        reads_reference=False,
        timeout=timeout,
    )
    return project_figures([parts[pk] for pk in zones], year=year)


def warm_dashboards(today) -> None:
    """Compute the city's dashboard (every zone's task counts, the projects, the indicators) ahead of its
    first reader: after the daily overdue scan (01:30), which changes the counts of the zones it flagged tasks
    in. Kept for the day, so that the morning's first reader finds them; one set a day."""
    cached_dashboard(zone=None, year=today.year, today=today, timeout=DAY)
