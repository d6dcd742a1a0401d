import django_filters
from django.utils.translation import gettext_lazy as _

from indicators.choices import ValueState
from indicators.models import IndicatorTarget, IndicatorValue
from zoneplan.core.filters import FilterSet, WholeNumberFilter


class IndicatorValueFilterSet(FilterSet):
    zone = WholeNumberFilter(field_name="zone_id", label=_("zone"))
    indicator = WholeNumberFilter(field_name="indicator_id", label=_("indicator"))
    state = django_filters.MultipleChoiceFilter(choices=ValueState.choices, label=_("state"), distinct=False)

    class Meta:
        model = IndicatorValue
        fields = ["zone", "indicator", "year", "month", "state"]


class IndicatorTargetFilterSet(FilterSet):
    zone = WholeNumberFilter(field_name="zone_id", label=_("zone"))
    indicator = WholeNumberFilter(field_name="indicator_id", label=_("indicator"))

    class Meta:
        model = IndicatorTarget
        fields = ["zone", "indicator", "year"]
