"""Derived figures of economic indicators, computed here and nowhere else, never stored.

Every function returns None for "not available": no last-year value, a zero or negative base,
no target, a month that is not June for 双过半. Percentages are rounded to two decimals.
"""

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from indicators.choices import IndicatorKind

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def _pct(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def month_value(
    kind: str, cumulative: Decimal | None, previous: Decimal | None, month: int
) -> Decimal | None:
    """The month's own value: for a flow, this month's cumulative minus last month's; else the value
    itself."""
    if cumulative is None:
        return None
    if kind != IndicatorKind.FLOW or month == 1:
        return cumulative
    return None if previous is None else cumulative - previous


def yoy(kind: str, cumulative: Decimal | None, base: Decimal | None) -> Decimal | None:
    """Year-on-year growth (%) of the cumulative value; a ratio has no growth rate of its own."""
    if kind == IndicatorKind.RATIO or cumulative is None or base is None or base <= 0:
        return None
    return _pct((cumulative - base) * HUNDRED / base)


def effective_target(
    target_value: Decimal | None, target_growth: Decimal | None, last_year_annual: Decimal | None
) -> Decimal | None:
    """The annual target as a value: given, or last year's annual value grown by the target rate."""
    if target_value is not None:
        return target_value
    if target_growth is None or last_year_annual is None or last_year_annual <= 0:
        return None
    return last_year_annual * (HUNDRED + target_growth) / HUNDRED


def completion(cumulative: Decimal | None, target: Decimal | None) -> Decimal | None:
    """Completion of the annual target (%)."""
    if cumulative is None or target is None or target <= 0:
        return None
    return _pct(cumulative * HUNDRED / target)


def time_progress(month: int) -> Decimal:
    """The time schedule (序时进度): the share of the year gone by at the end of `month` (%)."""
    return _pct(Decimal(month) * HUNDRED / 12)


def schedule_gap(kind: str, completion_pct: Decimal | None, month: int) -> Decimal | None:
    """Percentage points ahead (+) or behind (−) the time schedule; only a flow accumulates over the year."""
    if kind != IndicatorKind.FLOW or completion_pct is None:
        return None
    return completion_pct - time_progress(month)


def growth_gap(yoy_pct: Decimal | None, target_growth: Decimal | None) -> Decimal | None:
    """Percentage points of growth above (+) or below (−) a growth-rate target."""
    if yoy_pct is None or target_growth is None:
        return None
    return yoy_pct - target_growth


def double_half(month: int, completion_pct: Decimal | None) -> bool | None:
    """双过半: at the end of June, half the year is gone and at least half the target is done."""
    if month != 6 or completion_pct is None:
        return None
    return completion_pct >= 50


def ranks(scores: Mapping[int, Decimal | None], *, higher_is_better: bool) -> dict[int, int | None]:
    """Competition ranking (1, 2, 2, 4) of the zones with a score; None for a zone without one."""
    known = sorted((score for score in scores.values() if score is not None), reverse=higher_is_better)
    return {key: (known.index(score) + 1 if score is not None else None) for key, score in scores.items()}


def colour_texts() -> dict[str, str]:
    """The reasons of `row_colour` in the active language, translated once for many rows."""
    return {
        "behind": _("Behind the time schedule by %(points)s points"),
        "ahead": _("Ahead of the time schedule by %(points)s points"),
        "on_schedule": _("On schedule"),
        "growth_below": _("Growth below the target by %(points)s points"),
        "growth_met": _("Growth at or above the target"),
    }


def row_colour(
    gap: Decimal | None, growth_gap: Decimal | None, *, yellow: int, red: int, texts: dict | None = None
) -> tuple[str, str]:
    """Red / yellow / green of an indicator: by points behind the time schedule, else against the growth
    target. `texts`: the reasons translated beforehand (`colour_texts()`)."""
    texts = texts or colour_texts()
    if gap is not None:
        if gap < -red:
            return "red", texts["behind"] % {"points": -gap}
        if gap < -yellow:
            return "yellow", texts["behind"] % {"points": -gap}
        if gap > 0:
            return "green", texts["ahead"] % {"points": gap}
        return "green", texts["on_schedule"]
    if growth_gap is not None:
        if growth_gap < 0:
            return "yellow", texts["growth_below"] % {"points": -growth_gap}
        return "green", texts["growth_met"]
    return "", ""
