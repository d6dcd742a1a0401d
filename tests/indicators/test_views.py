"""Indicator pages: the month's table, the entry grid with its POSTs, the trend chart."""

from decimal import Decimal as D

import pytest

from indicators.models import IndicatorValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def month_entered(stats, enter):
    enter(stats["zone"], 2025, 10, {"gdp": "20.0"})
    enter(stats["zone"], 2026, 9, {"gdp": "22.0"})
    enter(stats["zone"], 2026, 10, {"gdp": "24.5"}, approve=False)
    return stats["zone"]


def test_table_shows_the_month_like_a_bulletin(month_entered, client, world):
    client.force_login(world.users["leader"])
    html = client.get(f"/indicators/?zone={month_entered.pk}&year=2026&month=10").content.decode()
    # cumulative, month, YoY
    assert "地区生产总值" in html and "24.50" in html and "2.50" in html and "22.5" in html
    assert 'value="approve"' not in html  # only planners review


def test_planner_approves_from_the_table(month_entered, client, world):
    client.force_login(world.users["planner"])
    html = client.get(f"/indicators/?zone={month_entered.pk}&year=2026&month=10").content.decode()
    assert 'value="approve"' in html
    client.post(f"/indicators/review/{month_entered.pk}/2026/10/", {"action": "approve"})
    assert IndicatorValue.objects.get(year=2026, month=10).state == "approved"


def test_entry_grid_saves_and_submits(stats, client, world, catalogue):
    client.force_login(world.users["stats"])
    path = f"/indicators/entry/?zone={stats['zone'].pk}&year=2026&month=3"
    assert 'name="value-gdp"' in client.get(path).content.decode()
    response = client.post(
        path, {"value-gdp": "7.3", "value-tax_revenue": "0.61", "last-tax_revenue": "0.5", "save": ""}
    )
    assert response.status_code == 302
    assert IndicatorValue.objects.get(indicator=catalogue["tax_revenue"]).last_year_value == D("0.5")
    client.post(path, {"value-gdp": "7.4", "submit": ""})
    assert set(IndicatorValue.objects.values_list("state", flat=True)) == {"submitted"}
    assert IndicatorValue.objects.get(indicator=catalogue["gdp"]).cumulative_value == D("7.4")


def test_entry_grid_shows_errors_and_writes_nothing(stats, client, world):
    client.force_login(world.users["stats"])
    path = f"/indicators/entry/?zone={stats['zone'].pk}&year=2026&month=3"
    response = client.post(path, {"value-gdp": "-2", "value-tax_revenue": "abc", "save": ""})
    assert response.status_code == 200
    assert IndicatorValue.objects.count() == 0
    assert response.content.decode().count('class="errorlist"') >= 1


def test_entry_grid_is_for_the_statistics_unit_only(stats, client, world):
    client.force_login(world.users["reporter"])
    assert client.get(f"/indicators/entry/?zone={stats['zone'].pk}&year=2026&month=3").status_code == 403


def test_trend_chart(month_entered, client, world):
    client.force_login(world.users["leader"])
    html = client.get(f"/indicators/gdp/?zone={month_entered.pk}&year=2026&month=10").content.decode()
    assert "<svg" in html and "2.5" in html
