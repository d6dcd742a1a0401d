import django_filters
from django.utils.translation import gettext_lazy as _

from indicators.choices import ValueState
from indicators.models import IndicatorTarget, IndicatorValue


class IndicatorValueFilterSet(django_filters.FilterSet):
    zone = django_filters.NumberFilter(field_name="zone_id", label=_("zone"))
    indicator = django_filters.NumberFilter(field_name="indicator_id", label=_("indicator"))
    state = django_filters.MultipleChoiceFilter(choices=ValueState.choices, label=_("state"))

    class Meta:
        model = IndicatorValue
        fields = ["zone", "indicator", "year", "month", "state"]


class IndicatorTargetFilterSet(django_filters.FilterSet):
    zone = django_filters.NumberFilter(field_name="zone_id", label=_("zone"))
    indicator = django_filters.NumberFilter(field_name="indicator_id", label=_("indicator"))

    class Meta:
        model = IndicatorTarget
        fields = ["zone", "indicator", "year"]
