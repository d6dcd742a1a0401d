"""Routing shells for indicators: querysets from selectors, every write one service call."""

from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from indicators import services
from indicators.api.serializers import (
    BulkValuesSerializer,
    IndicatorSerializer,
    IndicatorTargetSerializer,
    IndicatorTargetWriteSerializer,
    IndicatorValueSerializer,
    ReviewMonthSerializer,
    ReviewResultSerializer,
    SummaryQuerySerializer,
    SummaryRowSerializer,
)
from indicators.filters import IndicatorTargetFilterSet, IndicatorValueFilterSet
from indicators.models import Indicator, IndicatorTarget
from indicators.selectors import indicator_rows, last_month, peer_zones, values_visible_to
from organisation.models import Zone
from zoneplan.core.api.views import UPDATE_ERRORS, WRITE_ERRORS, cached_json
from zoneplan.core.datacache import INDICATORS


@extend_schema_view(create=extend_schema(responses={201: IndicatorSerializer, **WRITE_ERRORS}))
class IndicatorViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Indicator.objects.all()
    serializer_class = IndicatorSerializer
    filterset_fields = ["kind", "is_active"]

    def perform_create(self, serializer):
        serializer.instance = services.indicator_create(actor=self.request.user, **serializer.validated_data)

    @extend_schema(
        parameters=[SummaryQuerySerializer], responses={200: SummaryRowSerializer(many=True), **WRITE_ERRORS}
    )
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def summary(self, request):
        """Every indicator of a zone (or of all zones of a parent) for a month, with its derived figures."""
        query = SummaryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        default_year, default_month = last_month()
        year, month = (
            query.validated_data.get("year", default_year),
            query.validated_data.get("month", default_month),
        )
        if "zone" in query.validated_data:
            zone = query.validated_data["zone"]
            zones, rank_among = [zone], peer_zones(zone)
        else:
            zones = list(Zone.objects.filter(parent=query.validated_data["parent"]).order_by("name"))
            rank_among = zones
        key = (",".join(str(zone.pk) for zone in zones), year, month, get_language())

        def rows():
            rows = indicator_rows(zones=zones, year=year, month=month, rank_among=rank_among)
            return SummaryRowSerializer(rows, many=True).data

        return cached_json("indicator-summary", key, rows, scope=INDICATORS)


@extend_schema_view(
    create=extend_schema(
        request=IndicatorTargetWriteSerializer,
        responses={201: IndicatorTargetSerializer, **UPDATE_ERRORS},
        description=(
            "Sets a zone's target for an indicator and year; changing an existing one needs its `version`."
        ),
    )
)
class IndicatorTargetViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = IndicatorTarget.objects.select_related("indicator", "zone")
    serializer_class = IndicatorTargetSerializer
    filterset_class = IndicatorTargetFilterSet

    def create(self, request, *args, **kwargs):
        serializer = IndicatorTargetWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        target = services.target_set(actor=request.user, expected_version=data.pop("version", None), **data)
        return Response(IndicatorTargetSerializer(target).data, status=status.HTTP_201_CREATED)


class IndicatorValueViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorValueSerializer
    filterset_class = IndicatorValueFilterSet

    def get_queryset(self):
        return values_visible_to(self.request.user)

    @extend_schema(
        request=BulkValuesSerializer, responses={200: IndicatorValueSerializer(many=True), **UPDATE_ERRORS}
    )
    @action(detail=False, methods=["post"], filterset_class=None)
    def bulk(self, request):
        """Save one zone's month for many indicators at once (insert or update), optionally submitting it."""
        serializer = BulkValuesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        saved = services.values_save(
            actor=request.user,
            zone=data["zone"],
            year=data["year"],
            month=data["month"],
            submit=data["submit"],
            entries=[services.Entry(**entry) for entry in data["values"]],
        )
        return Response(IndicatorValueSerializer(saved, many=True).data)

    @extend_schema(request=ReviewMonthSerializer, responses={200: ReviewResultSerializer, **WRITE_ERRORS})
    @action(detail=False, methods=["post"], filterset_class=None)
    def review(self, request):
        """Approve a zone's submitted month, or return it with a reason."""
        serializer = ReviewMonthSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        count = services.values_review(
            actor=request.user,
            zone=data["zone"],
            year=data["year"],
            month=data["month"],
            approve=data["action"] == "approve",
            comment=data["comment"],
        )
        return Response({"reviewed": count})
