"""A plan created from its parsed document in one transaction: the outline, its units (matched by name or
alias, created when new), deadlines and targets. Everything or nothing is written."""

import difflib
import re
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from organisation.choices import UnitKind
from organisation.models import Unit, UnitAlias
from plans.choices import PlanKind
from plans.importing.outline import ParsedItem, ParsedPlan
from plans.models import Plan, Task, TaskTarget
from plans.outline import default_label
from plans.services.plans import plan_create
from plans.services.tasks import MAX_DEPTH
from zoneplan.core.datacache import PlanTasks
from zoneplan.core.history import record_history_bulk
from zoneplan.core.permissions import ensure_perm

TITLE_MAX = Task._meta.get_field("title").max_length


def match_units(names, *, zone) -> dict[str, Unit | None]:
    """Each name's unit, by its name or an alias of `zone` or of every zone (the zone's own first); None for a
    unit the system does not know yet."""
    names = set(names)
    by_name = {unit.name: unit for unit in Unit.objects.filter(name__in=names)}
    aliases = UnitAlias.objects.filter(Q(zone__isnull=True) | Q(zone=zone), name__in=names).select_related(
        "unit"
    )
    by_alias = {alias.name: alias.unit for alias in aliases.order_by(F("zone_id").asc(nulls_first=True))}
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
    *,
    actor,
    zone,
    year: int,
    title: str,
    parsed: ParsedPlan,
    kind: str = PlanKind.ANNUAL,
    start_date: date | None = None,
    end_date: date | None = None,
    aliases: dict[str, Unit] | None = None,
) -> Plan:
    """Create the plan and its outline. A name in `aliases` becomes an alias of that existing unit (市发改委 →
    市发展改革委); other unknown names become new units. (The goals become indicator targets in
    `zoneplan.planimport.services.import_plan`, which calls this.)"""
    ensure_perm(actor, "plans.add_plan", zone)
    for name, unit in (aliases or {}).items():  # the zone's own: another zone's imports do not read them
        UnitAlias.objects.get_or_create(name=name, zone=zone, defaults={"unit": unit})
    if not parsed.items:
        raise ValidationError(
            {"document": [_("No numbered outline (一、 （一） 1.) was found in the document.")]}
        )
    plan = plan_create(
        actor=actor,
        zone=zone,
        title=title,
        kind=kind,
        year=year,
        start_date=start_date or date(year, 1, 1),
        end_date=end_date or date(year, 12, 31),
    )
    names = {name for item in parsed.walk() for name in (*item.lead_units, *item.cooperating_units)}
    units = match_units(names, zone=zone)
    new = sorted(name for name, unit in units.items() if unit is None)
    too_long = [name for name in new if len(name) > Unit._meta.get_field("name").max_length]
    if too_long:
        raise ValidationError(
            {"units": [_("The unit name “%(name)s” is too long.") % {"name": too_long[0][:40]}]}
        )
    for unit in Unit.objects.bulk_create([Unit(name=name, kind=unit_kind(name)) for name in new]):
        units[unit.name] = unit
    _write_outline(actor, plan, parsed.items, units)
    return plan


def suggest_unit(name: str, known: list[str]) -> str | None:
    """The existing unit a new name most likely means (市发改委 → 市发展改革委), for the planner to
    confirm."""
    stripped = re.sub(r"^(市委|市|县|区)", "", name)
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if not close:
        close = [unit for unit in known if stripped and len(stripped) >= 2 and set(stripped) <= set(unit)]
    return close[0] if close else None


def _write_outline(actor, plan: Plan, roots: list[ParsedItem], units: dict[str, Unit]) -> None:
    """The outline written level by level in bulk: one INSERT of tasks per level, one of each kind of unit
    link, one of targets, and the history rows (with their unit snapshots) in bulk too."""
    created: list[Task] = []
    links: dict[str, list] = {"lead": [], "cooperating": []}
    targets: list[TaskTarget] = []
    level = [(item, None, position) for position, item in enumerate(roots, start=1)]
    depth = 0
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            raise ValidationError(
                {"parent": _("The outline cannot be deeper than %(max)d levels.") % {"max": MAX_DEPTH}}
            )
        tasks = [_task(plan, item, parent, position, depth) for item, parent, position in level]
        Task.objects.bulk_create(tasks)
        for (item, _parent, _position), task in zip(level, tasks, strict=True):
            _add_links(links, task, item, units)
            targets += [_target(task, target) for target in item.targets]
        created += tasks
        level = [
            (child, task, position)
            for (item, _p, _q), task in zip(level, tasks, strict=True)
            for position, child in enumerate(item.children, start=1)
        ]
    Task.lead_units.through.objects.bulk_create(links["lead"])
    Task.cooperating_units.through.objects.bulk_create(links["cooperating"])
    TaskTarget.objects.bulk_create(targets)
    record_history_bulk(
        created,
        actor=actor,
        reason=_("Imported from the plan's document"),
        created=True,
        scopes=[PlanTasks(plan.pk, plan.zone_id)],
    )


def _add_links(links: dict[str, list], task: Task, item: ParsedItem, units: dict[str, Unit]) -> None:
    """The item's lead and cooperating units as link rows of `task` (a unit that leads does not also
    cooperate; sections have none)."""
    if item.is_section:
        return
    lead = list(dict.fromkeys(units[name] for name in item.lead_units))
    cooperating = [
        unit for unit in dict.fromkeys(units[name] for name in item.cooperating_units) if unit not in lead
    ]
    links["lead"] += [Task.lead_units.through(task_id=task.pk, unit_id=unit.pk) for unit in lead]
    links["cooperating"] += [
        Task.cooperating_units.through(task_id=task.pk, unit_id=unit.pk) for unit in cooperating
    ]


def _target(task: Task, target: dict) -> TaskTarget:
    return TaskTarget(
        task=task,
        metric=target["metric"],
        value=Decimal(target["value"]),
        comparator=target["comparator"],
        unit_of_measure=target["unit_of_measure"],
        text=target["text"],
    )


def _task(plan: Plan, item: ParsedItem, parent: Task | None, position: int, depth: int) -> Task:
    title, body = item.title, item.body
    if len(title) > TITLE_MAX:
        title, body = title[:TITLE_MAX], f"{title[TITLE_MAX:]}\n{body}".strip()
    task = Task(
        plan=plan,
        parent=parent,
        position=position,
        label=(item.label or default_label(depth, position))[:20],
        title=title,
        body=body,
        is_section=item.is_section,
        responsible_person="、".join(item.responsible_persons)[:100],
        deadline=item.deadline,
        deadline_text=item.deadline_text[:100],
        stages=item.stages,
    )
    try:
        task.clean_fields(exclude=["plan", "parent"])
    except ValidationError as error:
        raise ValidationError(
            {"document": [f"{item.label}{item.title[:30]}：{' '.join(error.messages)}"]}
        ) from error
    return task
