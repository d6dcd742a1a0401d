from django.urls import path

from zoneplan.instructions import views

app_name = "instructions"
urlpatterns = [
    path("instructions/<str:kind>/<int:pk>/new/", views.instruction_create, name="create"),
    path("instructions/<int:pk>/reply/", views.instruction_reply, name="reply"),
]
