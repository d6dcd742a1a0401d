"""Demo indicators: three zones of one city, two full years and this year to last month.

The demo zone's targets are those of the annual plan in shared/data (地区生产总值29亿元、增长32%，
工业总产值14.3亿元、增长30%，财政收入3亿元、增长27%，招商引资11亿元、增长11%，固定资产投资10亿元);
other figures are in proportion. Some zones and indicators run ahead of the time schedule, some behind.
Values go through the services: entered and submitted by each zone's statistics unit, approved by
the planner; the demo zone's latest month waits for approval.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from indicators.choices import IndicatorKind
from indicators.models import Indicator, IndicatorValue
from indicators.services import Entry, target_set, values_review, values_save
from organisation.choices import MembershipRole, UnitKind, ZoneLevel
from organisation.models import Membership, Unit, Zone

# Share of the annual flow reached by the end of each month: slow start, strong year end.
CUMULATIVE_SHARE = [
    Decimal(s)
    for s in ("0.06", "0.13", "0.21", "0.29", "0.37", "0.47", "0.55", "0.63", "0.72", "0.81", "0.90", "1")
]
# Last year's annual value in the demo zone, and this year's target (value, growth %).
LAST_YEAR = {
    "gdp": ("21.97", ("29", "32")),
    "industrial_output": ("11.0", ("14.3", "30")),
    "industrial_value_added": ("3.1", (None, "25")),
    "main_business_revenue": ("10.6", (None, "28")),
    "fixed_asset_investment": ("7.8", ("10", "28")),
    "industrial_investment": ("4.9", (None, "20")),
    "tax_revenue": ("1.9", (None, "20")),
    "public_budget_revenue": ("2.36", ("3", "27")),
    "actual_foreign_investment": ("850", (None, "10")),
    "foreign_trade": ("3.2", (None, "15")),
    "investment_attracted": ("9.9", ("11", "11")),
    "new_major_projects": ("12", ("15", None)),
    "new_scale_enterprises": ("8", ("10", None)),
    "high_tech_enterprises": ("46", ("55", None)),
    "retail_sales": ("5.4", (None, "9")),
}
# Actual growth this year minus the target growth, in points, by (zone, indicator) position.
SURPRISES = [Decimal(d) for d in ("6", "-9", "2", "-4", "8", "-2")]


@dataclass(frozen=True)
class DemoZone:
    code: str
    name: str
    statistics_unit: str
    scale: Decimal


ZONES = [
    DemoZone("yulin-hitech", "玉林高新技术产业开发区", "玉林高新区经济发展局", Decimal("1")),
    DemoZone("yulin-econ", "玉林经济开发区", "玉林经济开发区经济发展局", Decimal("1.6")),
    DemoZone("yulin-longtan", "玉林龙潭产业园区", "龙潭产业园区经济发展局", Decimal("0.7")),
]


def load_indicator_demo(*, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    users = {
        u.username: u for u in get_user_model().objects.filter(username__in=["admin", "planner", "stats"])
    }
    with transaction.atomic():
        zones = _zones(users)
        if IndicatorValue.objects.filter(zone=zones[0]).exists():
            return False
        indicators = list(Indicator.objects.filter(code__in=LAST_YEAR).order_by("position"))
        for zone_index, (spec, zone) in enumerate(zip(ZONES, zones, strict=True)):
            enterer = users["stats"] if zone_index == 0 else users["admin"]
            for indicator in indicators:
                _target(
                    zone, indicator, spec, today.year, users["planner"] if zone_index == 0 else users["admin"]
                )
            for year, month in _months(today):
                figures = {
                    indicator: _cumulative(indicator, spec, zone_index, i, year, month, today.year)
                    for i, indicator in enumerate(indicators)
                }
                entries = [Entry(indicator, value) for indicator, value in figures.items()]
                values_save(actor=enterer, zone=zone, year=year, month=month, entries=entries, submit=True)
                waiting = zone_index == 0 and (year, month) == _months(today)[-1]
                if not waiting:
                    values_review(actor=users["admin"], zone=zone, year=year, month=month, approve=True)
    return True


def _zones(users) -> list[Zone]:
    city, _ = Zone.objects.get_or_create(code="yulin", defaults={"name": "玉林市", "level": ZoneLevel.CITY})
    zones = []
    for spec in ZONES:
        zone, _ = Zone.objects.get_or_create(code=spec.code, defaults={"name": spec.name})
        unit, _ = Unit.objects.get_or_create(
            name=spec.statistics_unit, defaults={"kind": UnitKind.COMMITTEE_DEPARTMENT, "zone": zone}
        )
        if zone.parent_id != city.pk or zone.statistics_unit_id != unit.pk:
            zone.parent, zone.statistics_unit = city, unit
            zone.save(update_fields=["parent", "statistics_unit"])
        zones.append(zone)
    Membership.objects.get_or_create(
        user=users["stats"], unit=zones[0].statistics_unit, defaults={"role": MembershipRole.LIAISON}
    )
    return zones


def _months(today: date) -> list[tuple[int, int]]:
    """Two full years and this year up to last month."""
    return [(today.year - back, m) for back in (2, 1) for m in range(1, 13)] + [
        (today.year, m) for m in range(1, today.month)
    ]


def _annual(
    indicator, spec: DemoZone, zone_index: int, indicator_index: int, year: int, this_year: int
) -> Decimal:
    last_year = Decimal(LAST_YEAR[indicator.code][0]) * spec.scale
    if year == this_year - 1:
        return last_year
    if year == this_year - 2:
        return last_year / Decimal("1.12")
    _, (target_value, target_growth) = LAST_YEAR[indicator.code]
    planned = (
        Decimal(target_growth)
        if target_growth
        else (Decimal(target_value) / Decimal(LAST_YEAR[indicator.code][0]) - 1) * 100
    )
    actual = planned + SURPRISES[(zone_index * 5 + indicator_index) % len(SURPRISES)]
    return last_year * (100 + actual) / 100


def _cumulative(indicator, spec, zone_index, indicator_index, year, month, this_year) -> Decimal:
    annual = _annual(indicator, spec, zone_index, indicator_index, year, this_year)
    if indicator.kind == IndicatorKind.STOCK:
        start = (
            _annual(indicator, spec, zone_index, indicator_index, year - 1, this_year)
            if year > this_year - 2
            else annual * Decimal("0.9")
        )
        value = start + (annual - start) * month / 12
    else:
        value = annual * CUMULATIVE_SHARE[month - 1]
    return value.quantize(Decimal(1).scaleb(-indicator.decimals), rounding=ROUND_HALF_UP)


def _target(zone, indicator, spec: DemoZone, year: int, actor) -> None:
    target_value, target_growth = LAST_YEAR[indicator.code][1]
    target_set(
        actor=actor,
        zone=zone,
        indicator=indicator,
        year=year,
        target_value=(Decimal(target_value) * spec.scale).quantize(Decimal("0.01")) if target_value else None,
        target_growth=Decimal(target_growth) if target_growth else None,
    )
