"""Zones and units in the API, read-only (they are kept in the admin): `/api/v1/zones/`, `/api/v1/units/`."""

from django.db.models import Prefetch
from rest_framework import serializers, viewsets

from organisation.models import Unit, UnitAlias, Zone


class ZoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Zone
        fields = ["id", "name", "code", "level", "parent"]


class UnitSerializer(serializers.ModelSerializer):
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")

    class Meta:
        model = Unit
        fields = ["id", "name", "short_name", "kind", "parent", "zone", "aliases"]


class ZoneViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Zone.objects.all()
    serializer_class = ZoneSerializer


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Unit.objects.prefetch_related(
        Prefetch("aliases", queryset=UnitAlias.objects.only("unit_id", "name"))
    )
    serializer_class = UnitSerializer
    filterset_fields = ["kind", "zone", "parent"]
