from django.contrib import admin

from projects.models import Milestone, Project, ProjectIssue, ProjectReport
from zoneplan.core.admin import ReadOnlyAdmin


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ["name", "zone", "year", "stage", "total_investment", "responsible_unit", "version"]
    list_filter = ["stage", "category", "level", "zone", "year"]
    search_fields = ["name", "investor"]
    list_select_related = ["zone", "responsible_unit"]
    inlines = [MilestoneInline]


@admin.register(ProjectReport)
class ProjectReportAdmin(ReadOnlyAdmin):
    list_display = ["project", "year", "month", "month_investment", "submitted_at"]
    list_filter = ["year", "month"]
    list_select_related = ["project"]


@admin.register(ProjectIssue)
class ProjectIssueAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "project", "responsible_unit", "due_date", "state"]
    list_filter = ["state"]
    list_select_related = ["project", "responsible_unit"]
