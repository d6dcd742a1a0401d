from datetime import date
from decimal import Decimal as D

import pytest

from indicators.models import IndicatorValue

pytestmark = pytest.mark.django_db


def bulk(api, user, zone, month, values, submit=False, year=2026):
    return api(user).post(
        "/api/v1/indicator-values/bulk/",
        {"zone": zone.pk, "year": year, "month": month, "submit": submit, "values": values},
        format="json",
    )


def test_bulk_upsert_then_review(stats, catalogue, world, api):
    zone, gdp, tax = stats["zone"], catalogue["gdp"], catalogue["tax_revenue"]
    first = bulk(
        api,
        world.users["stats"],
        zone,
        3,
        [
            {"indicator": gdp.pk, "cumulative_value": "7.25"},
            {"indicator": tax.pk, "cumulative_value": "0.52"},
        ],
    )
    assert first.status_code == 200, first.content
    rows = {row["indicator"]: row for row in first.json()}
    assert (rows[gdp.pk]["cumulative_value"], rows[gdp.pk]["state"], rows[gdp.pk]["version"]) == (
        "7.2500",
        "draft",
        1,
    )
    second = bulk(
        api,
        world.users["stats"],
        zone,
        3,
        [
            {"indicator": gdp.pk, "cumulative_value": "7.30", "version": 1},
        ],
        submit=True,
    )
    assert second.status_code == 200
    assert set(IndicatorValue.objects.values_list("state", flat=True)) == {"submitted"}
    review = api(world.users["planner"]).post(
        "/api/v1/indicator-values/review/", {"zone": zone.pk, "year": 2026, "month": 3, "action": "approve"}
    )
    assert (review.status_code, review.json()) == (200, {"reviewed": 2})
    listed = api(world.users["leader"]).get(
        f"/api/v1/indicator-values/?zone={zone.pk}&month=3&state=approved"
    )
    assert listed.json()["count"] == 2


def test_bulk_errors_are_field_messages_and_write_nothing(stats, catalogue, world, api):
    response = bulk(
        api,
        world.users["stats"],
        stats["zone"],
        3,
        [
            {"indicator": catalogue["gdp"].pk, "cumulative_value": "-1"},
            {"indicator": catalogue["tax_revenue"].pk, "cumulative_value": "abc"},
        ],
    )
    assert response.status_code == 400
    assert "values" in response.json()
    response = bulk(
        api,
        world.users["stats"],
        stats["zone"],
        3,
        [{"indicator": catalogue["gdp"].pk, "cumulative_value": "-1"}],
    )
    assert (response.status_code, list(response.json())) == (400, ["gdp"])
    assert (
        bulk(
            api, world.users["stats"], stats["zone"], 13, [{"indicator": 1, "cumulative_value": "1"}]
        ).status_code
        == 400
    )
    assert IndicatorValue.objects.count() == 0


def test_stale_bulk_write_is_409(stats, catalogue, world, api):
    gdp = catalogue["gdp"].pk
    bulk(api, world.users["stats"], stats["zone"], 3, [{"indicator": gdp, "cumulative_value": "7"}])
    assert (
        bulk(
            api,
            world.users["stats"],
            stats["zone"],
            3,
            [{"indicator": gdp, "cumulative_value": "8", "version": 1}],
        ).status_code
        == 200
    )
    stale = bulk(
        api,
        world.users["stats"],
        stats["zone"],
        3,
        [{"indicator": gdp, "cumulative_value": "9", "version": 1}],
    )
    assert (stale.status_code, stale.json()["current_version"]) == (409, 2)
    assert IndicatorValue.objects.get().cumulative_value == D("8")


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 401),
        ("stats", 200),
        ("sibling_stats", 403),
        ("reporter", 403),
        ("planner", 403),
        ("leader", 403),
        ("admin", 200),
    ],
)
def test_who_enters_values(stats, catalogue, world, api, role, expected):
    client = api(None if role == "anonymous" else world.users[role])
    response = client.post(
        "/api/v1/indicator-values/bulk/",
        {
            "zone": stats["zone"].pk,
            "year": 2026,
            "month": 3,
            "values": [{"indicator": catalogue["gdp"].pk, "cumulative_value": "7"}],
        },
        format="json",
    )
    assert response.status_code == expected
    assert IndicatorValue.objects.count() == (1 if expected == 200 else 0)


