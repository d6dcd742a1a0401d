"""Each derived figure against cases computed by hand, the undefined ones included."""

from decimal import Decimal as D

import pytest

from indicators.choices import IndicatorKind
from indicators.figures import (
    completion,
    double_half,
    effective_target,
    growth_gap,
    month_value,
    ranks,
    schedule_gap,
    time_progress,
    yoy,
)

FLOW, STOCK, RATIO = IndicatorKind.FLOW, IndicatorKind.STOCK, IndicatorKind.RATIO


@pytest.mark.parametrize(
    ("kind", "cumulative", "previous", "month", "expected"),
    [
        (FLOW, D("3.50"), D("2.25"), 3, D("1.25")),  # March alone: 3.50 − 2.25
        (FLOW, D("1.20"), None, 1, D("1.20")),  # January is its own month
        (FLOW, D("3.50"), None, 3, None),  # February missing: not available
        (STOCK, D("120"), D("118"), 5, D("120")),  # a stock is read at period end
        (FLOW, None, D("2"), 3, None),
    ],
)
def test_month_value(kind, cumulative, previous, month, expected):
    assert month_value(kind, cumulative, previous, month) == expected


@pytest.mark.parametrize(
    ("kind", "cumulative", "base", "expected"),
    [
        (FLOW, D("1.46"), D("1.2187"), D("19.80")),  # 工业总产值1.46亿元，同比增长19.8%
        (FLOW, D("29"), D("21.97"), D("32.00")),  # 地区生产总值29亿元，增长32%
        (FLOW, D("8"), D("10"), D("-20.00")),
        (FLOW, D("8"), None, None),  # no last-year value
        (FLOW, D("8"), D("0"), None),  # zero base
        (FLOW, D("8"), D("-2"), None),  # negative base
        (RATIO, D("12.5"), D("10"), None),  # a ratio has no growth rate
    ],
)
def test_yoy(kind, cumulative, base, expected):
    assert yoy(kind, cumulative, base) == expected


def test_completion_time_progress_and_gap():
    assert completion(D("14.5"), D("29")) == D("50.00")
    assert completion(D("14.5"), None) is None and completion(D("14.5"), D("0")) is None
    assert (
        time_progress(6) == D("50.00")
        and time_progress(10) == D("83.33")
        and time_progress(12) == D("100.00")
    )
    assert schedule_gap(FLOW, D("60.00"), 10) == D("-23.33")  # 落后序时进度 23.33 个百分点
    assert schedule_gap(FLOW, D("90.00"), 10) == D("6.67")
    assert schedule_gap(STOCK, D("90.00"), 10) is None and schedule_gap(FLOW, None, 10) is None


def test_growth_targets():
    assert effective_target(D("29"), D("32"), D("21")) == D("29")  # a stated value wins
    assert effective_target(None, D("10"), D("200")) == D("220")
    assert effective_target(None, D("10"), None) is None and effective_target(None, None, D("200")) is None
    assert completion(D("110"), effective_target(None, D("10"), D("200"))) == D("50.00")
    assert growth_gap(D("19.80"), D("15")) == D("4.80") and growth_gap(None, D("15")) is None


def test_double_half_only_at_june():
    assert double_half(6, D("50.00")) is True
    assert double_half(6, D("49.99")) is False
    assert double_half(7, D("80")) is None and double_half(6, None) is None


def test_ranks_compete_and_skip_unknown():
    assert ranks({1: D("19.8"), 2: D("25"), 3: D("19.8"), 4: None}, higher_is_better=True) == {
        1: 2,
        2: 1,
        3: 2,
        4: None,
    }
    assert ranks({1: D("3"), 2: D("1")}, higher_is_better=False) == {1: 2, 2: 1}


def test_row_colour():
    from indicators.figures import row_colour

    assert row_colour(D("-31.00"), None, yellow=15, red=30)[0] == "red"
    assert row_colour(D("-30.00"), None, yellow=15, red=30)[0] == "yellow"
    assert row_colour(D("-15.00"), None, yellow=15, red=30)[0] == "green"
    assert row_colour(None, D("-2.50"), yellow=15, red=30)[0] == "yellow"
    assert row_colour(None, D("0"), yellow=15, red=30)[0] == "green"
    assert row_colour(None, None, yellow=15, red=30) == ("", "")
