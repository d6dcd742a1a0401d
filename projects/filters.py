import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.choices import ProjectCategory, ProjectLevel, ProjectStage
from projects.models import Project
from projects.selectors import behind_q, open_issue_q
from zoneplan.core.filters import FilterSet, WholeNumberFilter, YesNoFilter


class ProjectFilterSet(FilterSet):
    zone = WholeNumberFilter(field_name="zone_id", label=_("zone"))
    year = WholeNumberFilter(label=_("list year"))
    stage = django_filters.MultipleChoiceFilter(
        choices=ProjectStage.choices, label=_("stage"), distinct=False
    )
    level = django_filters.ChoiceFilter(choices=ProjectLevel.choices, label=_("level"))
    category = django_filters.ChoiceFilter(choices=ProjectCategory.choices, label=_("category"))
    industry = django_filters.CharFilter(lookup_expr="icontains", label=_("industry"))
    responsible_unit = WholeNumberFilter(field_name="responsible_unit_id", label=_("responsible unit"))
    leader = WholeNumberFilter(field_name="responsible_leader_id", label=_("leader in charge"))
    behind = YesNoFilter(method="filter_behind", label=_("behind schedule"))
    has_open_issues = YesNoFilter(method="filter_open_issues", label=_("has open problems"))
    search = django_filters.CharFilter(method="filter_search", label=_("search"))

    class Meta:
        model = Project
        fields = ["zone", "year", "stage", "level", "category", "responsible_unit"]

    def filter_behind(self, queryset, name, value):
        condition = behind_q(timezone.localdate())
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_open_issues(self, queryset, name, value):
        return queryset.filter(open_issue_q()) if value else queryset.exclude(open_issue_q())

    def filter_search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(investor__icontains=value)) if value else queryset
