from django import forms
from django.utils.translation import gettext_lazy as _

from organisation.models import Zone


class PeriodForm(forms.Form):
    """Which zone and month a page shows."""

    zone = forms.ModelChoiceField(
        queryset=Zone.objects.filter(statistics_unit__isnull=False), label=_("Zone")
    )
    year = forms.IntegerField(min_value=2000, max_value=2100, label=_("Year"))
    month = forms.IntegerField(min_value=1, max_value=12, label=_("Month"))


class MonthReviewForm(forms.Form):
    action = forms.ChoiceField(choices=[("approve", _("Approve")), ("return", _("Return"))])
    comment = forms.CharField(required=False, label=_("Comment"))
