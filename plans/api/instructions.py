"""Leaders' instructions (批示) in the API: on any task or project, and the addressed unit's reply."""

from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from plans import services
from plans.api.serializers import InstructionCreateSerializer, InstructionReplySerializer, InstructionSerializer
from plans.models import Instruction
from plans.selectors import instructions_for, instructions_visible_to
from zoneplan.core.api.views import WRITE_ERRORS as ERRORS


class InstructionActionsMixin:
    """Adds `{id}/instructions/` (GET the subject's instructions, POST a new one) to a detail viewset."""

    @extend_schema(methods=["GET"], responses={200: InstructionSerializer(many=True), 404: ERRORS[404]})
    @extend_schema(
        methods=["POST"], request=InstructionCreateSerializer, responses={201: InstructionSerializer, **ERRORS}
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def instructions(self, request, pk=None):
        subject = self.get_object()
        if request.method == "GET":
            return Response(InstructionSerializer(instructions_for(subject=subject, user=request.user), many=True).data)
        serializer = InstructionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instruction = services.instruction_create(actor=request.user, subject=subject, **serializer.validated_data)
        return Response(InstructionSerializer(instruction).data, status=status.HTTP_201_CREATED)


class InstructionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Instruction.objects.none()  # the model, for the schema; the rows come from get_queryset
    serializer_class = InstructionSerializer
    filterset_fields = ["unit"]

    def get_queryset(self):
        return instructions_visible_to(self.request.user)

    @extend_schema(request=InstructionReplySerializer, responses={200: InstructionSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        serializer = InstructionReplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instruction = services.instruction_reply(
            actor=request.user, instruction=self.get_object(), reply=serializer.validated_data["reply"]
        )
        return Response(InstructionSerializer(instruction).data)
