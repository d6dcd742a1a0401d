"""Change history written by services, one row per successful write.

django-simple-history records `save()` and `delete()` through signals, but not `QuerySet.update()`,
and it adds a row for every many-to-many change. Services that update rows with a compare-and-swap
or change units together with fields therefore pause the signals and record the row themselves.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from zoneplan.core.datacache import data_changed, scope_of, scope_of_model

ID_BATCH = 5000


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
    data_changed(scope_of(instance))
    instance._history_user = actor if actor is not None and actor.is_authenticated else None
    instance._change_reason = reason
    type(instance)._history_records.create_historical_record(instance, history_type)


def record_history_bulk(
    instances: list[models.Model], *, actor, reason: str = "", created: bool = False, scopes=None
) -> None:
    """One history row for each of `instances` after a set-based update (or a bulk creation), written in bulk.

    Many-to-many snapshots are copied in bulk too, one query per field, so the rows match those
    that `record_history` writes one at a time. `scopes`: the data versions the write changes, when the caller
    knows them (see `rows_changed`).
    """
    if not instances:
        return
    model = type(instances[0])
    rows_changed(model, scopes)
    records = model._history_records
    user = actor if actor is not None and actor.is_authenticated else None
    manager = getattr(model, records.manager_name)
    rows = manager.bulk_history_create(
        instances, update=not created, default_user=user, default_change_reason=reason
    )
    for field in records.m2m_fields:
        _copy_m2m_snapshot(records, field, rows)


def rows_changed(model: type[models.Model], scopes=None) -> None:
    """After a set-based write of `model`'s rows: the data versions of `scopes` (the zones of the tasks an
    overdue scan flagged, the plan's zone for an import) are replaced, or when the caller cannot tell, the
    model's."""
    for scope in scopes if scopes is not None else [scope_of_model(model)]:
        data_changed(scope)


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
            m2m_model(
                history=history_row_by_object[owner],
                id=link,
                **{f"{source}_id": owner, f"{target}_id": other},
            )
            for link, owner, other in links
        ]
    )


def record_history_for_ids(
    model: type[models.Model], ids: list[int], *, actor, reason: str, scopes=None
) -> int:
    """One history row per id, written by the database: INSERT … SELECT from the live rows.

    For set-based jobs over many rows (the overdue scan), where building a model instance per row
    would dominate. Many-to-many snapshots are copied the same way. Returns the rows written.
    """
    if not ids:
        return 0
    rows_changed(model, scopes)
    records = model._history_records
    history_model = getattr(model, records.manager_name).model
    tracked = [field.attname for field in history_model.tracked_fields]
    stamp = timezone.now()
    user_id = actor.pk if actor is not None and actor.is_authenticated else None
    quote = connection.ops.quote_name
    written = 0
    with connection.cursor() as cursor:
        for offset in range(0, len(ids), ID_BATCH):
            batch = ids[offset : offset + ID_BATCH]
            marks = ", ".join(["%s"] * len(batch))
            columns = ", ".join(quote(name) for name in tracked)
            cursor.execute(
                f"INSERT INTO {quote(history_model._meta.db_table)} "  # noqa: S608
                f"({columns}, history_date, history_type, "
                f"history_user_id, history_change_reason) SELECT {columns}, %s, %s, %s, %s "
                f"FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.pk.column)} IN ({marks}) "
                f"RETURNING history_id",
                [stamp, "~", user_id, reason, *batch],
            )
            history_ids = [row[0] for row in cursor.fetchall()]
            written += len(history_ids)
            for field in records.m2m_fields:
                _copy_m2m_rows(cursor, records, field, history_model, history_ids)
    return written


def _copy_m2m_rows(cursor, records: History, field, history_model, history_ids: list[int]) -> None:
    """Snapshot the links of the rows just written, found by their history ids (the primary key)."""
    through = field.remote_field.through
    m2m_model = records.m2m_models[field]
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    quote = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(history_ids))
    cursor.execute(
        f"INSERT INTO {quote(m2m_model._meta.db_table)} "  # noqa: S608
        f"(history_id, id, {source}_id, {target}_id) "
        f"SELECT h.history_id, l.id, l.{source}_id, l.{target}_id "
        f"FROM {quote(history_model._meta.db_table)} h "
        f"JOIN {quote(through._meta.db_table)} l ON l.{source}_id = h.id WHERE h.history_id IN ({marks})",
        history_ids,
    )


def history_entries(instance: models.Model, *, limit: int = 30) -> list:
    """The latest history records of `instance`, newest first, each with `changed`: the names of the fields
    that differ from the record before it (one query: the units' snapshots are not compared)."""
    records = list(instance.history.select_related("history_user")[: limit + 1])
    fields = {field.name: field for field in instance._meta.fields}
    units = [field.name for field in instance._meta.many_to_many]
    for record, previous in zip(records, [*records[1:], None], strict=True):
        if previous is None or record.history_type != "~":
            record.changed = []
            continue
        delta = record.diff_against(previous, excluded_fields=units, foreign_keys_are_objs=False)
        record.changed = [
            str(fields[change.field].verbose_name) for change in delta.changes if change.field in fields
        ]
    return records[:limit]
