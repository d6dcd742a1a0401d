"""Import a plan from its document in the pages: upload or paste → preview and correct → confirm.

The parsed tree waits in the session between the preview and the confirmation; the confirmation writes the
whole plan in one transaction (zoneplan.planimport.services) or nothing."""

from datetime import date
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisation.models import Unit, Zone
from plans.importing.document import DocumentError
from plans.importing.outline import ParsedPlan, item_from_dict
from plans.importing.units import split_units
from plans.selectors import zones_planned_by
from plans.services.imports import match_units, suggest_unit
from zoneplan.core.text import whole_number
from zoneplan.planimport.goals import IndicatorGoal
from zoneplan.planimport.reading import as_json, parse_document
from zoneplan.planimport.services import import_plan

SESSION_KEY = "plan_import"


class ImportForm(forms.Form):
    zone = forms.ModelChoiceField(queryset=Zone.objects.none(), label=gettext_lazy("Zone"))
    title = forms.CharField(
        max_length=200,
        required=False,
        label=gettext_lazy("Title"),
        help_text=gettext_lazy("Left empty: the document's first line."),
    )
    year = forms.IntegerField(min_value=2000, max_value=2100, label=gettext_lazy("Year"))
    document = forms.FileField(required=False, label=gettext_lazy("Document (.docx or .txt)"))
    text = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 8}), label=gettext_lazy("Or paste the text")
    )

    def __init__(self, *args, zones, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = zones
        if len(zones) == 1:  # a planner of one zone is not asked for it
            self.fields["zone"].initial = zones[0].pk
            self.fields["zone"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        if not data.get("document") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Upload a document or paste its text."))
        return data


@login_required
def import_upload(request):
    zones = list(zones_planned_by(request.user).order_by("name"))
    if not zones:
        raise PermissionDenied(_("Only planners import plans."))
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        zones=Zone.objects.filter(pk__in=[zone.pk for zone in zones]),
        initial={"year": timezone.localdate().year},
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        data = upload.read() if upload else form.cleaned_data["text"].encode("utf-8")
        try:
            parsed, goals = parse_document(
                data, filename=upload.name if upload else "", year=form.cleaned_data["year"]
            )
            if not parsed.items:
                raise DocumentError(_("No numbered outline (一、 （一） 1.) was found in the document."))
        except DocumentError as error:
            form.add_error("document" if upload else "text", str(error))
        else:
            read = as_json(parsed, goals)
            title = form.cleaned_data["title"] or read.pop("title")
            if title:
                request.session[SESSION_KEY] = {
                    **read,
                    "zone": form.cleaned_data["zone"].pk,
                    "title": title,
                    "year": form.cleaned_data["year"],
                }
                return redirect("planimport:preview")
            form.add_error("title", _("The document has no title on its first line: give the plan one."))
    return render(request, "plans/import_upload.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def import_preview(request):
    stored = request.session.get(SESSION_KEY)
    if not stored:
        messages.error(request, _("Nothing to preview: upload the document first."))
        return redirect("planimport:upload")
    zone = zones_planned_by(request.user).filter(pk=stored["zone"]).first()
    if zone is None:
        raise PermissionDenied(_("Only planners import plans."))
    parsed = ParsedPlan(preamble=[], items=[item_from_dict(item) for item in stored["items"]])
    items = list(parsed.walk())
    if request.method == "POST":
        plan = _import_posted(request, stored, zone=zone, parsed=parsed, items=items)
        if plan is not None:
            return redirect("plans:plan-detail", pk=plan.pk)
    return render(request, "plans/import_preview.html", _preview_context(stored, zone=zone, items=items))


def _import_posted(request, stored: dict, *, zone, parsed: ParsedPlan, items: list):
    """The plan imported with the planner's corrections, or None with the errors as messages."""
    errors = _apply_corrections(request.POST, items)
    goals = [_goal(goal) for goal in stored["indicator_targets"]] if request.POST.get("apply_goals") else []
    if not errors:
        try:
            plan = import_plan(
                actor=request.user,
                zone=zone,
                year=stored["year"],
                title=stored["title"],
                parsed=parsed,
                aliases=_aliases(request.POST),
                goals=goals,
            )
        except ValidationError as error:
            errors = error.messages
        else:
            del request.session[SESSION_KEY]
            count = len(items)
            messages.success(request, _("The plan was imported with %(count)d items.") % {"count": count})
            return plan
    for error in errors:
        messages.error(request, error)
    return None


def _preview_context(stored: dict, *, zone, items: list) -> dict:
    """The items with each unit name marked known or new, and for each new name the closest existing unit."""
    known = match_units(
        {name for item in items for name in (*item.lead_units, *item.cooperating_units)}, zone=zone
    )
    rows = []
    for index, item in enumerate(items):
        lead, cooperating = (
            [(name, _chip(name, item, known)) for name in names]
            for names in (item.lead_units, item.cooperating_units)
        )
        doubtful = any(chip == "doubtful" for _name, chip in lead + cooperating)
        rows.append((index, item, lead, cooperating, doubtful))
    all_units = list(Unit.objects.order_by("name").values_list("pk", "name"))
    by_name = {name: pk for pk, name in all_units}
    new_units = [
        (name, by_name.get(suggest_unit(name, list(by_name))))
        for name in sorted(name for name, unit in known.items() if unit is None)
    ]
    return {
        "stored": stored,
        "zone": zone,
        "rows": rows,
        "goals": stored["indicator_targets"],
        "new_units": new_units,
        "units": all_units,
    }


def _chip(name: str, item, known: dict) -> str:
    """How a unit's name is shown: known; new (it will be created); doubtful (a name the shorthand built that
    no unit or alias has: 市委市商务局 is a misreading, not a new unit)."""
    if known.get(name) is not None:
        return "known"
    return "doubtful" if name in item.completed_units else "new"


def _aliases(data) -> dict[str, Unit]:
    """New names the planner matched to an existing unit in the preview: they become its aliases."""
    chosen = {
        data[key]: data.get(f"alias-unit-{key.removeprefix('alias-name-')}")
        for key in data
        if key.startswith("alias-name-")
    }
    picked = {name: whole_number(pk) for name, pk in chosen.items()}
    units = Unit.objects.in_bulk([pk for pk in picked.values() if pk is not None])
    return {name: units[pk] for name, pk in picked.items() if pk in units}


def _goal(data: dict) -> IndicatorGoal:
    growth = data.get("growth")
    return IndicatorGoal(
        name=data["name"],
        value=Decimal(data["value"]),
        unit=data["unit"],
        text=data["text"],
        growth=Decimal(growth) if growth is not None else None,
        indicator_code=data["indicator"],
    )


def _apply_corrections(data, items) -> list[str]:
    """The planner's corrections from the preview form, applied to the parsed items; returns error
    messages."""
    errors = []
    for index, item in enumerate(items):
        if f"title-{index}" not in data:
            continue
        item.title = data[f"title-{index}"].strip()
        if not item.title:
            errors.append(_("Item %(label)s needs a title.") % {"label": item.label})
        if not item.is_section:
            item.lead_units = split_units(data.get(f"lead-{index}", ""))
            item.cooperating_units = split_units(data.get(f"cooperating-{index}", ""))
        deadline = data.get(f"deadline-{index}", "").strip()
        try:
            item.deadline = date.fromisoformat(deadline) if deadline else None
        except ValueError:
            errors.append(_("Item %(label)s: the deadline is not a date.") % {"label": item.label})
    return errors
