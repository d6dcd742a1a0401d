"""Shapes of the plans API. Output and input serializers are separate where the shapes differ."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from organisation.models import Unit, Zone
from plans.api.renderers import task_dict
from plans.choices import TargetComparator
from plans.models import (
    CloseOut,
    ExtensionRequest,
    Plan,
    ProgressAttachment,
    ProgressReport,
    Task,
    TaskTarget,
)
from plans.rows import task_rows
from zoneplan.core.choices import Colour


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = [
            "id",
            "zone",
            "title",
            "kind",
            "year",
            "start_date",
            "end_date",
            "status",
            "version",
            "created_at",
            "published_at",
        ]
        read_only_fields = fields


class PlanWriteSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(
        min_value=1, required=False, help_text=_("The version read; required to update.")
    )

    class Meta:
        model = Plan
        fields = ["zone", "title", "kind", "year", "start_date", "end_date", "version"]

    def validate(self, attrs):
        if self.instance is not None and "zone" in attrs:
            if attrs["zone"] != self.instance.zone:
                raise serializers.ValidationError({"zone": [_("A plan cannot move to another zone.")]})
            del attrs["zone"]
        start = attrs.get("start_date", getattr(self.instance, "start_date", None))
        end = attrs.get("end_date", getattr(self.instance, "end_date", None))
        if start and end and end < start:
            raise serializers.ValidationError({"end_date": [_("The plan cannot end before it starts.")]})
        return attrs


class TargetSerializer(serializers.ModelSerializer):
    comparator = serializers.ChoiceField(choices=TargetComparator.choices, default=TargetComparator.AT_LEAST)

    class Meta:
        model = TaskTarget
        fields = ["metric", "comparator", "value", "unit_of_measure", "text"]


class TaskSerializer(serializers.ModelSerializer):
    """A task row (`plans.rows`): the fields declare the schema; the row is written by its one renderer
    (`plans.api.renderers.task_dict`), a task that is not a row yet made one first."""

    lead_units = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    colour = serializers.ChoiceField(choices=Colour.choices, read_only=True, allow_blank=True, default="")
    colour_reason = serializers.CharField(read_only=True, default="")
    cooperating_units = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    targets = TargetSerializer(many=True, read_only=True)

    class Meta:
        model = Task
        fields = [
            "id",
            "plan",
            "parent",
            "label",
            "position",
            "title",
            "body",
            "is_section",
            "lead_units",
            "cooperating_units",
            "responsible_person",
            "responsible_leader",
            "deadline",
            "original_deadline",
            "deadline_text",
            "stages",
            "reporting_cycle",
            "status",
            "percent",
            "weight",
            "colour",
            "colour_reason",
            "last_reported_at",
            "targets",
            "version",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        if not hasattr(instance, "target_rows"):
            [instance] = task_rows([instance], today=timezone.localdate())
        return task_dict(instance, timezone.get_current_timezone())


class TaskWriteSerializer(serializers.ModelSerializer):
    lead_units = serializers.PrimaryKeyRelatedField(many=True, queryset=Unit.objects.all(), required=False)
    cooperating_units = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Unit.objects.all(), required=False
    )
    targets = TargetSerializer(many=True, required=False)
    version = serializers.IntegerField(
        min_value=1, required=False, help_text=_("The version read; required to update.")
    )

    class Meta:
        model = Task
        fields = [
            "plan",
            "parent",
            "label",
            "title",
            "body",
            "is_section",
            "lead_units",
            "cooperating_units",
            "responsible_person",
            "deadline",
            "deadline_text",
            "reporting_cycle",
            "status",
            "weight",
            "responsible_leader",
            "targets",
            "version",
        ]
        extra_kwargs = {"plan": {"required": True}}

    def validate(self, attrs):
        # a new task is not started; reports and close-out move it
        if self.instance is None and "status" in attrs:
            raise serializers.ValidationError({"status": [_("A new task starts as not started.")]})
        return attrs


class TaskUpdateSerializer(TaskWriteSerializer):
    """A task stays in its plan and place in the outline; moving is a separate operation."""

    class Meta(TaskWriteSerializer.Meta):
        fields = [name for name in TaskWriteSerializer.Meta.fields if name not in ("plan", "parent")]


class OutlineTaskSerializer(TaskSerializer):
    """The outline's schema: a task row with its `children` (written by
    `plans.api.renderers.outline_dicts`)."""

    children = serializers.SerializerMethodField()

    class Meta(TaskSerializer.Meta):
        fields = [*TaskSerializer.Meta.fields, "children"]

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_children(self, task):
        return OutlineTaskSerializer(task.outline_children, many=True, context=self.context).data


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(
        help_text="The download, answered to those who may see the report."
    )

    @extend_schema_field(serializers.CharField())
    def get_url(self, attachment) -> str:
        return reverse("plans:attachment", args=[attachment.pk])

    class Meta:
        model = ProgressAttachment
        fields = ["id", "name", "size", "url", "uploaded_at"]


class ProgressReportSerializer(serializers.ModelSerializer):
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "task",
            "unit",
            "author",
            "period",
            "percent",
            "narrative",
            "problems",
            "next_steps",
            "review_state",
            "review_comment",
            "reviewed_by",
            "reviewed_at",
            "submitted_at",
            "attachments",
            "version",
        ]
        read_only_fields = fields


class ProgressCreateSerializer(serializers.Serializer):
    unit = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.all(), required=False, help_text=_("Needed when you report for several units.")
    )
    percent = serializers.IntegerField(min_value=0, max_value=100)
    narrative = serializers.CharField(max_length=10000)
    problems = serializers.CharField(max_length=10000, required=False, allow_blank=True, default="")
    next_steps = serializers.CharField(max_length=10000, required=False, allow_blank=True, default="")
    attachments = serializers.ListField(
        child=serializers.FileField(max_length=255, allow_empty_file=False),
        required=False,
        default=list,
        max_length=10,
    )

    def validate_attachments(self, files):
        too_big = [f.name for f in files if f.size > settings.ATTACHMENT_MAX_BYTES]
        if too_big:
            raise serializers.ValidationError(_("Too large: %(names)s") % {"names": ", ".join(too_big)})
        return files


class ProgressReviewSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=[("accept", _("Accept")), ("return", _("Return"))])
    comment = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class ExtensionRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExtensionRequest
        fields = [
            "id",
            "task",
            "unit",
            "requested_by",
            "deadline_before",
            "requested_deadline",
            "reason",
            "state",
            "decided_by",
            "decided_at",
            "comment",
            "created_at",
        ]
        read_only_fields = fields


class ExtensionCreateSerializer(serializers.Serializer):
    requested_deadline = serializers.DateField()
    reason = serializers.CharField(max_length=2000)


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class CloseOutSerializer(serializers.ModelSerializer):
    class Meta:
        model = CloseOut
        fields = [
            "id",
            "task",
            "unit",
            "applied_by",
            "evidence",
            "attachment",
            "state",
            "decided_by",
            "decided_at",
            "comment",
            "created_at",
        ]
        read_only_fields = fields

    attachment = serializers.SerializerMethodField(help_text="The evidence file's download, or null.")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_attachment(self, close_out) -> str | None:
        return reverse("plans:close-out-file", args=[close_out.pk]) if close_out.attachment else None


class CloseOutApplySerializer(serializers.Serializer):
    evidence = serializers.CharField(max_length=10000)
    attachment = serializers.FileField(required=False, allow_null=True, default=None, allow_empty_file=False)


class CloseOutDecisionSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class SendBackSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class WorkdaysQuerySerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()

    def validate(self, attrs):
        if attrs["end"] < attrs["start"]:
            raise serializers.ValidationError({"end": [_("The end is before the start.")]})
        if (attrs["end"] - attrs["start"]).days > 366:
            raise serializers.ValidationError({"end": [_("Ask for a year at most.")]})
        return attrs


class WorkdaySerializer(serializers.Serializer):
    date = serializers.DateField()
    is_workday = serializers.BooleanField()


class WorkdaysSerializer(serializers.Serializer):
    workdays = serializers.IntegerField(help_text=_("Working days from start to end, both included."))
    days = WorkdaySerializer(many=True)


class RankingQuerySerializer(serializers.Serializer):
    zone = serializers.PrimaryKeyRelatedField(queryset=Zone.objects.all())
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    month = serializers.IntegerField(min_value=1, max_value=12)


class UnitTimelinessSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    unit = serializers.IntegerField(source="unit.pk")
    unit_name = serializers.CharField(source="unit.name")
    due = serializers.IntegerField(help_text=_("Reports due in the month."))
    filed = serializers.IntegerField()
    on_time = serializers.IntegerField()
    filing_rate = serializers.DecimalField(
        max_digits=5, decimal_places=1, allow_null=True, help_text=_("报送率")
    )
    timeliness_rate = serializers.DecimalField(
        max_digits=5, decimal_places=1, allow_null=True, help_text=_("及时率")
    )
    overdue_tasks = serializers.IntegerField()
    extensions = serializers.IntegerField()
    returned = serializers.IntegerField()


class MoveSerializer(serializers.Serializer):
    direction = serializers.ChoiceField(
        choices=[("up", "up"), ("down", "down"), ("indent", "indent"), ("outdent", "outdent")]
    )
    version = serializers.IntegerField(min_value=1, help_text=_("The version read."))
