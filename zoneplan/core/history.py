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
    """One history row for each of `instances` after a set-based update, written in bulk.

    Many-to-many snapshots are copied in bulk too, one query per field, so the rows match those
    that `record_history` writes one at a time.
    """
    if not instances:
        return
    model = type(instances[0])
    records = model._history_records
    user = actor if actor is not None and actor.is_authenticated else None
    manager = getattr(model, records.manager_name)
    rows = manager.bulk_history_create(instances, update=True, default_user=user, default_change_reason=reason)
    for field in records.m2m_fields:
        _copy_m2m_snapshot(records, field, rows)


def _copy_m2m_snapshot(records: History, field, rows) -> None:
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    history_row_by_object = {row.history_object.pk: row for row in rows}
    links = through.objects.filter(**{f"{source}_id__in": list(history_row_by_object)}).values_list(
        "id", f"{source}_id", f"{target}_id"
    )
    m2m_model = records.m2m_models[field]
    m2m_model.objects.bulk_create(
        [
            m2m_model(history=history_row_by_object[owner], id=link, **{f"{source}_id": owner, f"{target}_id": other})
            for link, owner, other in links
        ]
    )
