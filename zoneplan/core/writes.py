"""The one shape of a versioned write: claim the version, apply the changes, validate, save, record
history."""

from django.db import models

from zoneplan.core.history import history_paused, record_history
from zoneplan.core.versioning import claim_version


def create_with_history(instance: models.Model, *, actor) -> models.Model:
    """Validate and insert `instance`, with one history row."""
    instance.full_clean()
    with history_paused(instance):
        instance.save()
    record_history(instance, actor=actor, history_type="+")
    return instance


def update_versioned(
    instance: models.Model,
    *,
    actor,
    expected_version: int,
    changes: dict,
    allowed: frozenset,
    reason: str = "",
) -> models.Model:
    """Apply `changes` if nobody changed `instance` since `expected_version`; one history row.

    Call inside a transaction, after the permission check.
    """
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"cannot change {sorted(unknown)} of {type(instance).__name__}")
    claim_version(model=type(instance), pk=instance.pk, expected_version=expected_version)
    instance.refresh_from_db()
    for field, value in changes.items():
        setattr(instance, field, value)
    instance.full_clean()
    with history_paused(instance):
        instance.save(update_fields=[*changes, "version"])
    record_history(instance, actor=actor, reason=reason)
    return instance
