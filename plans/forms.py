from collections import defaultdict
from html import escape

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organisation.models import Unit, UnitAlias
from plans.models import Plan, ProgressReport, Task
from plans.targets import find_targets
from zoneplan.core.widgets import ChoicesReadOnce, PlainSelect, PlainSelectMultiple


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


class UnitPicker(PlainSelectMultiple):
    """Units chosen by typing a name or an alias (static/js/app.js); a plain multiple select without
    JavaScript. `aliases`: unit id → its aliases joined by "|" (`pick_units`)."""

    def __init__(self, attrs=None):
        super().__init__({"data-typeahead": "", "size": 6, **(attrs or {})})
        self.aliases: dict[int, str] = {}

    def option_attrs(self, value) -> str:
        aliases = self.aliases.get(value)
        return f' data-aliases="{escape(aliases)}"' if aliases else ""


def pick_units(form: forms.ModelForm) -> None:
    """The lead and cooperating unit fields offer every unit, with its aliases: read once, as plain rows, for
    both pickers (each read them as model instances before, with their aliases prefetched: 15 ms on a plan's
    page)."""
    units = list(Unit.objects.order_by("name").values_list("pk", "name"))
    names = defaultdict(list)
    zone_id = (
        getattr(getattr(form.instance, "plan", None), "zone_id", None) if form.instance.plan_id else None
    )
    aliases = UnitAlias.objects.filter(Q(zone__isnull=True) | Q(zone_id=zone_id)).order_by("name")
    for unit_id, name in aliases.values_list("unit_id", "name"):
        names[unit_id].append(name)
    aliases = {unit_id: "|".join(unit_names) for unit_id, unit_names in names.items()}
    for name in ("lead_units", "cooperating_units"):
        form.fields[name].queryset = Unit.objects.order_by("name")  # what a POST is checked against
        form.fields[name].widget.choices, form.fields[name].widget.aliases = units, aliases


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
        fields = [
            "parent",
            "label",
            "title",
            "is_section",
            "lead_units",
            "cooperating_units",
            "deadline",
            "deadline_text",
            "reporting_cycle",
            "responsible_person",
        ]
        widgets = {
            "parent": PlainSelect(),
            "deadline": forms.DateInput(attrs={"type": "date"}),
            "lead_units": UnitPicker(),
            "cooperating_units": UnitPicker(),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        pick_units(self)
        parents = Task.objects.filter(plan=plan).order_by("parent_id", "position")
        self.fields["parent"].queryset = parents  # what a POST is checked against
        self.fields["parent"].widget.choices = ChoicesReadOnce(lambda: self._parent_choices(parents))
        self.fields["label"].required = False
        self.fields["label"].help_text = _("Left empty: numbered in the house style.")

    def _parent_choices(self, parents) -> list[tuple]:
        """Shown from plain rows, read when the form is shown: a 2,000-task plan's instances took 25 ms."""
        rows = parents.values_list("pk", "label", "title")
        return [
            ("", self.fields["parent"].empty_label),
            *((pk, f"{label}{title}") for pk, label, title in rows),
        ]


class TaskEditForm(forms.ModelForm):
    """A task edited in place in the outline; targets one per line as plans write them (不少于3个)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    targets = forms.CharField(
        label=_("Targets"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line, e.g. 新增高新技术企业不少于10家."),
    )

    class Meta:
        model = Task
        fields = [
            "label",
            "title",
            "body",
            "lead_units",
            "cooperating_units",
            "deadline",
            "deadline_text",
            "reporting_cycle",
            "responsible_person",
        ]
        widgets = {
            "deadline": forms.DateInput(attrs={"type": "date"}),
            "lead_units": UnitPicker(),
            "cooperating_units": UnitPicker(),
            "body": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        if self.instance.is_section:
            for name in set(self.fields) - {"label", "title", "version"}:
                del self.fields[name]
            return
        pick_units(self)
        self.fields["targets"].initial = "\n".join(
            target.text or str(target) for target in self.instance.targets.all()
        )

    def clean_targets(self):
        lines = [line.strip() for line in self.cleaned_data["targets"].splitlines() if line.strip()]
        targets = []
        for line in lines:
            found = find_targets(line)
            if not found:
                raise forms.ValidationError(_("No target figure in “%(line)s”."), params={"line": line})
            targets.extend(found)
        return targets

    def changes(self) -> dict:
        """The cleaned data as task_update takes it."""
        data = dict(self.cleaned_data)
        data.pop("version")
        return data
