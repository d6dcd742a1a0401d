from django.urls import path

from plans import file_views, views

app_name = "plans"
urlpatterns = [
    path("plans/", views.plan_list, name="plan-list"),
    path("plans/new/", views.plan_create, name="plan-create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/source/", file_views.plan_source, name="plan-source"),
    path("attachments/<int:pk>/", file_views.attachment, name="attachment"),
    path("close-outs/<int:pk>/file/", file_views.close_out_file, name="close-out-file"),
    path("tasks/", views.task_list, name="task-list"),
    path("tasks/<int:pk>/", views.task_detail, name="task-detail"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task-edit"),
    path("tasks/<int:pk>/report/", views.task_report, name="task-report"),
    path("progress/<int:pk>/review/", views.progress_review, name="progress-review"),
    path("ranking/", views.ranking, name="ranking"),
    path("my/tasks/", views.my_task_list, name="my-tasks"),
    path("review/", views.review_list, name="review-queue"),
]
