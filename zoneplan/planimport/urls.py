from django.urls import path

from zoneplan.planimport import views

app_name = "planimport"
urlpatterns = [
    path("plans/import/", views.import_upload, name="upload"),
    path("plans/import/preview/", views.import_preview, name="preview"),
]
