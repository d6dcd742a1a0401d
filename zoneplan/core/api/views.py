"""Pieces every API viewset shares: documented error answers and PATCH with optimistic locking."""

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.response import Response

from zoneplan.core.api.renderers import JSONRenderer
from zoneplan.core.api.versioning import etag, expected_version
from zoneplan.core.datacache import cached
from zoneplan.core.permissions import ensure_perm


class ConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    current_version = serializers.IntegerField(allow_null=True)


WRITE_ERRORS = {
    400: OpenApiResponse(description="Invalid input; field messages in the body."),
    403: OpenApiResponse(description="Your role or unit does not allow this."),
    404: OpenApiResponse(description="No such object among those you can see."),
}
UPDATE_ERRORS = {
    **WRITE_ERRORS,
    409: OpenApiResponse(ConflictSerializer, description="Changed since you read it."),
}


def cached_json(name: str, parts: tuple, compute, *, scope) -> HttpResponse:
    """`compute()`'s data as a JSON response, cached as the rendered bytes (see `datacache.cached`): a warm
    request sends them as they are. Caching the data instead meant unpickling and rendering it on every
    request, most of a warm 2,000-task outline's time, and pickling it on a cold one."""
    body = cached(f"{name}-json", parts, lambda: JSONRenderer().render(compute()), scope=scope)
    return HttpResponse(body, content_type="application/json")


class VersionedUpdateMixin:
    """PATCH with optimistic locking: 409 and the current version when the object changed meanwhile. Whether
    the user may change the object (`change_permission`) is decided first: 403 before any 400."""

    update_serializer_class = None
    output_serializer_class = None
    change_permission: str = ""

    def partial_update(self, request, *args, **kwargs):
        instance = self.get_object()
        ensure_perm(request.user, self.change_permission, instance)
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
