"""Serializer fields stricter than DRF's defaults."""

from django.db import models
from rest_framework import serializers


class StrictBooleanField(serializers.BooleanField):
    """true or false (JSON), or their spelling in a form; not 0, 1, "yes", "on" and the like."""

    TRUE_VALUES = {True, "true", "True"}
    FALSE_VALUES = {False, "false", "False"}

    def to_internal_value(self, data):
        if not isinstance(data, bool | str):  # 0 == False and 1 == True would pass the set look-up
            self.fail("invalid", input=data)
        return super().to_internal_value(data)


class StrictTextMixin:
    """Text only: a number is refused, not turned into its digits."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictCharField(StrictTextMixin, serializers.CharField):
    pass


class StrictSlugField(StrictTextMixin, serializers.SlugField):
    pass


STRICT_FIELD_MAPPING = {
    **serializers.ModelSerializer.serializer_field_mapping,
    models.CharField: StrictCharField,
    models.TextField: StrictCharField,
    models.SlugField: StrictSlugField,
}
