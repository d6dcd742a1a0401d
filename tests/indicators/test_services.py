from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from indicators.catalogue import STANDARD_INDICATORS
from indicators.choices import ValueState
from indicators.models import Indicator, IndicatorTarget, IndicatorValue
from indicators.services import Entry, indicator_create, target_set, values_review, values_save
from zoneplan.core.exceptions import VersionConflict

pytestmark = pytest.mark.django_db


def test_standard_catalogue_is_installed_by_migration(catalogue):
    assert len(catalogue) == len(STANDARD_INDICATORS) >= 14
    assert (catalogue["industrial_output"].name, catalogue["industrial_output"].unit_of_measure) == (
        "规上工业总产值",
        "亿元",
    )
    assert catalogue["high_tech_enterprises"].kind == "stock"
    names = {i.name for i in catalogue.values()}
    for name in (
        "地区生产总值",
        "规上工业增加值",
        "固定资产投资",
        "工业投资",
        "税收收入",
        "一般公共预算收入",
        "实际利用外资",
        "外贸进出口总额",
        "招商引资到位资金",
        "新签约亿元以上项目数",
        "新增规上企业数",
        "社会消费品零售总额",
    ):
        assert name in names


def test_save_a_month_as_draft_then_submit_then_approve(stats, catalogue, world):
    zone, stats_user = stats["zone"], world.users["stats"]
    entries = [Entry(catalogue["gdp"], D("14.6")), Entry(catalogue["tax_revenue"], D("1.2"))]
    saved = values_save(actor=stats_user, zone=zone, year=2026, month=6, entries=entries)
    assert {v.state for v in saved} == {ValueState.DRAFT}
    gdp = saved[0]
    values_save(
        actor=stats_user,
        zone=zone,
        year=2026,
        month=6,
        submit=True,
        entries=[Entry(catalogue["gdp"], D("14.8"), version=gdp.version)],
    )
    assert set(IndicatorValue.objects.values_list("state", flat=True)) == {ValueState.SUBMITTED}
    assert IndicatorValue.objects.get(indicator=catalogue["gdp"]).cumulative_value == D("14.8")
    assert values_review(actor=world.users["planner"], zone=zone, year=2026, month=6, approve=True) == 2
    assert set(IndicatorValue.objects.values_list("state", flat=True)) == {ValueState.APPROVED}
    assert (
        IndicatorValue.objects.get(indicator=catalogue["gdp"]).history.count() == 4
    )  # created, edited, submitted, approved


def test_submitted_values_are_locked_until_returned(stats, catalogue, world):
    zone, stats_user = stats["zone"], world.users["stats"]
    [value] = values_save(
        actor=stats_user,
        zone=zone,
        year=2026,
        month=6,
        submit=True,
        entries=[Entry(catalogue["gdp"], D("14.6"))],
    )
    value.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        values_save(
            actor=stats_user,
            zone=zone,
            year=2026,
            month=6,
            entries=[Entry(catalogue["gdp"], D("1"), version=value.version)],
        )
    assert "gdp" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        values_review(actor=world.users["planner"], zone=zone, year=2026, month=6, approve=False)
    assert "comment" in error.value.message_dict
    values_review(
        actor=world.users["planner"],
        zone=zone,
        year=2026,
        month=6,
        approve=False,
        comment="与统计局数据不一致",
    )
    value.refresh_from_db()
    assert (value.state, value.review_comment) == (ValueState.RETURNED, "与统计局数据不一致")
    values_save(
        actor=stats_user,
        zone=zone,
        year=2026,
        month=6,
        entries=[Entry(catalogue["gdp"], D("14.2"), version=value.version)],
    )
    value.refresh_from_db()
    assert (value.state, value.cumulative_value) == (ValueState.DRAFT, D("14.2"))


def test_validation_negative_and_falling_cumulative(stats, catalogue, world, enter):
    zone = stats["zone"]
    enter(zone, 2026, 5, {"gdp": "12.0"})
    with pytest.raises(ValidationError) as error:
        values_save(
            actor=world.users["stats"],
            zone=zone,
            year=2026,
            month=6,
            entries=[
                Entry(catalogue["gdp"], D("11.5")),
                Entry(catalogue["tax_revenue"], D("-1")),
            ],
        )
    assert set(error.value.message_dict) == {"gdp", "tax_revenue"}
    assert IndicatorValue.objects.filter(month=6).count() == 0
    [value] = values_save(
        actor=world.users["stats"],
        zone=zone,
        year=2026,
        month=6,
        entries=[
            Entry(catalogue["gdp"], D("11.5"), correction_reason="统计局核减前期数据"),
        ],
    )
    assert value.correction_reason == "统计局核减前期数据"


