"""Leaders' instructions (批示) in the API: on any task or project, and the addressed unit's reply."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from organisation.models import Unit
from plans.selectors import tasks_visible_to
from projects.selectors import projects_visible_to
from zoneplan.core.api.views import WRITE_ERRORS as ERRORS
from zoneplan.instructions import services
from zoneplan.instructions.models import Instruction
from zoneplan.instructions.selectors import instructions_for, instructions_visible_to


class InstructionSerializer(serializers.ModelSerializer):
    subject_type = serializers.SlugRelatedField(slug_field="model", read_only=True)

    class Meta:
        model = Instruction
        fields = [
            "id",
            "subject_type",
            "subject_id",
            "unit",
            "author",
            "text",
            "created_at",
            "reply",
            "replied_by",
            "replied_at",
        ]
        read_only_fields = fields


class InstructionCreateSerializer(serializers.Serializer):
    unit = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.all(),
        required=False,
        help_text=_(
            "The unit that must reply: one of the subject's units; by default its (first) lead unit."
        ),
    )
    text = serializers.CharField(max_length=5000)


class InstructionReplySerializer(serializers.Serializer):
    reply = serializers.CharField(max_length=5000)


class SubjectInstructionsView(APIView):
    """`/api/v1/{tasks|projects}/{id}/instructions/`: GET the subject's instructions, POST a new one. The
    subject is looked up among those the user can see (404 otherwise)."""

    subjects = None  # set per route: the selector of the subjects the user can see
    pagination_class = None

    def subject(self, request, pk):
        return get_object_or_404(self.subjects(request.user), pk=pk)

    def get(self, request, pk):
        subject = self.subject(request, pk)
        return Response(
            InstructionSerializer(instructions_for(subject=subject, user=request.user), many=True).data
        )

    def post(self, request, pk):
        subject = self.subject(request, pk)
        if not request.user.has_perm("instructions.add_instruction", subject):  # permission before validation
            raise PermissionDenied(_("Only leaders in charge of this zone give instructions."))
        serializer = InstructionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instruction = services.instruction_create(
            actor=request.user, subject=subject, **serializer.validated_data
        )
        return Response(InstructionSerializer(instruction).data, status=status.HTTP_201_CREATED)


def subject_instructions_view(subjects, name: str):
    """The view of one kind of subject, documented with the operation ids the routers gave it before."""
    view = type(
        f"{name.title()}InstructionsView", (SubjectInstructionsView,), {"subjects": staticmethod(subjects)}
    )
    documented = extend_schema_view(
        get=extend_schema(
            operation_id=f"v1_{name}_instructions_list",
            responses={200: InstructionSerializer(many=True), 404: ERRORS[404]},
        ),
        post=extend_schema(
            operation_id=f"v1_{name}_instructions_create",
            request=InstructionCreateSerializer,
            responses={201: InstructionSerializer, **ERRORS},
        ),
    )(view)
    return documented.as_view()


TaskInstructionsView = subject_instructions_view(tasks_visible_to, "tasks")
ProjectInstructionsView = subject_instructions_view(projects_visible_to, "projects")


class InstructionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Instruction.objects.none()  # the model, for the schema; the rows come from get_queryset
    serializer_class = InstructionSerializer
    filterset_fields = ["unit"]

    def get_queryset(self):
        return instructions_visible_to(self.request.user)

    @extend_schema(request=InstructionReplySerializer, responses={200: InstructionSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        instruction = self.get_object()
        if not request.user.has_perm("instructions.reply_instruction", instruction):  # before validation
            raise PermissionDenied(_("Only the addressed unit replies."))
        serializer = InstructionReplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instruction = services.instruction_reply(
            actor=request.user, instruction=instruction, reply=serializer.validated_data["reply"]
        )
        return Response(InstructionSerializer(instruction).data)
