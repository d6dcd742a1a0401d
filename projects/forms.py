from django import forms
from django.utils.translation import gettext_lazy as _

from projects.choices import ProjectStage
from projects.models import PROJECT_INPUT_FIELDS, Milestone, Project, ProjectIssue, ProjectReport

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedForm(forms.Form):
    """Carries the version the page showed, so a stale submit is refused instead of overwriting."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = list(PROJECT_INPUT_FIELDS)
        widgets = {
            name: DATE
            for name in ("planned_start", "planned_completion", "actual_start", "actual_completion")
        }


class ProjectEditForm(ProjectForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta(ProjectForm.Meta):
        fields = [name for name in ProjectForm.Meta.fields if name not in ("zone", "stage")]


class StageForm(VersionedForm):
    stage = forms.ChoiceField(label=_("Stage"), choices=ProjectStage.choices)
    actual_start = forms.DateField(label=_("Actual start"), required=False, widget=DATE)
    actual_completion = forms.DateField(label=_("Actual completion"), required=False, widget=DATE)
    reason = forms.CharField(label=_("Reason (needed to go back)"), required=False)


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["name", "planned_date"]
        widgets = {"planned_date": DATE}


class MilestoneRecordForm(VersionedForm):
    milestone = forms.IntegerField(widget=forms.HiddenInput)
    actual_date = forms.DateField(label=_("Reached on"), required=False, widget=DATE)


class ReportForm(forms.ModelForm):
    class Meta:
        model = ProjectReport
        fields = ["year", "month", "month_investment", "narrative"]
        widgets = {"narrative": forms.Textarea(attrs={"rows": 2})}


class IssueForm(forms.ModelForm):
    class Meta:
        model = ProjectIssue
        fields = ["description", "responsible_unit", "due_date"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "due_date": DATE}


class ResolveForm(VersionedForm):
    issue = forms.IntegerField(widget=forms.HiddenInput)
    resolution = forms.CharField(label=_("Resolution"))
