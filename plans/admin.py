"""Admin: organisation data is edited here; plans, tasks and reports change only through services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from plans import services
from plans.choices import ReviewState
from plans.models import Plan, ProgressAttachment, ProgressReport, Task, TaskTarget
from zoneplan.core.admin import ReadOnlyAdmin


def run_service(modeladmin, request, queryset, service, done_message):
    """Apply a service to each selected object; report refusals instead of failing the whole action."""
    changed = 0
    for obj in queryset:
        try:
            service(actor=request.user, obj=obj)
            changed += 1
        except (ValidationError, PermissionDenied) as error:
            modeladmin.message_user(
                request, f"{obj}: {' '.join(getattr(error, 'messages', [str(error)]))}", messages.ERROR
            )
    if changed:
        modeladmin.message_user(request, done_message % {"count": changed}, messages.SUCCESS)


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "zone", "kind", "start_date", "end_date", "status", "version"]
    list_filter = ["status", "kind", "zone"]
    search_fields = ["title"]
    actions = ["publish", "archive"]

    @admin.action(description=_("Publish the selected plans"))
    def publish(self, request, queryset):
        run_service(
            self,
            request,
            queryset,
            lambda actor, obj: services.plan_publish(actor=actor, plan=obj),
            _("%(count)d plans published."),
        )

    @admin.action(description=_("Archive the selected plans"))
    def archive(self, request, queryset):
        run_service(
            self,
            request,
            queryset,
            lambda actor, obj: services.plan_archive(actor=actor, plan=obj),
            _("%(count)d plans archived."),
        )


class TaskTargetInline(admin.TabularInline):
    model = TaskTarget
    extra = 0


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "plan", "deadline", "status", "percent", "version"]
    list_filter = ["status", "is_section", "reporting_cycle", "plan"]
    search_fields = ["title", "label"]
    list_select_related = ["plan"]
    inlines = [TaskTargetInline]


class AttachmentInline(admin.TabularInline):
    model = ProgressAttachment
    extra = 0


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdmin):
    list_display = ["task", "unit", "period", "percent", "review_state", "submitted_at"]
    list_filter = ["review_state", "period"]
    search_fields = ["task__title", "unit__name", "narrative"]
    list_select_related = ["task", "unit"]
    inlines = [AttachmentInline]
    actions = ["accept"]

    @admin.action(description=_("Accept the selected reports"))
    def accept(self, request, queryset):
        run_service(
            self,
            request,
            queryset.filter(review_state=ReviewState.SUBMITTED),
            lambda actor, obj: services.progress_review(actor=actor, report=obj, accept=True),
            _("%(count)d reports accepted."),
        )
