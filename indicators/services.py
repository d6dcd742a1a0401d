"""Every write of economic indicators. Views, serializers, the admin and jobs call these."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.choices import EDITABLE_STATES, IndicatorKind, ValueState
from indicators.models import Indicator, IndicatorTarget, IndicatorValue
from organisation.models import Zone
from zoneplan.core.exceptions import VersionConflict
from zoneplan.core.history import record_history_bulk
from zoneplan.core.permissions import ensure_perm
from zoneplan.core.writes import create_with_history, update_versioned


@dataclass(frozen=True)
class Entry:
    """One indicator's figure in a month's entry grid."""

    indicator: Indicator
    cumulative_value: Decimal
    last_year_value: Decimal | None = None
    correction_reason: str = ""
    version: int | None = None


@transaction.atomic
def indicator_create(
    *,
    actor,
    code: str,
    name: str,
    unit_of_measure: str,
    kind: str = IndicatorKind.FLOW,
    higher_is_better: bool = True,
    decimals: int = 2,
) -> Indicator:
    """Planners add indicators beyond the standard catalogue."""
    ensure_perm(actor, "indicators.add_indicator")
    position = (Indicator.objects.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    indicator = Indicator(
        code=code,
        name=name,
        unit_of_measure=unit_of_measure,
        kind=kind,
        higher_is_better=higher_is_better,
        decimals=decimals,
        position=position,
    )
    return create_with_history(indicator, actor=actor)


@transaction.atomic
def target_set(
    *,
    actor,
    zone: Zone,
    indicator: Indicator,
    year: int,
    target_value: Decimal | None,
    target_growth: Decimal | None,
    expected_version: int | None = None,
) -> IndicatorTarget:
    """Set a zone's annual target; changing an existing one needs the version that was read."""
    ensure_perm(actor, "indicators.change_target", zone)
    existing = IndicatorTarget.objects.filter(zone=zone, indicator=indicator, year=year).first()
    changes = {"target_value": target_value, "target_growth": target_growth}
    if existing is None:
        return create_with_history(
            IndicatorTarget(zone=zone, indicator=indicator, year=year, **changes), actor=actor
        )
    if expected_version is None:
        raise ValidationError({"version": [_("This target exists; send the version you read to change it.")]})
    return update_versioned(
        existing,
        actor=actor,
        expected_version=expected_version,
        changes=changes,
        allowed=frozenset(changes),
    )


@transaction.atomic
def values_save(
    *, actor, zone: Zone, year: int, month: int, entries: Sequence[Entry], submit: bool = False
) -> list[IndicatorValue]:
    """Save a zone's month for many indicators at once, as a draft or submitted for approval."""
    ensure_perm(actor, "indicators.enter_values", zone)
    _check_period(year, month)
    existing = {v.indicator_id: v for v in IndicatorValue.objects.filter(zone=zone, year=year, month=month)}
    previous = dict(
        IndicatorValue.objects.filter(zone=zone, year=year, month=month - 1).values_list(
            "indicator_id", "cumulative_value"
        )
    )
    _check_entries(entries, existing=existing, previous=previous, month=month)
    now = timezone.now()
    saved = [
        _save_entry(entry, zone, year, month, existing.get(entry.indicator.pk), actor, now)
        for entry in entries
    ]
    if submit:
        _submit_month(zone=zone, year=year, month=month, actor=actor, now=now)
        for value in saved:
            value.refresh_from_db()
    return saved


@transaction.atomic
def values_review(*, actor, zone: Zone, year: int, month: int, approve: bool, comment: str = "") -> int:
    """Approve a zone's submitted month, or return it to the statistics unit with a reason."""
    ensure_perm(actor, "indicators.review_values", zone)
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationError({"comment": [_("Give the reason for returning the values.")]})
    submitted = IndicatorValue.objects.filter(zone=zone, year=year, month=month, state=ValueState.SUBMITTED)
    ids = list(submitted.values_list("pk", flat=True))
    if not ids:
        raise ValidationError(_("Nothing has been submitted for this month."))
    IndicatorValue.objects.filter(pk__in=ids, state=ValueState.SUBMITTED).update(
        state=ValueState.APPROVED if approve else ValueState.RETURNED,
        review_comment=comment,
        reviewed_by=actor,
        reviewed_at=timezone.now(),
        version=F("version") + 1,
    )
    record_history_bulk(
        list(IndicatorValue.objects.filter(pk__in=ids)),
        actor=actor,
        reason="approved" if approve else "returned",
    )
    return len(ids)


def _check_period(year: int, month: int) -> None:
    today = timezone.localdate()
    if not 1 <= month <= 12:
        raise ValidationError({"month": [_("The month must be between 1 and 12.")]})
    if (year, month) > (today.year, today.month):
        raise ValidationError({"month": [_("A month in the future cannot be reported yet.")]})


def _check_entries(entries: Sequence[Entry], *, existing: dict, previous: dict, month: int) -> None:
    """Field errors keyed by indicator code; nothing is saved if any entry is wrong."""
    errors: dict[str, list[str]] = {}
    seen = set()
    for entry in entries:
        indicator, code = entry.indicator, entry.indicator.code
        if indicator.pk in seen:
            errors.setdefault(code, []).append(_("This indicator appears twice."))
        seen.add(indicator.pk)
        if indicator.kind != IndicatorKind.RATIO and entry.cumulative_value < 0:
            errors.setdefault(code, []).append(_("This indicator cannot be negative."))
        before = previous.get(indicator.pk)
        if (
            indicator.kind == IndicatorKind.FLOW
            and month > 1
            and before is not None
            and entry.cumulative_value < before
            and not entry.correction_reason.strip()
        ):
            errors.setdefault(code, []).append(
                _(
                    "The cumulative value is below last month's (%(before)s); "
                    "mark it as a correction with a reason."
                )
                % {"before": before}
            )
        current = existing.get(indicator.pk)
        if current is not None and current.state not in EDITABLE_STATES:
            errors.setdefault(code, []).append(
                _("Already %(state)s; it can change only after the planner returns it.")
                % {"state": current.get_state_display()}
            )
    if errors:
        raise ValidationError(errors)


def _save_entry(entry: Entry, zone, year, month, current, actor, now) -> IndicatorValue:
    fields = {
        "cumulative_value": entry.cumulative_value,
        "last_year_value": entry.last_year_value,
        "correction_reason": entry.correction_reason.strip(),
        "entered_by": actor,
        "entered_at": now,
    }
    if current is None:
        value = IndicatorValue(zone=zone, indicator=entry.indicator, year=year, month=month, **fields)
        try:
            with transaction.atomic():
                return create_with_history(value, actor=actor)
        except IntegrityError as error:  # someone else entered this month at the same moment
            raise VersionConflict(current_version=1) from error
    if entry.version is None:
        raise ValidationError(
            {entry.indicator.code: [_("Send the version you read to change a saved value.")]}
        )
    return update_versioned(
        current,
        actor=actor,
        expected_version=entry.version,
        changes={**fields, "state": ValueState.DRAFT},
        allowed=frozenset({*fields, "state"}),
    )


def _submit_month(*, zone, year, month, actor, now) -> None:
    drafts = IndicatorValue.objects.filter(zone=zone, year=year, month=month, state__in=EDITABLE_STATES)
    ids = list(drafts.values_list("pk", flat=True))
    drafts.update(state=ValueState.SUBMITTED, submitted_at=now, review_comment="", version=F("version") + 1)
    record_history_bulk(list(IndicatorValue.objects.filter(pk__in=ids)), actor=actor, reason="submitted")
