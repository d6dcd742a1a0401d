from django import forms
from django.utils.translation import gettext_lazy as _

from plans.models import ProgressReport, Unit


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input, as Django's documentation shows."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class ProgressForm(forms.ModelForm):
    """A progress report as a reporter files it on the task page."""

    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Reporting unit"))
    attachments = MultipleFileField(label=_("Attachments"), required=False)

    class Meta:
        model = ProgressReport
        fields = ["unit", "percent", "narrative", "problems", "next_steps"]
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 4}),
            "problems": forms.Textarea(attrs={"rows": 2}),
            "next_steps": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if len(units) == 1:
            self.fields["unit"].initial = units[0]
            self.fields["unit"].empty_label = None


class ReviewForm(forms.Form):
    action = forms.ChoiceField(choices=[("accept", _("Accept")), ("return", _("Return"))])
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
