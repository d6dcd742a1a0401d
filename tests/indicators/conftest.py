from decimal import Decimal as D

import pytest

from indicators.models import Indicator
from indicators.services import Entry, values_save
from tests.factories import MembershipFactory, UnitFactory, UserFactory, ZoneFactory


@pytest.fixture
def stats(world):
    """The world's zone and a sibling zone under one city, each with a statistics unit; a `stats` user."""
    city = ZoneFactory(name="玉林市", level="city")
    world.zone.parent = city
    world.zone.statistics_unit = UnitFactory(name="玉林高新区经济发展局")
    world.zone.save()
    sibling = ZoneFactory(name="龙潭产业园区", parent=city, statistics_unit=UnitFactory(name="龙潭园区经发局"))
    world.users["stats"] = MembershipFactory(user=UserFactory(username="stats"), unit=world.zone.statistics_unit).user
    world.users["sibling_stats"] = MembershipFactory(
        user=UserFactory(username="sibling_stats"), unit=sibling.statistics_unit
    ).user
    return {"city": city, "zone": world.zone, "sibling": sibling}


@pytest.fixture
def catalogue(db):
    return {indicator.code: indicator for indicator in Indicator.objects.all()}


@pytest.fixture
def enter(catalogue, world):
    """Enter and approve a month of values for a zone: enter(zone, year, month, {code: value}, user=…)."""

    def enter_month(zone, year, month, figures, *, user=None, approve=True, last_year=None):
        user = user or world.users["stats"]
        entries = [
            Entry(catalogue[code], D(str(value)), last_year_value=D(str(last_year[code])) if last_year else None)
            for code, value in figures.items()
        ]
        saved = values_save(actor=user, zone=zone, year=year, month=month, entries=entries, submit=True)
        if approve:
            from indicators.services import values_review

            admin = world.users["admin"]
            values_review(actor=admin, zone=zone, year=year, month=month, approve=True)
        return saved

    return enter_month
