"""Routing shells for key projects: querysets from selectors, every write one service call."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from organisation.models import Zone
from projects import services
from projects.api.serializers import (
    IssueResolveSerializer,
    MilestoneSerializer,
    MilestoneWriteSerializer,
    ProjectIssueSerializer,
    ProjectIssueUpdateSerializer,
    ProjectIssueWriteSerializer,
    ProjectReportSerializer,
    ProjectReportUpdateSerializer,
    ProjectReportWriteSerializer,
    ProjectSerializer,
    ProjectSummarySerializer,
    ProjectUpdateSerializer,
    ProjectWriteSerializer,
    StageMoveSerializer,
)
from projects.filters import ProjectFilterSet
from projects.selectors import (
    milestones_with_lateness,
    monthly_investment,
    project_summary,
    projects_visible_to,
    with_figures,
)
from zoneplan.core.api.versioning import expected_version
from zoneplan.core.api.views import UPDATE_ERRORS, WRITE_ERRORS, VersionedUpdateMixin
from zoneplan.core.text import whole_number


def _without_version(data: dict) -> dict:
    return {key: value for key, value in data.items() if key != "version"}


def figures_year(request) -> int:
    """Figures are for the list year asked for, or this year; a year that is not one is refused."""
    year = request.query_params.get("year")
    if year is None:
        return timezone.localdate().year
    if whole_number(year, low=2000, high=2100) is None:
        raise serializers.ValidationError({"year": [_("Enter a year between 2000 and 2100.")]})
    return int(year)


@extend_schema_view(
    create=extend_schema(request=ProjectWriteSerializer, responses={201: ProjectSerializer, **WRITE_ERRORS}),
    partial_update=extend_schema(
        request=ProjectUpdateSerializer, responses={200: ProjectSerializer, **UPDATE_ERRORS}
    ),
)
class ProjectViewSet(VersionedUpdateMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    change_permission = "projects.change_project"
    serializer_class = ProjectSerializer
    update_serializer_class = ProjectUpdateSerializer
    output_serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        projects = projects_visible_to(self.request.user).order_by("zone_id", "name", "pk")
        return with_figures(projects, year=figures_year(self.request), today=timezone.localdate())

    def create(self, request, *args, **kwargs):
        serializer = ProjectWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        project = services.project_create(actor=request.user, **_without_version(serializer.validated_data))
        return Response(
            ProjectSerializer(self.get_queryset().get(pk=project.pk)).data, status=status.HTTP_201_CREATED
        )

    def perform_versioned_update(self, project, version, changes):
        services.project_update(actor=self.request.user, project=project, expected_version=version, **changes)
        return self.get_queryset().get(pk=project.pk)

    @extend_schema(request=StageMoveSerializer, responses={200: ProjectSerializer, **UPDATE_ERRORS})
    @action(detail=True, methods=["post"])
    def stage(self, request, pk=None):
        serializer = StageMoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        project = services.project_move_stage(
            actor=request.user, project=self.get_object(), expected_version=data.pop("version"), **data
        )
        return Response(ProjectSerializer(self.get_queryset().get(pk=project.pk)).data)

    @extend_schema(
        parameters=[
            OpenApiParameter("zone", int, description="A zone; all zones when left out."),
            OpenApiParameter("year", int, description="The list year; this year when left out."),
        ],
        responses={200: ProjectSummarySerializer, 400: WRITE_ERRORS[400]},
    )
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def summary(self, request):
        projects = projects_visible_to(request.user)
        zone = request.query_params.get("zone")
        if zone:
            if whole_number(zone) is None or not Zone.objects.filter(pk=zone).exists():
                raise serializers.ValidationError({"zone": ["No such zone."]})
            projects = projects.filter(zone_id=zone)
        summary = project_summary(projects=projects, year=figures_year(request), today=timezone.localdate())
        return Response(ProjectSummarySerializer(summary).data)


class ProjectChildViewSet(viewsets.GenericViewSet):
    """Milestones, reports and problems of one project, at /projects/{project_pk}/…/."""

    pagination_class = None
    filter_backends = []
    update_serializer_class = None

    def get_project(self):
        if not hasattr(self, "_project"):
            self._project = get_object_or_404(
                projects_visible_to(self.request.user), pk=self.kwargs["project_pk"]
            )
        return self._project

    def list(self, request, project_pk=None):
        return Response(self.get_serializer(self.get_list(), many=True).data)

    def create(self, request, project_pk=None):
        serializer = self.create_serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = self.perform_create_service(_without_version(serializer.validated_data))
        return Response(self.get_serializer(created).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, project_pk=None, pk=None):
        instance = self.get_object()
        version = expected_version(request)
        serializer = self.update_serializer_class(instance, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        updated = self.perform_update_service(instance, version, _without_version(serializer.validated_data))
        return Response(self.get_serializer(updated).data)

    def get_list(self):
        return self.get_queryset()


@extend_schema_view(
    create=extend_schema(
        request=MilestoneWriteSerializer, responses={201: MilestoneSerializer, **WRITE_ERRORS}
    ),
    partial_update=extend_schema(
        request=MilestoneWriteSerializer,
        responses={200: MilestoneSerializer, **UPDATE_ERRORS},
        description="Planners change `name` and `planned_date`; the responsible unit records `actual_date`.",
    ),
    destroy=extend_schema(responses={204: None, **WRITE_ERRORS}),
)
class MilestoneViewSet(ProjectChildViewSet, mixins.RetrieveModelMixin, mixins.DestroyModelMixin):
    serializer_class = MilestoneSerializer
    create_serializer_class = MilestoneWriteSerializer
    update_serializer_class = MilestoneWriteSerializer

    def get_queryset(self):
        return self.get_project().milestones.all()

    def get_list(self):
        return milestones_with_lateness(self.get_project(), today=timezone.localdate())

    def perform_create_service(self, data):
        data.pop("actual_date", None)
        return services.milestone_create(actor=self.request.user, project=self.get_project(), **data)

    def perform_update_service(self, milestone, version, changes):
        if "actual_date" in changes:
            if len(changes) > 1:
                raise serializers.ValidationError(
                    {"actual_date": ["Record the actual date on its own, apart from schedule changes."]}
                )
            return services.milestone_record(
                actor=self.request.user, milestone=milestone, expected_version=version, **changes
            )
        return services.milestone_update(
            actor=self.request.user, milestone=milestone, expected_version=version, **changes
        )

    def perform_destroy(self, milestone):
        services.milestone_delete(actor=self.request.user, milestone=milestone)


@extend_schema_view(
    create=extend_schema(
        request=ProjectReportWriteSerializer, responses={201: ProjectReportSerializer, **WRITE_ERRORS}
    ),
    partial_update=extend_schema(
        request=ProjectReportUpdateSerializer, responses={200: ProjectReportSerializer, **UPDATE_ERRORS}
    ),
)
class ProjectReportViewSet(ProjectChildViewSet, mixins.RetrieveModelMixin):
    serializer_class = ProjectReportSerializer
    create_serializer_class = ProjectReportWriteSerializer
    update_serializer_class = ProjectReportUpdateSerializer

    def get_queryset(self):
        return self.get_project().reports.select_related("author")

    def get_list(self):
        return monthly_investment(self.get_project())

    def perform_create_service(self, data):
        return services.report_submit(actor=self.request.user, project=self.get_project(), **data)

    def perform_update_service(self, report, version, changes):
        return services.report_update(
            actor=self.request.user, report=report, expected_version=version, **changes
        )


@extend_schema_view(
    create=extend_schema(
        request=ProjectIssueWriteSerializer, responses={201: ProjectIssueSerializer, **WRITE_ERRORS}
    ),
    partial_update=extend_schema(
        request=ProjectIssueUpdateSerializer, responses={200: ProjectIssueSerializer, **UPDATE_ERRORS}
    ),
)
class ProjectIssueViewSet(ProjectChildViewSet, mixins.RetrieveModelMixin):
    serializer_class = ProjectIssueSerializer
    create_serializer_class = ProjectIssueWriteSerializer
    update_serializer_class = ProjectIssueUpdateSerializer

    def get_queryset(self):
        return self.get_project().issues.select_related("responsible_unit")

    def perform_create_service(self, data):
        return services.issue_create(actor=self.request.user, project=self.get_project(), **data)

    def perform_update_service(self, issue, version, changes):
        return services.issue_update(
            actor=self.request.user, issue=issue, expected_version=version, **changes
        )

    @extend_schema(request=IssueResolveSerializer, responses={200: ProjectIssueSerializer, **UPDATE_ERRORS})
    @action(detail=True, methods=["post"])
    def resolve(self, request, project_pk=None, pk=None):
        serializer = IssueResolveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        issue = services.issue_resolve(
            actor=request.user, issue=self.get_object(), expected_version=data.pop("version"), **data
        )
        return Response(ProjectIssueSerializer(issue).data)
