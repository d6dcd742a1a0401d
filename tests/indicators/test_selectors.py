"""The rows of the monthly table, computed by hand for two sibling zones."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.selectors import indicator_rows, monthly_series, peer_zones
from indicators.services import target_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def june(stats, catalogue, world, enter):
    """Zone A: GDP 2025-06 10.0, 2025-12 25.0; 2026-05 11.0, 2026-06 14.6; target 29亿元.
    Zone B: GDP 2026-06 9.0 with last year's same period 8.0 typed in; target growth 10% only (no 2025 data).
    Unapproved values and drafts never count."""
    a, b = stats["zone"], stats["sibling"]
    enter(a, 2025, 6, {"gdp": "10.0"})
    enter(a, 2025, 12, {"gdp": "25.0"})
    enter(a, 2026, 5, {"gdp": "11.0"})
    enter(a, 2026, 6, {"gdp": "14.6", "tax_revenue": "1.0"}, approve=False)  # submitted: counts
    enter(b, 2026, 6, {"gdp": "9.0"}, user=world.users["sibling_stats"], last_year={"gdp": "8.0"})
    target_set(
        actor=world.users["admin"],
        zone=a,
        indicator=catalogue["gdp"],
        year=2026,
        target_value=D("29"),
        target_growth=D("32"),
    )
    target_set(
        actor=world.users["admin"],
        zone=b,
        indicator=catalogue["gdp"],
        year=2026,
        target_value=None,
        target_growth=D("10"),
    )
    return a, b


def row_for(rows, zone, code):
    return next(r for r in rows if r.zone == zone and r.indicator.code == code)


def test_rows_by_hand(june):
    a, b = june
    with CaptureQueriesContext(connection) as captured:
        rows = indicator_rows(zones=[a, b], year=2026, month=6, rank_among=peer_zones(a))
    assert len(captured) <= 4
    gdp_a, gdp_b = row_for(rows, a, "gdp"), row_for(rows, b, "gdp")
    assert (gdp_a.cumulative_value, gdp_a.month_value, gdp_a.last_year_value, gdp_a.yoy) == (
        D("14.6"),
        D("3.6"),
        D("10.0"),
        D("46.00"),
    )
    assert (gdp_a.completion, gdp_a.time_progress, gdp_a.gap, gdp_a.double_half) == (
        D("50.34"),
        D("50.00"),
        D("0.34"),
        True,
    )
    assert (gdp_a.growth_gap, gdp_a.rank, gdp_a.ranked_zones) == (D("14.00"), 1, 2)
    assert (gdp_b.yoy, gdp_b.month_value, gdp_b.completion, gdp_b.gap, gdp_b.double_half) == (
        D("12.50"),
        None,
        None,
        None,
        None,
    )
    assert (gdp_b.growth_gap, gdp_b.rank) == (D("2.50"), 2)


def test_missing_data_is_not_available(june):
    a, _ = june
    rows = indicator_rows(zones=[a], year=2026, month=6, rank_among=[a])
    tax = row_for(rows, a, "tax_revenue")
    assert (tax.cumulative_value, tax.yoy, tax.completion, tax.rank) == (D("1.0"), None, None, None)
    nothing = row_for(rows, a, "retail_sales")
    assert (nothing.cumulative_value, nothing.month_value, nothing.yoy, nothing.gap, nothing.state) == (
        None,
        None,
        None,
        None,
        None,
    )


def test_drafts_do_not_count(stats, catalogue, world, june):
    a, _ = june
    from indicators.services import Entry, values_save

    values_save(
        actor=world.users["stats"], zone=a, year=2026, month=7, entries=[Entry(catalogue["gdp"], D("17"))]
    )
    rows = indicator_rows(zones=[a], year=2026, month=7, rank_among=[a])
    assert row_for(rows, a, "gdp").cumulative_value is None


def test_monthly_series_for_the_trend_chart(june, catalogue):
    a, _ = june
    series = monthly_series(zone=a, indicator=catalogue["gdp"], years=[2025, 2026])
    assert series[2026][4:6] == [None, D("3.6")]  # May has no April to subtract from; June = 14.6 − 11.0
    assert series[2025][11] is None  # December 2025 needs November


def test_summary_rows_are_written_as_their_fields_would(june, stats):
    """SummaryRowSerializer writes its rows by hand; every field as its DRF field would write it, figures,
    ranks, nulls and colours included."""
    from rest_framework import serializers

    from indicators.api.serializers import SummaryRowSerializer

    zones = [stats["zone"], stats["sibling"]]
    rows = indicator_rows(zones=zones, year=2026, month=6, rank_among=zones)
    lean = SummaryRowSerializer(rows, many=True).data
    assert lean == [serializers.Serializer.to_representation(SummaryRowSerializer(), row) for row in rows]
    gdp = next(
        lean[i] for i, row in enumerate(rows) if row.zone == stats["zone"] and row.indicator.code == "gdp"
    )
    assert gdp["cumulative_value"] is not None and gdp["rank"] is not None
    assert any(row["cumulative_value"] is None for row in lean)
