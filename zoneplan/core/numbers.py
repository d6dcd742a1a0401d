"""Arithmetic the domains' figures share."""

from decimal import ROUND_HALF_UP, Decimal


def percent(part, whole) -> Decimal | None:
    """`part` as a percentage of `whole`, to one decimal; None when there is nothing to compare with."""
    if not whole:
        return None
    return (Decimal(part or 0) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