@pytest.mark.parametrize(
    ("role", "expected"), [("stats", 403), ("other_planner", 403), ("leader", 403), ("planner", 201)]
)
def test_who_sets_targets(stats, catalogue, world, api, role, expected):
    response = api(world.users[role]).post(
        "/api/v1/indicator-targets/",
        {
            "zone": stats["zone"].pk,
            "indicator": catalogue["gdp"].pk,
            "year": 2026,
            "target_value": "29",
            "target_growth": "32",
        },
        format="json",
    )
    assert response.status_code == expected


def test_target_needs_a_value_or_a_growth(stats, catalogue, world, api):
    response = api(world.users["planner"]).post(
        "/api/v1/indicator-targets/",
        {
            "zone": stats["zone"].pk,
            "indicator": catalogue["gdp"].pk,
            "year": 2026,
        },
        format="json",
    )
    assert (response.status_code, list(response.json())) == (400, ["non_field_errors"])


def test_summary_needs_a_zone_or_parent(api, world, stats):
    assert api(world.users["leader"]).get("/api/v1/indicators/summary/").status_code == 400
    both = f"/api/v1/indicators/summary/?zone={stats['zone'].pk}&parent={stats['city'].pk}"
    assert api(world.users["leader"]).get(both).status_code == 400


class TestDemoSummary:
    """The demo's June of this year, computed by hand from the demo's inputs.

    Demo zone GDP: last year 21.97亿元, target 29亿元 (+32%), actual growth 32 + 6 = 38%; by June 47% of the
    year: this June 30.3186 × 0.47 = 14.25; last June 21.97 × 0.47 = 10.33; YoY (14.25 − 10.33) / 10.33 =
    37.95%; completion 14.25 / 29 = 49.14% (not 双过半); schedule gap 49.14 − 50 = −0.86. The other two zones
    grow by 32 − 2 = 30% and 32 + 8 = 40%, so the demo zone ranks 2nd of 3.
    """

    @pytest.fixture
    def demo(self, db):
        from indicators.demo.loader import load_indicator_demo
        from plans.demo.loader import load_demo

        load_demo(today=date(2026, 11, 22))
        load_indicator_demo(today=date(2026, 11, 22))

    def test_zone_rows(self, demo, api):
        from django.contrib.auth import get_user_model

        from organisation.models import Zone

        zone = Zone.objects.get(code="yulin-hitech")
        leader = get_user_model().objects.get(username="leader")
        rows = api(leader).get(f"/api/v1/indicators/summary/?zone={zone.pk}&year=2026&month=6").json()
        gdp = next(row for row in rows if row["indicator_name"] == "地区生产总值")
        assert (gdp["cumulative_value"], gdp["last_year_value"], gdp["yoy"], gdp["completion"]) == (
            "14.2500",
            "10.3300",
            "37.95",
            "49.14",
        )
        assert (gdp["time_progress"], gdp["gap"], gdp["double_half"], gdp["rank"], gdp["ranked_zones"]) == (
            "50.00",
            "-0.86",
            False,
            2,
            3,
        )
        assert len(rows) == 15

    def test_parent_rows_cover_every_zone(self, demo, api):
        from django.contrib.auth import get_user_model

        from organisation.models import Zone

        city = Zone.objects.get(code="yulin")
        leader = get_user_model().objects.get(username="leader")
        rows = api(leader).get(f"/api/v1/indicators/summary/?parent={city.pk}&year=2026&month=6").json()
        assert len(rows) == 45
        gdp_ranks = sorted(row["rank"] for row in rows if row["indicator_name"] == "地区生产总值")
        assert gdp_ranks == [1, 2, 3]
