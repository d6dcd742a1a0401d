"""Change history written by services, one row per successful write.

django-simple-history records `save()` and `delete()` through signals, but not `QuerySet.update()`,
and it adds a row for every many-to-many change. Services that update rows with a compare-and-swap
or change units together with fields therefore pause the signals and record the row themselves.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import models
from simple_history.models import HistoricalRecords


class History(HistoricalRecords):
    """HistoricalRecords that leaves a handle on its model so services can record rows explicitly."""

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if sender is self.cls:
            sender._history_records = self


@contextmanager
def history_paused(instance: models.Model) -> Iterator[None]:
    """Save and change many-to-many fields of `instance` without automatic history rows."""
    instance.skip_history_when_saving = True
    try:
        yield
    finally:
        del instance.skip_history_when_saving


def record_history(instance: models.Model, *, actor, history_type: str = "~", reason: str = "") -> None:
    """Write one history row with the current state of `instance`, its many-to-many fields included."""
    instance._history_user = actor if actor is not None and actor.is_authenticated else None
    instance._change_reason = reason
    type(instance)._history_records.create_historical_record(instance, history_type)


def record_history_bulk(instances: list[models.Model], *, actor, reason: str = "") -> None:
    """One history row for each of `instances` after a set-based update, in one insert (no many-to-many)."""
    if not instances:
        return
    manager = type(instances[0])._history_records
    user = actor if actor is not None and actor.is_authenticated else None
    getattr(type(instances[0]), manager.manager_name).bulk_history_create(
        instances, update=True, default_user=user, default_change_reason=reason
    )
