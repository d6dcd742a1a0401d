from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from zoneplan.core.filters import FilterSet, YesNoFilter
from zoneplan.notifications.models import Notification
from zoneplan.notifications.services import notifications_mark_read


class NotificationSerializer(serializers.ModelSerializer):
    subject_type = serializers.SlugRelatedField(slug_field="model", read_only=True)

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "title",
            "message",
            "link",
            "subject_type",
            "subject_id",
            "unit",
            "created_at",
            "sent_at",
            "read_at",
        ]
        read_only_fields = fields


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField()


class NotificationFilterSet(FilterSet):
    unread = YesNoFilter(field_name="read_at", lookup_expr="isnull", label="unread")

    class Meta:
        model = Notification
        fields = ["unread", "kind"]


class NotificationViewSet(viewsets.ReadOnlyModelViewSet):
    """The signed-in user's own notifications."""

    # the model, for the schema; get_queryset narrows to the user's own
    queryset = Notification.objects.none()
    serializer_class = NotificationSerializer
    filterset_class = NotificationFilterSet

    def get_queryset(self):
        return Notification.objects.filter(recipient=self.request.user).select_related("subject_type")

    @extend_schema(request=None, responses={200: NotificationSerializer, 404: None})
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = self.get_object()
        notifications_mark_read(actor=request.user, ids=[notification.pk])
        notification.refresh_from_db()
        return Response(NotificationSerializer(notification).data)

    @extend_schema(request=None, responses={200: MarkedSerializer})
    @action(detail=False, methods=["post"], url_path="read-all", filterset_class=None)
    def read_all(self, request):
        return Response({"marked": notifications_mark_read(actor=request.user)})
