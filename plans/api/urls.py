from django.urls import path
from rest_framework.routers import DefaultRouter

from plans.api import views

router = DefaultRouter()
router.register("plans", views.PlanViewSet, basename="plan")
router.register("tasks", views.TaskViewSet, basename="task")
router.register("progress", views.ProgressViewSet, basename="progress")

urlpatterns = [
    path("units/ranking/", views.UnitRankingView.as_view(), name="unit-ranking"),  # before units/{id}/
    *router.urls,
    path("calendar/workdays/", views.WorkdaysView.as_view(), name="calendar-workdays"),
]
