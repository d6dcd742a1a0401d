"""Reads of economic indicators: the rows of a zone's (or a parent's zones') monthly table.

Three queries whatever the number of zones and indicators: the catalogue, the values needed
(this month, last month, the same month and December of last year, for every zone ranked
together), and the targets. The arithmetic is in `indicators.figures`.
"""

from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from indicators import figures
from indicators.choices import REPORTED_STATES, IndicatorKind
from indicators.models import Indicator, IndicatorTarget, IndicatorValue
from organisation.models import Zone
from zoneplan.core.periods import month_before


@dataclass(slots=True)
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


NOT_REPORTED = (None, None, None)  # a zone's month without figures: cumulative, last year's value, state
NO_TARGET = (None, None)  # target value, target growth


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
    values = _reported_values(list(everyone), [indicator.pk for indicator in indicators], year, month)
    targets = _targets(list(everyone), year)
    colour = partial(  # thresholds and reasons looked up once, not per row
        figures.row_colour,
        yellow=settings.COLOUR_YELLOW_POINTS,
        red=settings.COLOUR_RED_POINTS,
        texts=figures.colour_texts(),
    )
    rows = {
        (zone_id, indicator.pk): _row(
            zone, indicator, (year, month), values, targets.get((zone_id, indicator.pk)), colour
        )
        for zone_id, zone in everyone.items()
        for indicator in indicators
    }
    for indicator in indicators:
        scores = {zone.pk: rows[(zone.pk, indicator.pk)].yoy for zone in rank_among}
        ranked_zones = sum(score is not None for score in scores.values())
        for zone_id, rank in figures.ranks(scores, higher_is_better=indicator.higher_is_better).items():
            row = rows[(zone_id, indicator.pk)]
            row.rank, row.ranked_zones = rank, ranked_zones
    return [rows[(zone.pk, indicator.pk)] for zone in zones for indicator in indicators]


def _reported_values(zone_ids: list[int], indicator_ids: list[int], year: int, month: int) -> dict:
    periods = {(year, month), (year, month - 1), (year - 1, month), (year - 1, 12)}
    years = {period[0] for period in periods}
    months = {period[1] for period in periods}
    rows = (
        IndicatorValue.objects.filter(
            # by indicator first: the (indicator, year, month) index then reads only the months asked for
            indicator_id__in=indicator_ids,
            year__in=years,
            month__in=months,
            zone_id__in=zone_ids,
            state__in=REPORTED_STATES,
        )
        .order_by()  # the model's ordering joins zones and indicators and sorts for nothing here
        .values_list(  # plain tuples, not model instances: a month across ten zones is 1,500 of them
            "zone_id", "indicator_id", "year", "month", "cumulative_value", "last_year_value", "state"
        )
    )
    return {(zone_id, indicator_id, y, m): rest for zone_id, indicator_id, y, m, *rest in rows}


def _targets(zone_ids: list[int], year: int) -> dict:
    """(zone, indicator) → (target value, target growth) for the year."""
    targets = IndicatorTarget.objects.filter(zone_id__in=zone_ids, year=year).order_by()
    return {
        (zone_id, indicator_id): (value, growth)
        for zone_id, indicator_id, value, growth in targets.values_list(
            "zone_id", "indicator_id", "target_value", "target_growth"
        )
    }


def _row(zone, indicator, period, values, target, colour) -> IndicatorRow:
    """One row's figures; `values` maps (zone, indicator, year, month) to (cumulative, last year's, state);
    `colour(gap, growth_gap)` is `figures.row_colour` with the thresholds."""
    zone_id, indicator_id = zone.pk, indicator.pk
    year, month = period

    def cumulative(y, m):
        value = values.get((zone_id, indicator_id, y, m))
        return value[0] if value else None

    cum, last_year_value, state = values.get((zone_id, indicator_id, year, month), NOT_REPORTED)
    base = cumulative(year - 1, month)
    if base is None:
        base = last_year_value
    given_value, target_growth = target or NO_TARGET
    target_value = figures.effective_target(given_value, target_growth, cumulative(year - 1, 12))
    yoy = figures.yoy(indicator.kind, cum, base)
    done = figures.completion(cum, target_value) if indicator.kind != IndicatorKind.RATIO else None
    gap = figures.schedule_gap(indicator.kind, done, month)
    growth_gap = figures.growth_gap(yoy, target_growth)
    row_colour, reason = colour(gap, growth_gap)
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
        target_growth=target_growth,
        completion=done,
        time_progress=figures.time_progress(month),
        gap=gap,
        growth_gap=growth_gap,
        double_half=figures.double_half(month, done),
        state=state,
        colour=row_colour,
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
