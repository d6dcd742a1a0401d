from zoneplan.notifications.models import Notification


def unread_notifications(request) -> dict:
    """The bell's number on every page: one indexed count."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": Notification.objects.filter(recipient=user, read_at__isnull=True).count()}
