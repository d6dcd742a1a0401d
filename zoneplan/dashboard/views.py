from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from plans.models import Zone
from zoneplan.dashboard.api import DashboardSerializer, ensure_can_see_dashboard
from zoneplan.dashboard.selectors import dashboard_summary


@login_required
def dashboard(request):
    ensure_can_see_dashboard(request.user)
    zones = Zone.objects.filter(plans__isnull=False).distinct().order_by("name")
    zone = zones.filter(pk=request.GET.get("zone") or 0).first()
    today = timezone.localdate()
    data = DashboardSerializer(dashboard_summary(zone=zone, year=today.year, today=today)).data
    return render(request, "dashboard/dashboard.html", {"data": data, "zones": zones, "zone": zone})
