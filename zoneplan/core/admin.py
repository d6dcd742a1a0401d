from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from zoneplan.core.models import CalendarDay


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """Shows the records and their history; changes go through the application and its services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """Holidays and make-up working days for years the packaged official calendar does not cover."""

    list_display = ["day", "is_workday", "note"]
    list_filter = ["is_workday"]
    date_hierarchy = "day"
