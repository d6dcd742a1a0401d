"""A bar chart as plain numbers for an inline SVG: readable offline and without JavaScript."""

from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT, GAP = 600, 160, 6


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: Decimal


def bar_chart(points: list[tuple[str, Decimal]]) -> list[Bar]:
    """Bars scaled to the largest value; the label under each, the value above it."""
    if not points:
        return []
    top = max(value for _, value in points) or Decimal(1)
    width = WIDTH / len(points)
    bars = []
    for index, (label, value) in enumerate(points):
        height = float(value / top) * (HEIGHT - 30)
        bars.append(Bar(index * width + GAP / 2, HEIGHT - 15 - height, width - GAP, height, label, value))
    return bars
