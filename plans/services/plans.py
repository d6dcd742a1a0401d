from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.models import Zone
from plans.choices import PlanKind, PlanStatus
from plans.models import Plan, Task
from zoneplan.core.history import record_history
from zoneplan.core.permissions import ensure_perm
from zoneplan.core.writes import create_with_history, update_versioned

PLAN_EDITABLE_FIELDS = frozenset({"title", "kind", "year", "start_date", "end_date"})


def ensure_plan_editable(plan: Plan) -> None:
    if plan.status == PlanStatus.ARCHIVED:
        raise ValidationError(_("An archived plan cannot be changed."))


@transaction.atomic
def plan_create(
    *,
    actor,
    zone: Zone,
    title: str,
    start_date: date,
    end_date: date,
    kind: str = PlanKind.ANNUAL,
    year: int | None = None,
) -> Plan:
    ensure_perm(actor, "plans.add_plan", zone)
    plan = Plan(
        zone=zone,
        title=title,
        kind=kind,
        year=year,
        start_date=start_date,
        end_date=end_date,
        created_by=actor,
    )
    return create_with_history(plan, actor=actor)


@transaction.atomic
def plan_update(*, actor, plan: Plan, expected_version: int, **changes) -> Plan:
    ensure_perm(actor, "plans.change_plan", plan)
    ensure_plan_editable(plan)
    return update_versioned(
        plan, actor=actor, expected_version=expected_version, changes=changes, allowed=PLAN_EDITABLE_FIELDS
    )


@transaction.atomic
def plan_publish(*, actor, plan: Plan) -> Plan:
    """Draft → published: every task item needs a lead unit before units are asked to report."""
    ensure_perm(actor, "plans.change_plan", plan)
    items = Task.objects.filter(plan=plan, is_section=False)
    if not items.exists():
        raise ValidationError(_("A plan without task items cannot be published."))
    orphans = list(items.filter(lead_units=None).values_list("label", "title")[:10])
    if orphans:
        listed = "; ".join(f"{label}{title[:20]}" for label, title in orphans)
        raise ValidationError(_("These tasks have no lead unit: %(tasks)s") % {"tasks": listed})
    return _move_status(
        actor=actor,
        plan=plan,
        source=PlanStatus.DRAFT,
        target=PlanStatus.PUBLISHED,
        published_at=timezone.now(),
    )


@transaction.atomic
def plan_archive(*, actor, plan: Plan) -> Plan:
    """Published → archived: the plan is kept for the record and no longer changes."""
    ensure_perm(actor, "plans.change_plan", plan)
    return _move_status(actor=actor, plan=plan, source=PlanStatus.PUBLISHED, target=PlanStatus.ARCHIVED)


def _move_status(*, actor, plan: Plan, source: str, target: str, **extra) -> Plan:
    moved = Plan.objects.filter(pk=plan.pk, status=source).update(
        status=target, version=F("version") + 1, **extra
    )
    if not moved:
        raise ValidationError(
            _("Only a plan in state “%(source)s” can become “%(target)s”.")
            % {"source": PlanStatus(source).label, "target": PlanStatus(target).label}
        )
    plan.refresh_from_db()
    record_history(plan, actor=actor)
    return plan
