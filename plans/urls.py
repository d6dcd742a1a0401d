from django.urls import path

from plans import views

app_name = "plans"
urlpatterns = [
    path("plans/", views.plan_list, name="plan-list"),
    path("plans/new/", views.plan_create, name="plan-create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan-detail"),
    path("tasks/<int:pk>/", views.task_detail, name="task-detail"),
    path("progress/<int:pk>/review/", views.progress_review, name="progress-review"),
    path("ranking/", views.ranking, name="ranking"),
    path("my/tasks/", views.my_task_list, name="my-tasks"),
    path("review/", views.review_list, name="review-queue"),
]
