"""Indicator pages: the month's table in the layout of a 通报, the entry grid, a trend chart per indicator."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indicators import figures, services
from indicators.choices import EDITABLE_STATES, ValueState
from indicators.forms import MonthReviewForm, PeriodForm
from indicators.models import Indicator, IndicatorTarget, IndicatorValue
from indicators.selectors import indicator_rows, last_month, monthly_series, peer_zones
from organisation.models import Zone
from organisation.roles import roles_of
from zoneplan.core.charts import bar_chart
from zoneplan.core.exceptions import VersionConflict
from zoneplan.core.text import finite_decimal


def _period(request):
    """The zone and month asked for; by default the user's own statistics zone and last month."""
    year, month = last_month()
    roles = roles_of(request.user)
    own = Zone.objects.filter(statistics_unit_id__in=roles.unit_ids).first()
    default_zone = own or Zone.objects.filter(statistics_unit__isnull=False).order_by("pk").first()
    form = PeriodForm(request.GET or None, initial={"zone": default_zone, "year": year, "month": month})
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["zone"], form.cleaned_data["year"], form.cleaned_data["month"]
    return form, default_zone, year, month


@login_required
def indicator_table(request):
    form, zone, year, month = _period(request)
    if zone is None:
        return render(request, "indicators/table.html", {"form": form, "rows": []})
    peers = peer_zones(zone)
    rows = indicator_rows(zones=[zone], year=year, month=month, rank_among=peers)
    ranking = indicator_rows(zones=peers, year=year, month=month, rank_among=peers)
    by_indicator: dict[int, list] = {}
    for row in ranking:
        by_indicator.setdefault(row.indicator.pk, []).append(row)
    states = set(
        IndicatorValue.objects.filter(zone=zone, year=year, month=month).values_list("state", flat=True)
    )
    context = {
        "form": form,
        "zone": zone,
        "year": year,
        "month": month,
        "rows": rows,
        "peers": peers,
        "ranking": [(rows_[0].indicator, rows_) for rows_ in by_indicator.values()],
        "submitted": ValueState.SUBMITTED in states,
        "can_review": request.user.has_perm("indicators.review_values", zone),
        "can_export": roles_of(request.user).oversees_zone(zone.pk),
        "can_enter": request.user.has_perm("indicators.enter_values", zone),
    }
    return render(request, "indicators/table.html", context)


@login_required
@require_POST
def month_review(request, zone_id, year, month):
    zone = get_object_or_404(Zone, pk=zone_id)
    form = MonthReviewForm(request.POST)
    if form.is_valid():
        try:
            count = services.values_review(
                actor=request.user,
                zone=zone,
                year=year,
                month=month,
                approve=form.cleaned_data["action"] == "approve",
                comment=form.cleaned_data["comment"],
            )
            messages.success(request, _("%(count)d values reviewed.") % {"count": count})
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect(f"/indicators/?zone={zone.pk}&year={year}&month={month}")


@login_required
def entry_grid(request):
    form, zone, year, month = _period(request)
    if zone is None or not request.user.has_perm("indicators.enter_values", zone):
        raise PermissionDenied(_("Only the zone's statistics unit enters its indicators."))
    indicators = list(Indicator.objects.filter(is_active=True))
    current = {v.indicator_id: v for v in IndicatorValue.objects.filter(zone=zone, year=year, month=month)}
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        errors = _save_entries(request, indicators, current, zone=zone, year=year, month=month)
        if not errors:
            return redirect(f"/indicators/entry/?zone={zone.pk}&year={year}&month={month}")
    context = {
        "form": form,
        "zone": zone,
        "year": year,
        "month": month,
        "grid": _entry_rows(request, indicators, current, errors, zone=zone, year=year, month=month),
        "locked": bool(current) and all(v.state not in EDITABLE_STATES for v in current.values()),
        "general_errors": errors.get("__all__", []),
    }
    return render(request, "indicators/entry.html", context)


def _save_entries(request, indicators, current, *, zone, year: int, month: int) -> dict[str, list[str]]:
    """The posted figures saved (or submitted), with a message; else the errors by indicator code."""
    entries, errors = _entries_from_post(request.POST, indicators, current)
    if errors:
        return errors
    submit = "submit" in request.POST
    try:
        services.values_save(
            actor=request.user, zone=zone, year=year, month=month, entries=entries, submit=submit
        )
    except ValidationError as error:
        return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    except VersionConflict:
        return {"__all__": [_("Someone changed these values meanwhile; reload and try again.")]}
    messages.success(request, _("Submitted for approval.") if submit else _("Saved."))
    return {}


def _entry_rows(request, indicators, current, errors, *, zone, year: int, month: int) -> list[dict]:
    """Per indicator: this month's value, what was posted, last year's figure, the target and the errors."""
    earlier = IndicatorValue.objects.filter(zone=zone, year=year - 1)
    last_year = dict(earlier.filter(month=month).values_list("indicator_id", "cumulative_value"))
    last_december = dict(earlier.filter(month=12).values_list("indicator_id", "cumulative_value"))
    targets = {
        t.indicator_id: figures.effective_target(
            t.target_value, t.target_growth, last_december.get(t.indicator_id)
        )
        for t in IndicatorTarget.objects.filter(zone=zone, year=year)
    }
    return [
        {
            "indicator": indicator,
            "value": current.get(indicator.pk),
            "posted": request.POST.get(f"value-{indicator.code}") if request.method == "POST" else None,
            "last_year": last_year.get(indicator.pk),
            "target": targets.get(indicator.pk),
            "errors": errors.get(indicator.code, []),
        }
        for indicator in indicators
    ]


def _entries_from_post(post, indicators, current) -> tuple[list[services.Entry], dict]:
    """The grid's filled-in rows as entries; rows left empty are skipped."""
    entries, errors = [], {}
    for indicator in indicators:
        raw = post.get(f"value-{indicator.code}", "").strip()
        if not raw:
            continue
        value = finite_decimal(raw)
        raw_last = post.get(f"last-{indicator.code}", "").strip()
        last = finite_decimal(raw_last) if raw_last else None
        if value is None or (raw_last and last is None):  # NaN and Infinity are not numbers here
            errors[indicator.code] = [_("Enter a number.")]
            continue
        existing = current.get(indicator.pk)
        entries.append(
            services.Entry(
                indicator,
                value,
                last_year_value=last,
                correction_reason=post.get(f"correction-{indicator.code}", ""),
                version=existing.version if existing else None,
            )
        )
    if not entries and not errors:
        errors["__all__"] = [_("Fill in at least one indicator.")]
    return entries, errors


@login_required
def indicator_trend(request, code):
    indicator = get_object_or_404(Indicator, code=code)
    form, zone, year, _month = _period(request)
    years = [year - 2, year - 1, year]
    series = monthly_series(zone=zone, indicator=indicator, years=years) if zone else {}
    charts = [
        (y, bar_chart([(f"{m}月", value) for m, value in enumerate(values, start=1) if value is not None]))
        for y, values in series.items()
    ]
    return render(
        request,
        "indicators/trend.html",
        {"form": form, "zone": zone, "indicator": indicator, "charts": charts},
    )
