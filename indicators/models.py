"""Economic indicators (经济指标): the catalogue, annual targets and monthly cumulative values per zone."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from indicators.choices import IndicatorKind, ValueState
from zoneplan.core.fields import actor_field
from zoneplan.core.history import History


def figure_field(verbose_name, **kwargs) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=18, decimal_places=4, **kwargs)


class Indicator(models.Model):
    """An indicator of the catalogue: 规上工业总产值 in 亿元, a flow accumulated within the year."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=20)
    kind = models.CharField(
        _("kind"), max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.FLOW
    )
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=2, validators=[MaxValueValidator(4)])
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    history = History()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(decimals__lte=4),
                name="indicator_decimals_at_most_4",
                violation_error_message=_("At most four decimals."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit_of_measure}）"


class IndicatorTarget(models.Model):
    """A zone's target for a year: a value (29亿元), a growth rate (增长32%), or both."""

    zone = models.ForeignKey(
        "organisation.Zone", verbose_name=_("zone"), on_delete=models.CASCADE, related_name="targets"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    target_value = figure_field(_("target value"), null=True, blank=True)
    target_growth = models.DecimalField(
        _("target growth (%)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    history = History()

    class Meta:
        ordering = ["zone", "-year", "indicator__position"]
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        constraints = [
            models.UniqueConstraint(
                fields=["zone", "indicator", "year"],
                name="indicator_target_once_per_year",
                violation_error_message=_("This zone already has a target for this indicator and year."),
            ),
            models.CheckConstraint(
                condition=Q(target_value__isnull=False) | Q(target_growth__isnull=False),
                name="indicator_target_value_or_growth",
                violation_error_message=_("Give a target value, a target growth rate, or both."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.zone} {self.year} {self.indicator.name}"


class IndicatorValue(models.Model):
    """The cumulative value to the end of a month (截至x月底累计) of one indicator in one zone."""

    zone = models.ForeignKey(
        "organisation.Zone", verbose_name=_("zone"), on_delete=models.CASCADE, related_name="values"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="values"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    cumulative_value = figure_field(_("cumulative value"))
    last_year_value = figure_field(
        _("same period last year"),
        null=True,
        blank=True,
        help_text=_("Only when last year's value is not in the system."),
    )
    correction_reason = models.CharField(_("correction reason"), max_length=300, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=ValueState.choices, default=ValueState.DRAFT)
    review_comment = models.TextField(_("review comment"), blank=True)
    entered_by = actor_field(_("entered by"))
    entered_at = models.DateTimeField(_("entered at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = actor_field(_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    history = History()

    class Meta:
        ordering = ["zone", "-year", "-month", "indicator__position"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        indexes = [models.Index(fields=["indicator", "year", "month"], name="indicator_value_period_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["zone", "indicator", "year", "month"],
                name="indicator_value_once_per_month",
                violation_error_message=_("This zone already has a value for this indicator and month."),
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12),
                name="indicator_value_month_valid",
                violation_error_message=_("The month must be between 1 and 12."),
            ),
            models.CheckConstraint(
                condition=~Q(state=ValueState.RETURNED) | ~Q(review_comment=""),
                name="indicator_value_returned_has_reason",
                violation_error_message=_("A returned value needs a reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.zone} {self.indicator.name} {self.year}-{self.month:02d}"
