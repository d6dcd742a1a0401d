from django.urls import path

from zoneplan.reports import views

app_name = "reports"
urlpatterns = [
    path("files/", views.job_list, name="jobs"),
    path("files/new/", views.job_start, name="start"),
    path("files/<int:pk>/", views.job_status, name="job"),
    path("files/<int:pk>/download/", views.job_download, name="download"),
]
