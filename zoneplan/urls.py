from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token

from plans import views as plans_views
from zoneplan.dashboard import views as dashboard_views
from zoneplan.dashboard.api import DashboardSummaryView

api_v1 = [
    path("auth/token/", obtain_auth_token, name="api-token"),
    path("", include("plans.api.urls")),
    path("", include("projects.api.urls")),
    path("dashboard/summary/", DashboardSummaryView.as_view(), name="dashboard-summary"),
    path("", include("indicators.api.urls")),
    path("", include("zoneplan.notifications.api.urls")),
    path("", include("zoneplan.reports.api_urls")),
]

urlpatterns = [
    path("", plans_views.home, name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("plans.urls")),
    path("", include("projects.urls")),
    path("", include("indicators.urls")),
    path("", include("zoneplan.notifications.urls")),
    path("", include("zoneplan.reports.urls")),
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "zoneplan.core.errors.not_found"
