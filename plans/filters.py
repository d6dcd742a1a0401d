"""One FilterSet per list, shared by the API and the pages."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plans.choices import PlanStatus, TaskStatus
from plans.models import Plan, Task
from plans.overdue import overdue_q
from plans.selectors import unit_involved
from zoneplan.core.filters import FilterSet, WholeNumberFilter, YesNoFilter


class PlanFilterSet(FilterSet):
    zone = WholeNumberFilter(field_name="zone_id", label=_("zone"))
    status = django_filters.MultipleChoiceFilter(
        choices=PlanStatus.choices, label=_("status"), distinct=False
    )
    year = WholeNumberFilter(label=_("year"))

    class Meta:
        model = Plan
        fields = ["zone", "status", "year", "kind"]


class TaskFilterSet(FilterSet):
    zone = WholeNumberFilter(field_name="plan__zone_id", label=_("zone"))
    plan = WholeNumberFilter(field_name="plan_id", label=_("plan"))
    parent = WholeNumberFilter(field_name="parent_id", label=_("parent"))
    unit = WholeNumberFilter(method="filter_unit", label=_("unit (lead or cooperating)"))
    lead_unit = WholeNumberFilter(method="filter_lead_unit", label=_("lead unit"))
    # a column of the task: no join to repeat rows, so no DISTINCT (django-filter's default sorts every
    # column)
    status = django_filters.MultipleChoiceFilter(
        choices=TaskStatus.choices, label=_("status"), distinct=False
    )
    overdue = YesNoFilter(method="filter_overdue", label=_("overdue"))
    deadline_before = django_filters.DateFilter(
        field_name="deadline", lookup_expr="lte", label=_("deadline on or before")
    )
    deadline_after = django_filters.DateFilter(
        field_name="deadline", lookup_expr="gte", label=_("deadline on or after")
    )
    is_section = YesNoFilter(label=_("section heading"))
    search = django_filters.CharFilter(method="filter_search", label=_("search"))

    class Meta:
        model = Task
        fields = ["zone", "plan", "parent", "unit", "lead_unit", "status", "overdue", "is_section"]

    def filter_unit(self, queryset, name, value):
        return queryset.filter(unit_involved([value]))

    def filter_lead_unit(self, queryset, name, value):
        lead = Task.lead_units.through.objects.filter(unit_id=value)
        return queryset.filter(pk__in=lead.values("task_id"))

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue_q()) if value else queryset.exclude(overdue_q())

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value) | Q(body__icontains=value) | Q(label__icontains=value)
        )
