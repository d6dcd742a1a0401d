from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from organisation.tokens import ObtainTokenView
from plans import views as plans_views
from zoneplan import audit as audit_views
from zoneplan.dashboard import views as dashboard_views
from zoneplan.dashboard.api import DashboardSummaryView
from zoneplan.health import health
from zoneplan.planimport.api import PlanImportView

api_v1 = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("plans/import/", PlanImportView.as_view(), name="plan-import"),
    path("", include("plans.api.urls")),  # first: its units/ranking/ before organisation's units/{id}/
    path("", include("organisation.api_urls")),
    path("", include("projects.api.urls")),
    path("dashboard/summary/", DashboardSummaryView.as_view(), name="dashboard-summary"),
    path("", include("indicators.api.urls")),
    path("", include("zoneplan.notifications.api.urls")),
    path("", include("zoneplan.reports.api_urls")),
    path("", include("zoneplan.instructions.api_urls")),
]

urlpatterns = [
    path("", plans_views.home, name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up as a script of its own: the CSP allows no inline script.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("health/", health, name="health"),
    path("", include("zoneplan.planimport.urls")),
    path("", include("plans.urls")),
    path("", include("projects.urls")),
    path("", include("indicators.urls")),
    path("", include("zoneplan.notifications.urls")),
    path("", include("zoneplan.reports.urls")),
    path("", include("zoneplan.instructions.urls")),
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("audit/", audit_views.audit, name="audit"),
]

handler404 = "zoneplan.core.errors.not_found"
