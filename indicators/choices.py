from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorKind(models.TextChoices):
    FLOW = "flow", _("Flow, accumulated within the year")
    STOCK = "stock", _("Stock at period end")
    RATIO = "ratio", _("Ratio")


class ValueState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


# Values a reporter may still change, and values that count in the figures.
EDITABLE_STATES = (ValueState.DRAFT, ValueState.RETURNED)
REPORTED_STATES = (ValueState.SUBMITTED, ValueState.APPROVED)
