from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from indicators.models import Indicator, IndicatorTarget, IndicatorValue
from zoneplan.core.admin import ReadOnlyAdmin


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    """The catalogue is reference data that IT may maintain directly."""

    list_display = [
        "code",
        "name",
        "unit_of_measure",
        "kind",
        "higher_is_better",
        "decimals",
        "position",
        "is_active",
    ]
    list_editable = ["position", "is_active"]


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(ReadOnlyAdmin):
    list_display = ["zone", "indicator", "year", "target_value", "target_growth"]
    list_filter = ["year", "zone"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ReadOnlyAdmin):
    list_display = ["zone", "indicator", "year", "month", "cumulative_value", "state"]
    list_filter = ["state", "year", "month", "zone"]
    list_select_related = ["zone", "indicator"]
