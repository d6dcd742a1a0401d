"""Indicator summary rows as JSON without DRF's per-field machinery: a month across ten zones is 300 rows of 23
fields, which SummaryRowSerializer took most of the request to write. The output is exactly the serializer's (a
test compares them); SummaryRowSerializer stays the schema."""

from decimal import Context, Decimal

from indicators.api.serializers import SummaryRowSerializer

_DECIMALS = (
    "cumulative_value",
    "month_value",
    "last_year_value",
    "yoy",
    "target_value",
    "target_growth",
    "completion",
    "time_progress",
    "gap",
    "growth_gap",
)


def _quantizing(field) -> tuple[Decimal, Context]:
    """What DecimalField.to_representation does to a Decimal, prepared once instead of per value: the exponent of
    its decimal places and a context with its digits (DRF copies the default context and sets the precision)."""
    return Decimal(1).scaleb(-field.decimal_places), Context(prec=field.max_digits)


_decimal = {name: _quantizing(SummaryRowSerializer().fields[name]) for name in _DECIMALS}


def summary_row_dicts(rows) -> list[dict]:
    return [_row_dict(row) for row in rows]


def _row_dict(row) -> dict:
    data = {
        "zone": row.zone.pk,
        "zone_name": str(row.zone.name),
        "indicator": row.indicator.pk,
        "indicator_name": str(row.indicator.name),
        "unit_of_measure": str(row.indicator.unit_of_measure),
        "year": int(row.year),
        "month": int(row.month),
    }
    for name, (exponent, context) in _decimal.items():
        value = getattr(row, name)
        data[name] = None if value is None else f"{value.quantize(exponent, context=context):f}"
    data.update(
        double_half=None if row.double_half is None else bool(row.double_half),
        rank=None if row.rank is None else int(row.rank),
        ranked_zones=int(row.ranked_zones),
        state=None if row.state is None else str(row.state),
        colour=str(row.colour),
        colour_reason=str(row.colour_reason),
    )
    return data
