"""Reads of economic indicators: the rows of a zone's (or a parent's zones') monthly table.

Three queries whatever the number of zones and indicators: the catalogue, the values needed
(this month, last month, the same month and December of last year, for every zone ranked
together), and the targets. The arithmetic is in `indicators.figures`.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from indicators import figures
from indicators.choices import REPORTED_STATES, IndicatorKind
from indicators.models import Indicator, IndicatorTarget, IndicatorValue
from plans.models import Zone
from plans.periods import month_before


@dataclass
class IndicatorRow:
    zone: Zone
    indicator: Indicator
    year: int
    month: int
    cumulative_value: Decimal | None
    month_value: Decimal | None
    last_year_value: Decimal | None
    yoy: Decimal | None
    target_value: Decimal | None
    target_growth: Decimal | None
    completion: Decimal | None
    time_progress: Decimal
    gap: Decimal | None
    growth_gap: Decimal | None
    double_half: bool | None
    rank: int | None = None
    ranked_zones: int = 0
    state: str | None = None
    colour: str = ""
    colour_reason: str = ""


def last_month() -> tuple[int, int]:
    """The latest month whose figures can be complete: the one before this."""
    return month_before(timezone.localdate())


def peer_zones(zone: Zone) -> list[Zone]:
    """The zones a zone is ranked among: the children of its parent, or itself alone."""
    if zone.parent_id is None:
        return [zone]
    return list(Zone.objects.filter(parent_id=zone.parent_id).order_by("name"))


def values_visible_to(user) -> QuerySet[IndicatorValue]:
    """Indicator values are open to everyone signed in; writes are checked per zone."""
    return IndicatorValue.objects.select_related("zone", "indicator", "entered_by", "reviewed_by")


def indicator_rows(*, zones: list[Zone], year: int, month: int, rank_among: list[Zone]) -> list[IndicatorRow]:
    """Every active indicator of each of `zones` for the month, ranked by growth among `rank_among`."""
    indicators = list(Indicator.objects.filter(is_active=True))
    everyone = {zone.pk: zone for zone in [*rank_among, *zones]}
    values = _reported_values(list(everyone), year, month)
    targets = {
        (t.zone_id, t.indicator_id): t for t in IndicatorTarget.objects.filter(zone_id__in=list(everyone), year=year)
    }
    rows = {
        (zone_id, indicator.pk): _row(zone, indicator, year, month, values, targets.get((zone_id, indicator.pk)))
        for zone_id, zone in everyone.items()
        for indicator in indicators
    }
    for indicator in indicators:
        scores = {zone.pk: rows[(zone.pk, indicator.pk)].yoy for zone in rank_among}
        for zone_id, rank in figures.ranks(scores, higher_is_better=indicator.higher_is_better).items():
            rows[(zone_id, indicator.pk)].rank = rank
            rows[(zone_id, indicator.pk)].ranked_zones = sum(score is not None for score in scores.values())
    return [rows[(zone.pk, indicator.pk)] for zone in zones for indicator in indicators]


def _reported_values(zone_ids: list[int], year: int, month: int) -> dict:
    periods = {(year, month), (year, month - 1), (year - 1, month), (year - 1, 12)}
    years = {period[0] for period in periods}
    months = {period[1] for period in periods}
    rows = IndicatorValue.objects.filter(
        zone_id__in=zone_ids, year__in=years, month__in=months, state__in=REPORTED_STATES
    ).values_list(  # named tuples, not model instances: a tenth of the cost for a month across ten zones
        "zone_id", "indicator_id", "year", "month", "cumulative_value", "last_year_value", "state", named=True
    )
    return {(v.zone_id, v.indicator_id, v.year, v.month): v for v in rows}


def _row(zone, indicator, year, month, values, target) -> IndicatorRow:
    def cumulative(y, m):
        value = values.get((zone.pk, indicator.pk, y, m))
        return value.cumulative_value if value else None

    current = values.get((zone.pk, indicator.pk, year, month))
    base = cumulative(year - 1, month)
    if base is None and current is not None:
        base = current.last_year_value
    target_value = figures.effective_target(
        target.target_value if target else None, target.target_growth if target else None, cumulative(year - 1, 12)
    )
    cum = current.cumulative_value if current else None
    yoy = figures.yoy(indicator.kind, cum, base)
    done = figures.completion(cum, target_value) if indicator.kind != IndicatorKind.RATIO else None
    gap = figures.schedule_gap(indicator.kind, done, month)
    growth_gap = figures.growth_gap(yoy, target.target_growth if target else None)
    colour, reason = figures.row_colour(
        gap, growth_gap, yellow=settings.COLOUR_YELLOW_POINTS, red=settings.COLOUR_RED_POINTS
    )
    return IndicatorRow(
        zone=zone,
        indicator=indicator,
        year=year,
        month=month,
        cumulative_value=cum,
        month_value=figures.month_value(indicator.kind, cum, cumulative(year, month - 1), month),
        last_year_value=base,
        yoy=yoy,
        target_value=target_value,
        target_growth=target.target_growth if target else None,
        completion=done,
        time_progress=figures.time_progress(month),
        gap=gap,
        growth_gap=growth_gap,
        double_half=figures.double_half(month, done),
        state=current.state if current else None,
        colour=colour,
        colour_reason=reason,
    )


def monthly_series(*, zone: Zone, indicator: Indicator, years: list[int]) -> dict[int, list[Decimal | None]]:
    """Monthly values (not cumulative) per year, January to December, for a trend chart; one query."""
    cumulative = {
        (v.year, v.month): v.cumulative_value
        for v in IndicatorValue.objects.filter(
            zone=zone, indicator=indicator, year__in=years, state__in=REPORTED_STATES
        ).only("year", "month", "cumulative_value")
    }
    return {
        year: [
            figures.month_value(indicator.kind, cumulative.get((year, m)), cumulative.get((year, m - 1)), m)
            for m in range(1, 13)
        ]
        for year in years
    }
