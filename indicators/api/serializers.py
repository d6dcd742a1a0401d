from decimal import Context, Decimal

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from indicators.models import Indicator, IndicatorTarget, IndicatorValue
from organisation.models import Zone
from zoneplan.core.api.fields import STRICT_FIELD_MAPPING, StrictBooleanField

VERSION_HELP = _("The version read; required to change a saved object.")
FIGURE = {"max_digits": 18, "decimal_places": 4}


class IndicatorSerializer(serializers.ModelSerializer):
    higher_is_better = StrictBooleanField(required=False, default=True)
    serializer_field_mapping = STRICT_FIELD_MAPPING

    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name",
            "unit_of_measure",
            "kind",
            "higher_is_better",
            "decimals",
            "position",
            "is_active",
        ]
        read_only_fields = ["id", "position", "is_active"]


class IndicatorTargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorTarget
        fields = ["id", "zone", "indicator", "year", "target_value", "target_growth", "version"]
        read_only_fields = fields


class IndicatorTargetWriteSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(min_value=1, required=False, help_text=VERSION_HELP)

    class Meta:
        model = IndicatorTarget
        fields = ["zone", "indicator", "year", "target_value", "target_growth", "version"]
        extra_kwargs = {"year": {"min_value": 2000, "max_value": 2100}}
        validators = []  # an existing target is updated with its version, not refused as a duplicate

    def validate(self, attrs):
        if attrs.get("target_value") is None and attrs.get("target_growth") is None:
            raise serializers.ValidationError(_("Give a target value, a target growth rate, or both."))
        return {"target_value": None, "target_growth": None, **attrs}


class IndicatorValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "zone",
            "indicator",
            "year",
            "month",
            "cumulative_value",
            "last_year_value",
            "correction_reason",
            "state",
            "review_comment",
            "entered_by",
            "entered_at",
            "submitted_at",
            "reviewed_by",
            "reviewed_at",
            "version",
        ]
        read_only_fields = fields


class EntrySerializer(serializers.Serializer):
    indicator = serializers.PrimaryKeyRelatedField(queryset=Indicator.objects.filter(is_active=True))
    cumulative_value = serializers.DecimalField(**FIGURE)
    last_year_value = serializers.DecimalField(**FIGURE, required=False, allow_null=True, default=None)
    correction_reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    version = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, default=None, help_text=VERSION_HELP
    )


class BulkValuesSerializer(serializers.Serializer):
    zone = serializers.PrimaryKeyRelatedField(queryset=Zone.objects.all())
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    month = serializers.IntegerField(min_value=1, max_value=12)
    submit = StrictBooleanField(default=False, help_text=_("Submit the whole month for approval."))
    values = EntrySerializer(many=True, allow_empty=False, max_length=200)


class ReviewMonthSerializer(serializers.Serializer):
    zone = serializers.PrimaryKeyRelatedField(queryset=Zone.objects.all())
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    month = serializers.IntegerField(min_value=1, max_value=12)
    action = serializers.ChoiceField(choices=[("approve", _("Approve")), ("return", _("Return"))])
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ReviewResultSerializer(serializers.Serializer):
    reviewed = serializers.IntegerField()


class SummaryQuerySerializer(serializers.Serializer):
    zone = serializers.PrimaryKeyRelatedField(queryset=Zone.objects.all(), required=False)
    parent = serializers.PrimaryKeyRelatedField(queryset=Zone.objects.all(), required=False)
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)
    month = serializers.IntegerField(min_value=1, max_value=12, required=False)

    def validate(self, attrs):
        if ("zone" in attrs) == ("parent" in attrs):
            raise serializers.ValidationError(_("Give either a zone or a parent."))
        return attrs


class SummaryRowSerializer(serializers.Serializer):
    zone = serializers.IntegerField(source="zone.pk")
    zone_name = serializers.CharField(source="zone.name")
    indicator = serializers.IntegerField(source="indicator.pk")
    indicator_name = serializers.CharField(source="indicator.name")
    unit_of_measure = serializers.CharField(source="indicator.unit_of_measure")
    year = serializers.IntegerField()
    month = serializers.IntegerField()
    cumulative_value = serializers.DecimalField(**FIGURE, allow_null=True)
    month_value = serializers.DecimalField(**FIGURE, allow_null=True)
    last_year_value = serializers.DecimalField(**FIGURE, allow_null=True)
    yoy = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True, help_text=_("Growth in percent.")
    )
    target_value = serializers.DecimalField(**FIGURE, allow_null=True)
    target_growth = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    completion = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True, help_text=_("Completion of the target in percent.")
    )
    time_progress = serializers.DecimalField(
        max_digits=6, decimal_places=2, help_text=_("Month ÷ 12, in percent.")
    )
    gap = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        allow_null=True,
        help_text=_("Points ahead (+) or behind (−) the time schedule."),
    )
    growth_gap = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    double_half = serializers.BooleanField(allow_null=True, help_text=_("双过半, in June only."))
    rank = serializers.IntegerField(
        allow_null=True, help_text=_("Rank by growth among the zones of the same parent.")
    )
    ranked_zones = serializers.IntegerField()
    state = serializers.CharField(allow_null=True)
    colour = serializers.CharField(help_text=_("green / yellow / red, or empty when nothing can be judged."))
    colour_reason = serializers.CharField()

    def to_representation(self, instance):
        return _row_dict(instance)


# A summary row as its fields would write it, without DRF's per-field machinery: a month across ten zones is
# 300 rows of 23 fields, which that machinery took most of the request to write (a test holds the two
# together).
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
    """What DecimalField.to_representation does to a Decimal, prepared once instead of per value: the exponent
    of its decimal places and a context with its digits (DRF copies the default context and sets the
    precision)."""
    return Decimal(1).scaleb(-field.decimal_places), Context(prec=field.max_digits)


_decimal = {name: _quantizing(SummaryRowSerializer._declared_fields[name]) for name in _DECIMALS}


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
