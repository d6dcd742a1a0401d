"""Pieces every API viewset shares: documented error answers and PATCH with optimistic locking."""

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.response import Response

from zoneplan.core.api.versioning import etag, expected_version


class ConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    current_version = serializers.IntegerField(allow_null=True)


WRITE_ERRORS = {
    400: OpenApiResponse(description="Invalid input; field messages in the body."),
    403: OpenApiResponse(description="Your role or unit does not allow this."),
    404: OpenApiResponse(description="No such object among those you can see."),
}
UPDATE_ERRORS = {**WRITE_ERRORS, 409: OpenApiResponse(ConflictSerializer, description="Changed since you read it.")}


class VersionedUpdateMixin:
    """PATCH with optimistic locking: 409 and the current version when the object changed meanwhile."""

    update_serializer_class = None
    output_serializer_class = None

    def partial_update(self, request, *args, **kwargs):
        instance = self.get_object()
        version = expected_version(request)
        serializer = self.update_serializer_class(instance, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = {key: value for key, value in serializer.validated_data.items() if key != "version"}
        updated = self.perform_versioned_update(instance, version, changes)
        return self._with_etag(Response(self.output_serializer_class(updated).data), updated)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        return self._with_etag(Response(self.get_serializer(instance).data), instance)

    @staticmethod
    def _with_etag(response, instance):
        response["ETag"] = etag(instance.version)
        return response
