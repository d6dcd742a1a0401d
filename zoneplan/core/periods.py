"""Calendar months as the domains count them."""

from datetime import date


def month_before(day: date) -> tuple[int, int]:
    """(year, month) of the month before `day`'s: the latest month whose figures can be complete."""
    return (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