def test_future_months_and_duplicates_are_refused(stats, catalogue, world):
    with pytest.raises(ValidationError):
        values_save(
            actor=world.users["stats"],
            zone=stats["zone"],
            year=2099,
            month=1,
            entries=[Entry(catalogue["gdp"], D("1"))],
        )
    with pytest.raises(ValidationError) as error:
        values_save(
            actor=world.users["stats"],
            zone=stats["zone"],
            year=2026,
            month=1,
            entries=[Entry(catalogue["gdp"], D("1")), Entry(catalogue["gdp"], D("2"))],
        )
    assert "gdp" in error.value.message_dict
    assert IndicatorValue.objects.count() == 0


def test_stale_version_conflicts(stats, catalogue, world):
    [value] = values_save(
        actor=world.users["stats"],
        zone=stats["zone"],
        year=2026,
        month=3,
        entries=[Entry(catalogue["gdp"], D("7"))],
    )
    values_save(
        actor=world.users["stats"],
        zone=stats["zone"],
        year=2026,
        month=3,
        entries=[Entry(catalogue["gdp"], D("7.1"), version=1)],
    )
    with pytest.raises(VersionConflict):
        values_save(
            actor=world.users["stats"],
            zone=stats["zone"],
            year=2026,
            month=3,
            entries=[Entry(catalogue["gdp"], D("7.2"), version=1)],
        )
    value.refresh_from_db()
    assert value.cumulative_value == D("7.1")


@pytest.mark.parametrize("role", ["sibling_stats", "reporter", "planner", "leader", "nobody"])
def test_only_the_zones_statistics_unit_enters(stats, catalogue, world, role):
    with pytest.raises(PermissionDenied):
        values_save(
            actor=world.users[role],
            zone=stats["zone"],
            year=2026,
            month=3,
            entries=[Entry(catalogue["gdp"], D("7"))],
        )
    assert IndicatorValue.objects.count() == 0


@pytest.mark.parametrize("role", ["stats", "other_planner", "leader"])
def test_only_the_zones_planner_reviews(stats, catalogue, world, role):
    values_save(
        actor=world.users["stats"],
        zone=stats["zone"],
        year=2026,
        month=3,
        submit=True,
        entries=[Entry(catalogue["gdp"], D("7"))],
    )
    with pytest.raises(PermissionDenied):
        values_review(actor=world.users[role], zone=stats["zone"], year=2026, month=3, approve=True)
    assert IndicatorValue.objects.get().state == ValueState.SUBMITTED


def test_targets_and_new_indicators(stats, catalogue, world):
    planner = world.users["planner"]

    def set_target(indicator="gdp", *, actor=planner, year=2026, **figures):
        return target_set(
            actor=actor, zone=stats["zone"], indicator=catalogue[indicator], year=year, **figures
        )

    target = set_target(target_value=D("29"), target_growth=D("32"))
    with pytest.raises(ValidationError):  # a second target for the year without the version read
        set_target(target_value=D("30"), target_growth=None)
    set_target(target_value=D("30"), target_growth=None, expected_version=target.version)
    assert IndicatorTarget.objects.get().target_value == D("30")
    with pytest.raises(ValidationError):  # neither a value nor a growth
        set_target("tax_revenue", target_value=None, target_growth=None)
    with pytest.raises(PermissionDenied):
        set_target(actor=world.users["stats"], year=2027, target_value=D("1"), target_growth=None)
    assert IndicatorTarget.objects.count() == 1
    electricity = indicator_create(
        actor=planner, code="industrial_power", name="工业用电量", unit_of_measure="万千瓦时"
    )
    assert electricity.position == len(catalogue) + 1
    with pytest.raises(PermissionDenied):
        indicator_create(actor=world.users["reporter"], code="x", name="x", unit_of_measure="个")
    assert Indicator.objects.count() == len(catalogue) + 1


def test_one_value_per_zone_indicator_month(stats, catalogue):
    IndicatorValue.objects.create(
        zone=stats["zone"], indicator=catalogue["gdp"], year=2026, month=1, cumulative_value=1
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorValue.objects.create(
            zone=stats["zone"], indicator=catalogue["gdp"], year=2026, month=1, cumulative_value=2
        )
