"""A plan created from its parsed document in one transaction: the outline, its units (matched by name or
alias, created when new), deadlines and targets. Everything or nothing is written."""

import re
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plans.choices import PlanKind, UnitKind
from plans.importing.outline import ParsedItem, ParsedPlan
from plans.models import Plan, Task, Unit, UnitAlias
from plans.services.plans import plan_create
from plans.services.tasks import TargetSpec, task_create
from zoneplan.core.permissions import ensure_perm

TITLE_MAX = Task._meta.get_field("title").max_length


def match_units(names) -> dict[str, Unit | None]:
    """Each name's unit, by its name or an alias; None for a unit the system does not know yet."""
    names = set(names)
    by_name = {unit.name: unit for unit in Unit.objects.filter(name__in=names)}
    by_alias = {alias.name: alias.unit for alias in UnitAlias.objects.filter(name__in=names).select_related("unit")}
    return {name: by_name.get(name) or by_alias.get(name) for name in names}


def unit_kind(name: str) -> str:
    if re.search(r"人民政府|县|区（", name) and name.startswith("各"):
        return UnitKind.COUNTY_GOVERNMENT
    if "管委" in name:
        return UnitKind.COMMITTEE_DEPARTMENT
    if name.startswith(("市", "自治区", "省")):
        return UnitKind.CITY_DEPARTMENT
    return UnitKind.OTHER


@transaction.atomic
def plan_import(
    *, actor, zone, year: int, title: str, parsed: ParsedPlan, kind: str = PlanKind.ANNUAL,
    start_date: date | None = None, end_date: date | None = None,
) -> Plan:  # fmt: skip
    """Create the plan and its outline; new units are created with the names the document gives them."""
    ensure_perm(actor, "plans.add_plan", zone)
    if not parsed.items:
        raise ValidationError({"document": [_("No numbered outline (一、 （一） 1.) was found in the document.")]})
    plan = plan_create(actor=actor, zone=zone, title=title, kind=kind, year=year,
                       start_date=start_date or date(year, 1, 1), end_date=end_date or date(year, 12, 31))  # fmt: skip
    names = {name for item in parsed.walk() for name in (*item.lead_units, *item.cooperating_units)}
    units = match_units(names)
    for name in sorted(name for name, unit in units.items() if unit is None):
        if len(name) > Unit._meta.get_field("name").max_length:
            raise ValidationError({"units": [_("The unit name “%(name)s” is too long.") % {"name": name[:40]}]})
        units[name] = Unit.objects.create(name=name, kind=unit_kind(name))
    for item in parsed.items:
        _create(actor, plan, item, parent=None, units=units)
    return plan


def _create(actor, plan: Plan, item: ParsedItem, *, parent: Task | None, units: dict[str, Unit]) -> None:
    title, body = item.title, item.body
    if len(title) > TITLE_MAX:
        title, body = title[:TITLE_MAX], f"{title[TITLE_MAX:]}\n{body}".strip()
    lead = [] if item.is_section else list(dict.fromkeys(units[name] for name in item.lead_units))
    cooperating = [] if item.is_section else [
        unit for unit in dict.fromkeys(units[name] for name in item.cooperating_units) if unit not in lead
    ]  # fmt: skip
    task = task_create(
        actor=actor, plan=plan, parent=parent, label=item.label, title=title, body=body, is_section=item.is_section,
        lead_units=lead, cooperating_units=cooperating, responsible_person="、".join(item.responsible_persons)[:100],
        deadline=item.deadline, deadline_text=item.deadline_text[:100],
        targets=[TargetSpec(metric=t["metric"], value=Decimal(t["value"]), comparator=t["comparator"],
                            unit_of_measure=t["unit_of_measure"], text=t["text"]) for t in item.targets],
    )  # fmt: skip
    for child in item.children:
        _create(actor, plan, child, parent=task, units=units)
