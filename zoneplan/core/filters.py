"""Filters that refuse what they cannot read: a whole number that is not one, a yes/no that is neither, an
empty value for a number, a date or a yes/no (django-filter's defaults would quietly ignore such a filter or
round it)."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError as APIValidationError

TRUE, FALSE = {"true", "True", "1"}, {"false", "False", "0"}


class YesNoField(forms.Field):
    widget = forms.TextInput

    def to_python(self, value):
        if value in (None, ""):
            return None
        if value in TRUE or value is True:
            return True
        if value in FALSE or value is False:
            return False
        raise ValidationError(_("Enter true or false."), code="invalid")


class WholeNumberField(forms.IntegerField):
    """A whole number a database column can hold (a 64-bit integer): 10**30 is refused, not sent to SQLite,
    whose driver raised OverflowError (a 500)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", -(2**63))
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class WholeNumberFilter(django_filters.NumberFilter):
    field_class = WholeNumberField


class YesNoFilter(django_filters.BooleanFilter):
    field_class = YesNoField


class FilterSet(django_filters.rest_framework.FilterSet):
    FILTER_DEFAULTS = {
        **django_filters.rest_framework.FilterSet.FILTER_DEFAULTS,
        **{
            field: {"filter_class": WholeNumberFilter}
            for field in (
                models.IntegerField,
                models.SmallIntegerField,
                models.BigIntegerField,
                models.PositiveIntegerField,
                models.PositiveSmallIntegerField,
                models.PositiveBigIntegerField,
            )
        },
        models.BooleanField: {"filter_class": YesNoFilter},
    }


class FilterBackend(DjangoFilterBackend):
    """The API's filter backend: strict filter sets, and an empty value refused where it cannot mean
    anything."""

    filterset_base = FilterSet

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            blank = [
                name
                for name, filter_ in filterset.filters.items()
                if not isinstance(filter_, django_filters.CharFilter)
                and request.query_params.get(name, None) == ""
            ]
            if blank:
                raise APIValidationError({name: [_("This field may not be blank.")] for name in blank})
        return filterset
