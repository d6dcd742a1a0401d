from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zoneplan.core.errors import safe_next
from zoneplan.core.text import whole_number
from zoneplan.notifications.models import Notification
from zoneplan.notifications.services import notifications_mark_read


@login_required
def inbox(request):
    notifications = Notification.objects.filter(recipient=request.user)
    if request.GET.get("unread"):
        notifications = notifications.filter(read_at__isnull=True)
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
@require_POST
def mark_read(request):
    ids = [n for n in (whole_number(i) for i in request.POST.getlist("id")) if n is not None]
    notifications_mark_read(actor=request.user, ids=ids or None)
    return redirect(safe_next(request, reverse("notifications:inbox")))
