from django import forms
from django.utils.translation import gettext_lazy as _

from organisation.models import Unit
from zoneplan.instructions.services import subject_units


class InstructionForm(forms.Form):
    """A leader's instruction (批示); addressed to one of the subject's units, the first lead unit by
    default."""

    unit = forms.TypedChoiceField(label=_("To"), coerce=int, required=False, empty_value=None)
    text = forms.CharField(label=_("Instruction"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, subject, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {unit.pk: unit for unit in subject_units(subject)}  # read with the subject: no query
        self.fields["unit"].choices = [(pk, str(unit)) for pk, unit in self.units.items()]
        self.fields["unit"].initial = next(iter(self.units), None)

    def clean_unit(self) -> Unit | None:
        return self.units.get(self.cleaned_data["unit"])


class InstructionReplyForm(forms.Form):
    reply = forms.CharField(label=_("Reply"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
