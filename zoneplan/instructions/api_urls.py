from django.urls import path
from rest_framework.routers import SimpleRouter

from zoneplan.instructions.api import InstructionViewSet, ProjectInstructionsView, TaskInstructionsView

router = SimpleRouter()
router.register("instructions", InstructionViewSet, basename="instruction")

urlpatterns = [
    path("tasks/<int:pk>/instructions/", TaskInstructionsView, name="task-instructions"),
    path("projects/<int:pk>/instructions/", ProjectInstructionsView, name="project-instructions"),
    *router.urls,
]
