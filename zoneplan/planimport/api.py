"""POST /api/v1/plans/import/: a plan from its document (.docx/.txt upload or text), parsed and, unless
`dry_run`, created in one transaction. The dry run answers with the parsed tree, as `importplan --json`."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from organisation.models import Zone
from plans.api.serializers import PlanSerializer
from plans.importing.document import DocumentError
from zoneplan.core.api.fields import StrictBooleanField
from zoneplan.core.api.views import WRITE_ERRORS
from zoneplan.planimport.reading import as_json, parse_document
from zoneplan.planimport.services import import_plan


class PlanImportSerializer(serializers.Serializer):
    zone = serializers.PrimaryKeyRelatedField(queryset=Zone.objects.all())
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    title = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="Left out: the document's first line."
    )
    document = serializers.FileField(required=False, help_text="A .docx or .txt file of at most 10 MB.")
    text = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, max_length=2_000_000
    )
    dry_run = StrictBooleanField(required=False, default=False)

    def validate(self, data):
        if not data.get("document") and not (data.get("text") or "").strip():
            raise serializers.ValidationError({"document": ["Upload a document or send its text."]})
        return data


class PlanImportView(APIView):
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        operation_id="v1_plans_import_create",
        request={"multipart/form-data": PlanImportSerializer, "application/json": PlanImportSerializer},
        responses={201: PlanSerializer, 200: OpenApiTypes.OBJECT, **WRITE_ERRORS},
    )
    def post(self, request):
        serializer = PlanImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if not request.user.has_perm("plans.add_plan", data["zone"]):
            raise PermissionDenied
        upload = data.get("document")
        try:
            parsed, goals = parse_document(
                upload.read() if upload else data["text"].encode("utf-8"),
                filename=upload.name if upload else "",
                year=data["year"],
            )
        except DocumentError as error:
            raise serializers.ValidationError({"document": [str(error)]}) from error
        read = as_json(parsed, goals)
        if data["dry_run"]:
            return Response(read)
        title = data.get("title") or read["title"]
        if not title:
            raise serializers.ValidationError(
                {"title": ["The document has no title on its first line: give the plan one."]}
            )
        plan = import_plan(
            actor=request.user, zone=data["zone"], year=data["year"], title=title, parsed=parsed
        )
        return Response(PlanSerializer(plan).data, status=status.HTTP_201_CREATED)
