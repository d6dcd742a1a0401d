"""Background files in the API: POST a job (with the ledger as multipart for an import), poll it, download."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from zoneplan.core.api.fields import StrictBooleanField
from zoneplan.core.api.views import WRITE_ERRORS as ERRORS
from zoneplan.core.files import send_file
from zoneplan.reports.models import FileJob
from zoneplan.reports.selectors import jobs_visible_to
from zoneplan.reports.services import file_job_start


class FileJobSerializer(serializers.ModelSerializer):
    class Meta:
        model = FileJob
        fields = [
            "id",
            "kind",
            "params",
            "state",
            "progress",
            "filename",
            "result",
            "message",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields


class FileJobCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=FileJob.Kind.choices)
    plan = serializers.IntegerField(required=False, min_value=1)
    zone = serializers.IntegerField(required=False, min_value=1)
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    month = serializers.IntegerField(required=False, min_value=1, max_value=12)
    partial = StrictBooleanField(required=False, default=False)
    upload = serializers.FileField(required=False, help_text="The ledger (.xlsx), for the imports.")

    def validate(self, data):
        imports = (FileJob.Kind.TASK_LEDGER_IMPORT, FileJob.Kind.PROJECT_LEDGER_IMPORT)
        if data["kind"] in imports and not data.get("upload"):
            raise serializers.ValidationError({"upload": ["An import needs the ledger file."]})
        return data


class FileJobViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Exports, ledger imports and monthly reports, built in the background; poll `progress` and `state`."""

    queryset = FileJob.objects.none()
    serializer_class = FileJobSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    filterset_fields = ["kind", "state"]

    def get_queryset(self):
        return jobs_visible_to(self.request.user)

    @extend_schema(
        request={"multipart/form-data": FileJobCreateSerializer, "application/json": FileJobCreateSerializer},
        responses={202: FileJobSerializer, **ERRORS},
    )
    def create(self, request, *args, **kwargs):
        serializer = FileJobCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        kind, upload = data.pop("kind"), data.pop("upload", None)
        job = file_job_start(actor=request.user, kind=kind, params=data, upload=upload)
        return Response(FileJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, 404: ERRORS[404]})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        job = self.get_object()
        if not job.file:
            raise Http404
        return send_file(request, job.file, filename=job.filename or "download")
