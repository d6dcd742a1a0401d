"""Routing shells: querysets from selectors, input checked by serializers, every write a service call."""

from datetime import timedelta

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from organisation.roles import roles_of
from plans import services
from plans.api.renderers import outline_dicts, task_dicts
from plans.api.serializers import (
    CloseOutApplySerializer,
    CloseOutDecisionSerializer,
    CloseOutSerializer,
    DecisionSerializer,
    ExtensionCreateSerializer,
    ExtensionRequestSerializer,
    MoveSerializer,
    OutlineTaskSerializer,
    PlanSerializer,
    PlanWriteSerializer,
    ProgressCreateSerializer,
    ProgressReportSerializer,
    ProgressReviewSerializer,
    RankingQuerySerializer,
    SendBackSerializer,
    TaskSerializer,
    TaskUpdateSerializer,
    TaskWriteSerializer,
    UnitTimelinessSerializer,
    WorkdaysQuerySerializer,
    WorkdaysSerializer,
)
from plans.filters import PlanFilterSet, TaskFilterSet
from plans.models import Task
from plans.rollup import roll_up
from plans.rows import outline_rows, task_rows
from plans.selectors import plans_visible_to, reports_visible_to, tasks_visible_to
from plans.services.tasks import TargetSpec
from plans.timeliness import unit_timeliness
from zoneplan.core.api.views import UPDATE_ERRORS, WRITE_ERRORS, VersionedUpdateMixin, cached_json
from zoneplan.core.datacache import PlanTasks
from zoneplan.core.permissions import ensure_perm
from zoneplan.core.workdays import WorkdayCalendar


class UnitRankingView(APIView):
    """Units of a zone's plans ranked by timeliness for a month (通报排名): `/api/v1/units/ranking/`."""

    @extend_schema(
        operation_id="v1_units_ranking_list",
        parameters=[RankingQuerySerializer],
        responses={200: UnitTimelinessSerializer(many=True), 400: None},
    )
    def get(self, request):
        query = RankingQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        rows = unit_timeliness(zone_id=data["zone"].pk, year=data["year"], month=data["month"])
        return Response(UnitTimelinessSerializer(rows, many=True).data)


