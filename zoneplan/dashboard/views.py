from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from organisation.models import Zone
from organisation.roles import roles_of
from zoneplan.core.periods import month_before
from zoneplan.dashboard.api import cached_dashboard, ensure_can_see_dashboard


@login_required
def dashboard(request):
    ensure_can_see_dashboard(request.user)
    zones = list(Zone.objects.filter(plans__isnull=False).distinct().order_by("name"))
    zone = next((z for z in zones if str(z.pk) == request.GET.get("zone")), None)
    today = timezone.localdate()
    data = cached_dashboard(zone=zone, year=today.year, today=today)
    roles = roles_of(request.user)
    links = {
        "tasks": reverse("plans:task-list"),
        "projects": reverse("projects:project-list"),
        "indicator": reverse("indicators:trend", args=["CODE"]),
        "zone": zone.pk if zone else None,
        "year": data["year"],
    }
    context = {
        "data": data,
        "zones": zones,
        "zone": zone,
        "links": links,
        "zone_query": f"&zone={zone.pk}" if zone else "",
        "overdue_count": sum(row["overdue"] for row in data["zones"]),
        "instruct_zones": {z.pk for z in zones if roles.leads_zone(z.pk)},
        "report_month": month_before(today) if zone and roles.oversees_zone(zone.pk) else None,
    }
    return render(request, "dashboard/dashboard.html", context)
