from django.urls import path
from rest_framework.routers import DefaultRouter

from projects.api import views

router = DefaultRouter()
router.register("projects", views.ProjectViewSet, basename="project")


def nested(name: str, viewset, *, detail_actions: dict | None = None) -> list:
    """The list and detail routes of a project's children: /projects/{project_pk}/<name>/[{pk}/]."""
    methods = {"get": "retrieve", "patch": "partial_update"}
    if hasattr(viewset, "destroy"):
        methods["delete"] = "destroy"
    routes = [
        path(
            f"projects/<int:project_pk>/{name}/",
            viewset.as_view({"get": "list", "post": "create"}),
            name=f"project-{name}-list",
        ),
        path(
            f"projects/<int:project_pk>/{name}/<int:pk>/",
            viewset.as_view(methods),
            name=f"project-{name}-detail",
        ),
    ]
    for action_name, method in (detail_actions or {}).items():
        routes.append(
            path(
                f"projects/<int:project_pk>/{name}/<int:pk>/{action_name}/",
                viewset.as_view({method: action_name}),
                name=f"project-{name}-{action_name}",
            )
        )
    return routes


urlpatterns = [
    *router.urls,
    *nested("milestones", views.MilestoneViewSet),
    *nested("reports", views.ProjectReportViewSet),
    *nested("issues", views.ProjectIssueViewSet, detail_actions={"resolve": "post"}),
]