@extend_schema_view(
    create=extend_schema(request=PlanWriteSerializer, responses={201: PlanSerializer, **WRITE_ERRORS}),
    partial_update=extend_schema(
        request=PlanWriteSerializer, responses={200: PlanSerializer, **UPDATE_ERRORS}
    ),
)
class PlanViewSet(VersionedUpdateMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    change_permission = "plans.change_plan"
    serializer_class = PlanSerializer
    update_serializer_class = PlanWriteSerializer
    output_serializer_class = PlanSerializer
    filterset_class = PlanFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return plans_visible_to(self.request.user)

    def create(self, request, *args, **kwargs):
        if not roles_of(request.user).is_planner:  # permission before validation: no zone is theirs to plan
            raise PermissionDenied(_("Only planners create plans."))
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
        plan = self.get_object()
        today = timezone.localdate()

        def compute():
            roots = outline_rows(plan, today=today)
            roll_up(plan, roots)
            return outline_dicts(roots)

        return cached_json(
            "outline",
            (plan.pk, today.isoformat(), get_language()),
            compute,
            scope=PlanTasks(plan.pk, plan.zone_id),
        )  # its own tasks: not its zone's other plans'

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


def ensure_sees_supervision(user, task) -> None:
    if not user.has_perm("plans.view_task_supervision", task):
        raise PermissionDenied(_("Only the task's units and its zone's planners and leaders see this."))


class SupervisionActionsMixin:
    """Extension requests and close-out on `/api/v1/tasks/{id}/…`."""

    @extend_schema(
        methods=["GET"], responses={200: ExtensionRequestSerializer(many=True), 404: WRITE_ERRORS[404]}
    )
    @extend_schema(
        methods=["POST"],
        request=ExtensionCreateSerializer,
        responses={201: ExtensionRequestSerializer, **WRITE_ERRORS},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="extension-requests",
        pagination_class=None,
        filterset_class=None,
    )
    def extension_requests(self, request, pk=None):
        task = self.get_object()
        if request.method == "GET":
            ensure_sees_supervision(request.user, task)
            return Response(ExtensionRequestSerializer(task.extensions.all(), many=True).data)
        ensure_perm(request.user, "plans.lead_task", task)  # permission before validation
        serializer = ExtensionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = services.extension_request(actor=request.user, task=task, **serializer.validated_data)
        return Response(ExtensionRequestSerializer(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DecisionSerializer, responses={200: ExtensionRequestSerializer, **WRITE_ERRORS})
    @action(
        detail=True,
        methods=["post"],
        url_path=r"extension-requests/(?P<rid>\d+)/decide",
        filterset_class=None,
    )
    def decide_extension(self, request, pk=None, rid=None):
        task = self.get_object()
        ensure_perm(request.user, "plans.change_task", task)
        extension = get_object_or_404(task.extensions, pk=rid)
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        decided = services.extension_decide(
            actor=request.user,
            request=extension,
            approve=serializer.validated_data["decision"] == "approve",
            comment=serializer.validated_data["comment"],
        )
        return Response(ExtensionRequestSerializer(decided).data)

    @extend_schema(methods=["GET"], responses={200: CloseOutSerializer(many=True), 404: WRITE_ERRORS[404]})
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": CloseOutApplySerializer, "application/json": CloseOutApplySerializer},
        responses={201: CloseOutSerializer, **WRITE_ERRORS},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="close-out",
        pagination_class=None,
        filterset_class=None,
        parser_classes=[JSONParser, MultiPartParser, FormParser],
    )
    def close_out(self, request, pk=None):
        task = self.get_object()
        if request.method == "GET":
            ensure_sees_supervision(request.user, task)
            return Response(CloseOutSerializer(task.close_outs.all(), many=True).data)
        ensure_perm(request.user, "plans.lead_task", task)
        serializer = CloseOutApplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        applied = services.closeout_apply(actor=request.user, task=task, **serializer.validated_data)
        return Response(CloseOutSerializer(applied).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CloseOutDecisionSerializer, responses={200: CloseOutSerializer, **UPDATE_ERRORS})
    @action(detail=True, methods=["post"], url_path="close-out/verify", filterset_class=None)
    def verify_close_out(self, request, pk=None):
        task = self.get_object()
        ensure_perm(request.user, "plans.change_task", task)
        serializer = CloseOutDecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        closed = services.closeout_verify(actor=request.user, task=task, **serializer.validated_data)
        return Response(CloseOutSerializer(closed).data)

    @extend_schema(request=SendBackSerializer, responses={200: CloseOutSerializer, **UPDATE_ERRORS})
    @action(detail=True, methods=["post"], url_path="close-out/send-back", filterset_class=None)
    def send_back_close_out(self, request, pk=None):
        task = self.get_object()
        ensure_perm(request.user, "plans.change_task", task)
        serializer = SendBackSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        sent_back = services.closeout_send_back(
            actor=request.user, task=task, reason=serializer.validated_data["reason"]
        )
        return Response(CloseOutSerializer(sent_back).data)


@extend_schema_view(
    create=extend_schema(request=TaskWriteSerializer, responses={201: TaskSerializer, **WRITE_ERRORS}),
    partial_update=extend_schema(
        request=TaskUpdateSerializer, responses={200: TaskSerializer, **UPDATE_ERRORS}
    ),
    destroy=extend_schema(responses={204: None, **WRITE_ERRORS}),
)
class TaskViewSet(
    SupervisionActionsMixin,
    VersionedUpdateMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    change_permission = "plans.change_task"
    serializer_class = TaskSerializer
    update_serializer_class = TaskUpdateSerializer
    output_serializer_class = TaskSerializer
    filterset_class = TaskFilterSet
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        tasks = tasks_visible_to(self.request.user)
        # rows: `task_rows`
        return tasks.prefetch_related(None) if self.action in ("list", "retrieve") else tasks

    @property
    def list_is_short(self) -> bool:
        """A unit's tasks are few (about a thousand at city scale): paged keys first
        (`KeysFirstPaginator`)."""
        return self.action == "list" and any(
            self.request.query_params.get(name) for name in ("unit", "lead_unit")
        )

    def rows_by_key(self, keys) -> dict:
        return Task.objects.select_related("plan").in_bulk(keys)

    def list(self, request, *args, **kwargs):
        page = task_rows(
            self.paginate_queryset(self.filter_queryset(self.get_queryset())), today=timezone.localdate()
        )
        return self.get_paginated_response(task_dicts(page))

    def create(self, request, *args, **kwargs):
        if not roles_of(request.user).is_planner:  # permission before validation: no plan is theirs to edit
            raise PermissionDenied(_("Only planners add tasks."))
        serializer = TaskWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = _target_specs(
            {key: value for key, value in serializer.validated_data.items() if key != "version"}
        )
        task = services.task_create(actor=request.user, **data)
        return Response(self.get_serializer(task).data, status=status.HTTP_201_CREATED)

    def perform_versioned_update(self, task, version, changes):
        updated = services.task_update(
            actor=self.request.user, task=task, expected_version=version, **_target_specs(changes)
        )
        return updated

    def perform_destroy(self, instance):
        services.task_delete(actor=self.request.user, task=instance)

    @extend_schema(request=MoveSerializer, responses={200: TaskSerializer, **UPDATE_ERRORS})
    @action(detail=True, methods=["post"], filterset_class=None)
    def move(self, request, pk=None):
        """Move the task up, down, indent or outdent in its plan's outline; labels are renumbered."""
        task = self.get_object()
        ensure_perm(request.user, "plans.change_task", task)
        serializer = MoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        task = services.task_move(
            actor=request.user,
            task=task,
            direction=serializer.validated_data["direction"],
            expected_version=serializer.validated_data["version"],
        )
        return Response(self.get_serializer(task).data)

    @extend_schema(
        methods=["GET"],
        responses={200: ProgressReportSerializer(many=True)},
        parameters=[OpenApiParameter("page", int, required=False)],
    )
    @extend_schema(
        methods=["POST"],
        request={
            "multipart/form-data": ProgressCreateSerializer,
            "application/json": ProgressCreateSerializer,
        },
        responses={201: ProgressReportSerializer, **WRITE_ERRORS},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=[JSONParser, MultiPartParser, FormParser],
        filterset_class=None,
    )
    def progress(self, request, pk=None):
        task = self.get_object()
        if request.method == "GET":
            reports = reports_visible_to(request.user).filter(task=task)
            page = self.paginate_queryset(reports)
            return self.get_paginated_response(ProgressReportSerializer(page, many=True).data)
        ensure_perm(request.user, "plans.report_progress", task)
        serializer = ProgressCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = services.progress_submit(actor=request.user, task=task, **serializer.validated_data)
        return Response(ProgressReportSerializer(report).data, status=status.HTTP_201_CREATED)


class ProgressViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ProgressReportSerializer
    filterset_fields = ["task", "unit", "review_state", "period"]

    def get_queryset(self):
        return reports_visible_to(self.request.user)

    @extend_schema(
        request=ProgressReviewSerializer, responses={200: ProgressReportSerializer, **UPDATE_ERRORS}
    )
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        report = self.get_object()
        ensure_perm(request.user, "plans.review_progressreport", report)
        serializer = ProgressReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = services.progress_review(
            actor=request.user,
            report=report,
            accept=serializer.validated_data["action"] == "accept",
            comment=serializer.validated_data["comment"],
        )
        return Response(ProgressReportSerializer(report).data)


class WorkdaysView(APIView):
    """The working-day calendar: statutory holidays and make-up working days (调休)."""

    @extend_schema(
        parameters=[WorkdaysQuerySerializer], responses={200: WorkdaysSerializer, 400: WRITE_ERRORS[400]}
    )
    def get(self, request):
        query = WorkdaysQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        start, end = query.validated_data["start"], query.validated_data["end"]
        calendar = WorkdayCalendar()
        days = [start + timedelta(days=offset) for offset in range((end - start).days + 1)]
        marked = [{"date": day, "is_workday": calendar.is_workday(day)} for day in days]
        return Response({"workdays": sum(day["is_workday"] for day in marked), "days": marked})
