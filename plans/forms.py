from django import forms
from django.utils.translation import gettext_lazy as _

from plans.models import Plan, ProgressReport, Task, Unit


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


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["zone", "title", "kind", "year", "start_date", "end_date"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, zones, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = zones


class TaskAddForm(forms.ModelForm):
    """A section or task item added to the end of the outline, or under a parent."""

    class Meta:
        model = Task
        fields = ["parent", "label", "title", "is_section", "lead_units", "cooperating_units", "deadline",
                  "deadline_text", "reporting_cycle", "responsible_person"]  # fmt: skip
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"}),
                   "lead_units": forms.SelectMultiple(attrs={"size": 6}),
                   "cooperating_units": forms.SelectMultiple(attrs={"size": 6})}  # fmt: skip

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Task.objects.filter(plan=plan).order_by("parent_id", "position")
        self.fields["label"].required = False
        self.fields["label"].help_text = _("Left empty: numbered in the house style.")
