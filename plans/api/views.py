"""Routing shells: querysets from selectors, input checked by serializers, every write a service call."""

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from plans import services
from plans.api.instructions import InstructionActionsMixin
from plans.api.serializers import (
    OutlineTaskSerializer,
    PlanSerializer,
    PlanWriteSerializer,
    ProgressCreateSerializer,
    ProgressReportSerializer,
    ProgressReviewSerializer,
    TaskSerializer,
    TaskUpdateSerializer,
    TaskWriteSerializer,
    UnitSerializer,
    ZoneSerializer,
)
from plans.filters import PlanFilterSet, TaskFilterSet
from plans.models import Unit, UnitAlias, Zone
from plans.selectors import plan_outline, plans_visible_to, reports_visible_to, tasks_visible_to
from plans.services.tasks import TargetSpec
from zoneplan.core.api.views import UPDATE_ERRORS, WRITE_ERRORS, VersionedUpdateMixin


class ZoneViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Zone.objects.all()
    serializer_class = ZoneSerializer


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Unit.objects.prefetch_related(Prefetch("aliases", queryset=UnitAlias.objects.only("unit_id", "name")))
    serializer_class = UnitSerializer
    filterset_fields = ["kind", "zone", "parent"]


@extend_schema_view(
    create=extend_schema(request=PlanWriteSerializer, responses={201: PlanSerializer, **WRITE_ERRORS}),
    partial_update=extend_schema(request=PlanWriteSerializer, responses={200: PlanSerializer, **UPDATE_ERRORS}),
)
class PlanViewSet(VersionedUpdateMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = PlanSerializer
    update_serializer_class = PlanWriteSerializer
    output_serializer_class = PlanSerializer
    filterset_class = PlanFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return plans_visible_to(self.request.user)

    def create(self, request, *args, **kwargs):
        serializer = PlanWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = {key: value for key, value in serializer.validated_data.items() if key != "version"}
        plan = services.plan_create(actor=request.user, **data)
        return Response(PlanSerializer(plan).data, status=status.HTTP_201_CREATED)

    def perform_versioned_update(self, plan, version, changes):
        return services.plan_update(actor=self.request.user, plan=plan, expected_version=version, **changes)

    @extend_schema(responses={200: OutlineTaskSerializer(many=True), 404: WRITE_ERRORS[404]})
    @action(detail=True, methods=["get"])
    def outline(self, request, pk=None):
        nodes = plan_outline(plan=self.get_object())
        return Response(OutlineTaskSerializer(nodes, many=True).data)

    @extend_schema(request=None, responses={200: PlanSerializer, **WRITE_ERRORS})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        plan = services.plan_publish(actor=request.user, plan=self.get_object())
        return Response(PlanSerializer(plan).data)

    @extend_schema(request=None, responses={200: PlanSerializer, **WRITE_ERRORS})
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        plan = services.plan_archive(actor=request.user, plan=self.get_object())
        return Response(PlanSerializer(plan).data)


def _target_specs(data: dict) -> dict:
    if "targets" in data:
        data["targets"] = [TargetSpec(**target) for target in data["targets"]]
    return data


@extend_schema_view(
    create=extend_schema(request=TaskWriteSerializer, responses={201: TaskSerializer, **WRITE_ERRORS}),
    partial_update=extend_schema(request=TaskUpdateSerializer, responses={200: TaskSerializer, **UPDATE_ERRORS}),
    destroy=extend_schema(responses={204: None, **WRITE_ERRORS}),
)
class TaskViewSet(
    InstructionActionsMixin,
    VersionedUpdateMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    serializer_class = TaskSerializer
    update_serializer_class = TaskUpdateSerializer
    output_serializer_class = TaskSerializer
    filterset_class = TaskFilterSet
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return tasks_visible_to(self.request.user).prefetch_related("targets")

    def create(self, request, *args, **kwargs):
        serializer = TaskWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = _target_specs({key: value for key, value in serializer.validated_data.items() if key != "version"})
        task = services.task_create(actor=request.user, **data)
        return Response(TaskSerializer(task).data, status=status.HTTP_201_CREATED)

    def perform_versioned_update(self, task, version, changes):
        return services.task_update(
            actor=self.request.user, task=task, expected_version=version, **_target_specs(changes)
        )

    def perform_destroy(self, instance):
        services.task_delete(actor=self.request.user, task=instance)

    @extend_schema(
        methods=["GET"],
        responses={200: ProgressReportSerializer(many=True)},
        parameters=[OpenApiParameter("page", int, required=False)],
    )
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": ProgressCreateSerializer, "application/json": ProgressCreateSerializer},
        responses={201: ProgressReportSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["get", "post"], parser_classes=[JSONParser, MultiPartParser, FormParser])
    def progress(self, request, pk=None):
        task = self.get_object()
        if request.method == "GET":
            reports = reports_visible_to(request.user).filter(task=task)
            page = self.paginate_queryset(reports)
            return self.get_paginated_response(ProgressReportSerializer(page, many=True).data)
        serializer = ProgressCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = services.progress_submit(actor=request.user, task=task, **serializer.validated_data)
        return Response(ProgressReportSerializer(report).data, status=status.HTTP_201_CREATED)


class ProgressViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ProgressReportSerializer
    filterset_fields = ["task", "unit", "review_state", "period"]

    def get_queryset(self):
        return reports_visible_to(self.request.user)

    @extend_schema(request=ProgressReviewSerializer, responses={200: ProgressReportSerializer, **UPDATE_ERRORS})
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        serializer = ProgressReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = services.progress_review(
            actor=request.user,
            report=self.get_object(),
            accept=serializer.validated_data["action"] == "accept",
            comment=serializer.validated_data["comment"],
        )
        return Response(ProgressReportSerializer(report).data)
