from django.urls import path
from rest_framework.routers import DefaultRouter

from plans.api import views

router = DefaultRouter()
router.register("zones", views.ZoneViewSet, basename="zone")
router.register("units", views.UnitViewSet, basename="unit")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("tasks", views.TaskViewSet, basename="task")
router.register("progress", views.ProgressViewSet, basename="progress")

urlpatterns = [
    *router.urls,
    path("calendar/workdays/", views.WorkdaysView.as_view(), name="calendar-workdays"),
]
