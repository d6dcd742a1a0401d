"""The import as one write: the plan (plans), then the goals as the zone's indicator targets (indicators)."""

from django.db import transaction

from indicators.models import Indicator, IndicatorTarget
from indicators.services import target_set
from plans.services.imports import plan_import


@transaction.atomic
def import_plan(*, actor, zone, year: int, title: str, parsed, goals: list | None = None, **options):
    """`plans.services.imports.plan_import` (the outline, new units, aliases), and the `goals` that name a
    catalogue indicator become the zone's indicator targets for the year where it has none yet. All or
    nothing."""
    plan = plan_import(actor=actor, zone=zone, year=year, title=title, parsed=parsed, **options)
    _set_indicator_targets(actor, zone, year, goals or [])
    return plan


def _set_indicator_targets(actor, zone, year: int, goals: list) -> None:
    if not goals or not actor.has_perm("indicators.change_target", zone):
        return
    indicators = {
        i.code: i
        for i in Indicator.objects.filter(code__in=[g.indicator_code for g in goals if g.indicator_code])
    }
    taken = set(
        IndicatorTarget.objects.filter(zone=zone, year=year).values_list("indicator__code", flat=True)
    )
    for goal in goals:
        indicator = indicators.get(goal.indicator_code)
        if indicator is None or indicator.code in taken or indicator.unit_of_measure != goal.unit:
            continue
        target_set(
            actor=actor,
            zone=zone,
            indicator=indicator,
            year=year,
            target_value=goal.value,
            target_growth=goal.growth,
        )
        taken.add(indicator.code)
