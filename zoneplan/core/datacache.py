"""Caching of computed figures (the dashboards) that is never stale.

Every cached value is keyed on *data versions*: random tokens replaced after each committed write — from the
history helpers, which every service write and job goes through (`QuerySet.update()` included), and from model
save/delete signals of the domain apps (the admin, fixtures). A token is replaced at the write and again after
the transaction commits, so a reader can never store figures computed before the commit under the version that
follows it; a random token (not a counter) cannot be lost between two writers.

There is a version for each zone's tasks, one for each plan's tasks, one for the task counts of each zone and
of each plan, one for each zone's key projects, one for the economic indicators and a global one. A write that
belongs to one plan's tasks (the plan, a task, a progress report and what hangs off them: `PlanTasks`)
replaces that plan's version and its zone's task version, and their count versions (`TaskCounts`, which the
dashboards are keyed on) unless it changes nothing the counts read (a report, a target, a filing's touch of a
task already started); a write of a project (its reports, milestones, problems) that zone's project version; a
write of the indicator catalogue, figures or targets the indicators' version; a write no cached figure reads
(a leader's instruction and its reply, a unit's alias, a person's units and roles) none; a save of reference
data (a unit: its name, kind, zone…; a zone: its name; a day of the workday calendar) the reference version,
which counts and sums keyed on ids do not read (`reads_reference=False`: they are named, and lateness in
working days counted, when they are shown); a zone's save the indicators' version too (which zones are ranked
together); every other write (a unit's or a zone's deletion, set-based jobs that cannot tell their plans) the
global one. Figures are keyed on the global version, the reference version unless they read no names nor the
calendar, and the versions of what they read: `cached(..., scope=...)` names it. So a filing in one plan
leaves the other zones' dashboards cached, its zone's other plans' task counts, and its own zone's project
figures, and, unless it starts its task, every dashboard; neither a filing nor a renamed unit or zone
recomputes the indicators, and a renamed unit or zone, or a new holiday, recounts no task nor project.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

KEY = "zoneplan:data-version"
TIMEOUT = 15 * 60
DAY = 24 * 60 * 60  # for the dashboards counted by the daily scan ahead of their first reader
# Versions expire too, so Redis never fills with keys that live forever; a version that expired is replaced by
# a new random one, which only makes the figures keyed on it be counted again (they expire within a day
# anyway).
VERSION_TIMEOUT = 7 * DAY
ZONES_KEY = f"{KEY}:zone-names"  # id → name (a list of ids under ":zones" before)
ALL_ZONES = "all"
ALL_PROJECTS = "projects-all"
ALL_COUNTS = "counts-all"
INDICATORS = "indicators"
# a unit's, a zone's or a calendar day's save: read by what shows names or counts working
REFERENCE = "reference"
# days, not by counts and sums keyed on ids
NO_FIGURES = "no-figures"  # the scope of writes no cached figure reads: nothing to replace
# Read by no cached figure (dashboards, outlines, my tasks, indicator summaries): an instruction (批示) was
# the most frequent write of a leader, and replaced the global version, so every dashboard of the city was
# counted again. A person's units and roles are not read either: my tasks are cached under the person's units
# (a new membership is a new key), and permissions are read per request.


@dataclass(frozen=True)
class PlanTasks:
    """The scope of a write to one plan's tasks (the plan, a task, a report and what hangs off them): it
    replaces the version of the plan's zone, which every figure of the zone's tasks is keyed on, and the
    plan's own; and, unless `counts=False`, the versions of the plan's and the zone's task counts
    (`TaskCounts`), which the dashboard is keyed on. `counts=False`: a write that changes nothing the counts
    read (a report, a target, an extension request, a close-out, or a task's save that changes only when it
    was last reported)."""

    plan_id: int
    zone_id: int
    counts: bool = True


@dataclass(frozen=True)
class TaskCounts:
    """The scope of figures read from the tasks' plans, sections, statuses, deadlines, titles and lead units
    alone (the dashboard's task counts): a zone's, or one plan's of that zone. ALL_COUNTS: every zone's."""

    zone_id: int
    plan_id: int | None = None


def projects_of(zone_id: int | None) -> str | None:
    """The scope of a zone's key projects (None, the global scope, when the zone cannot be told)."""
    return None if zone_id is None else f"projects-{zone_id}"


def _key(scope) -> str:
    if scope is None:
        return KEY
    if isinstance(scope, PlanTasks):
        return f"{KEY}:plan:{scope.plan_id}"
    if isinstance(scope, TaskCounts):
        return (
            f"{KEY}:counts:zone:{scope.zone_id}"
            if scope.plan_id is None
            else f"{KEY}:counts:plan:{scope.plan_id}"
        )
    return f"{KEY}:zone:{scope}" if isinstance(scope, int) else f"{KEY}:{scope}"


def data_version(scope=ALL_ZONES, *, reads_reference: bool = True) -> str:
    """The version figures of `scope` are keyed on: a zone's id (its tasks), `PlanTasks` (a plan's tasks),
    `TaskCounts` (a zone's or a plan's task counts), `projects_of(zone_id)`, None (nothing zone-specific),
    ALL_ZONES (tasks across zones), ALL_COUNTS (task counts across zones), ALL_PROJECTS (projects across
    zones), INDICATORS (the indicator figures, which read nothing else), or a tuple of these (figures that
    read them all). Figures that read no unit's nor zone's fields and not the calendar (counts keyed on ids)
    pass `reads_reference=False`: a save of reference data leaves them."""
    return data_versions([scope], reads_reference=reads_reference)[0]


def data_versions(scopes: list, *, reads_reference: bool = True) -> list[str]:
    """The version of each of `scopes` (see `data_version`), read from the cache in one round trip."""
    keys_of = [
        _keys(scope) + ([_key(REFERENCE)] if reads_reference and scope != INDICATORS else [])
        for scope in scopes
    ]
    every_key = list(dict.fromkeys(key for keys in keys_of for key in keys))
    versions = cache.get_many(every_key)
    for key in every_key:
        if key not in versions:
            cache.add(key, uuid4().hex, VERSION_TIMEOUT)
            versions[key] = cache.get(key)
    return [
        versions[keys[0]]
        if len(keys) == 1
        else hashlib.blake2b(".".join(versions[key] for key in keys).encode(), digest_size=16).hexdigest()
        for keys in keys_of
    ]


def _keys(scope) -> list[str]:
    if isinstance(scope, tuple):
        return list(dict.fromkeys(key for part in scope for key in _keys(part)))
    if scope in (ALL_ZONES, ALL_PROJECTS, ALL_COUNTS):
        per_zone = {ALL_ZONES: lambda pk: pk, ALL_PROJECTS: projects_of, ALL_COUNTS: TaskCounts}[scope]
        return [_key(None), *(_key(per_zone(pk)) for pk in zone_ids())]
    if scope == INDICATORS:
        return [_key(INDICATORS)]
    return [_key(None)] if scope is None else [_key(None), _key(scope)]


def zone_names() -> dict[int, str]:
    """Every zone's id and name, read through the cache (forgotten when a zone is saved or deleted)."""
    names = cache.get(ZONES_KEY)
    if names is None:
        names = dict(_registry.zones.objects.order_by("pk").values_list("pk", "name"))
        cache.set(ZONES_KEY, names, VERSION_TIMEOUT)
    return names


def zone_ids() -> list[int]:
    """Every zone's id, read through the cache (see `zone_names`)."""
    return list(zone_names())


def data_changed(scope=None) -> None:
    """Call after a write to `scope`'s data (a zone's id for its tasks, `projects_of(zone_id)`, INDICATORS, or
    None: a write every zone's figures may read): its version changes now and again when the surrounding
    transaction commits (what a reader caches in between is keyed on the intermediate version, never used
    after the commit). NO_FIGURES: nothing is replaced."""
    if scope == NO_FIGURES:
        return
    _bump(scope)
    transaction.on_commit(lambda: _bump(scope))


def all_data_changed() -> None:
    """After writes that go around the services and signals (seedbench's bulk SQL): every figure and the list
    of zones are read again. Every version is keyed on the global one except the indicators'."""
    cache.delete(ZONES_KEY)
    for scope in (None, INDICATORS):
        data_changed(scope)


def _bump(scope) -> None:
    if isinstance(scope, PlanTasks):  # the plan's tasks are its zone's tasks too
        scopes = [scope, scope.zone_id]
        if scope.counts:
            scopes += [TaskCounts(scope.zone_id, scope.plan_id), TaskCounts(scope.zone_id)]
    elif isinstance(scope, int):  # a zone's tasks (a plan created in it): their counts too
        scopes = [scope, TaskCounts(scope)]
    else:
        scopes = [scope]
    cache.set_many({_key(each): uuid4().hex for each in scopes}, VERSION_TIMEOUT)


def cached(
    name: str,
    parts: tuple,
    compute: Callable[[], object],
    *,
    scope=ALL_ZONES,
    reads_reference=True,
    timeout=TIMEOUT,
):
    """`compute()`, or its value from the cache for the current data version and these `parts`. Pass the scope
    whose data alone the value is computed from (see `data_version`); by default it depends on every zone's.
    One value of `cached_apart`."""
    one = {"scope": lambda _id: scope, "reads_reference": reads_reference, "timeout": timeout}
    return cached_apart(name, parts, [0], lambda _ids: {0: compute()}, **one)[0]


def cached_apart(
    name: str,
    parts: tuple,
    ids: list[int],
    compute: Callable[[list[int]], dict],
    *,
    scope: Callable[[int], object],
    reads_reference=True,
    timeout=TIMEOUT,
) -> dict:
    """The value of `name` for each of these ids (zones, plans), each computed from its own data alone
    (`scope(id)`: `projects_of` for a zone's projects, `PlanTasks` for a plan's tasks): from the cache, the
    missing ones computed together by `compute(missing ids)` (a dict by id) and cached under the versions read
    before."""
    versions = data_versions([scope(pk) for pk in ids], reads_reference=reads_reference)
    keys = {
        pk: _value_key(name, parts, version) + f":{pk}" for pk, version in zip(ids, versions, strict=True)
    }
    found = cache.get_many(list(keys.values()))
    values = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in ids if pk not in values]
    if missing:
        computed = compute(missing)
        cache.set_many({keys[pk]: computed[pk] for pk in missing}, timeout)
        values.update(computed)
    return values


def _value_key(name: str, parts: tuple, version: str) -> str:
    return f"zoneplan:{name}:{version}:" + ":".join(str(part) for part in parts)


@dataclass
class _Registry:
    # model label → a scope, or a function of the instance giving one
    rules: dict = field(default_factory=dict)
    # model label → function(rows) giving the scope of a stored row
    stored: dict = field(default_factory=dict)
    deleted_with_data: set = field(default_factory=set)
    zones: type | None = None  # the zone model: its saves forget the zone names and re-rank the indicators


_registry = _Registry()


def register(model, scope=None, *, stored_scope=None, deleted_with_data=False, through=()) -> None:
    """Declare, from the app's ready(), what a write of `model` changes, and connect its signals.

    scope: a constant (INDICATORS, REFERENCE, NO_FIGURES, None for every zone's) or a function of the saved or
    deleted instance giving one (see `scope_of`); stored_scope(rows): the scope of the row as stored, replaced
    too when a save moves it to another zone or plan; deleted_with_data: deleting it takes rows of other
    tables with it (a unit its task links), so every zone's counts change; through: many-to-many tables of the
    model whose changes are writes of the model."""
    label = model._meta.label
    _registry.rules[label] = scope
    if deleted_with_data:
        _registry.deleted_with_data.add(label)
    post_save.connect(model_changed, sender=model, dispatch_uid=f"data-changed-save-{label}")
    post_delete.connect(model_changed, sender=model, dispatch_uid=f"data-changed-del-{label}")
    if stored_scope is not None:
        _registry.stored[label] = stored_scope
        pre_save.connect(zone_left, sender=model, dispatch_uid=f"zone-left-{label}")
    for table in through:
        m2m_changed.connect(model_changed, sender=table, dispatch_uid=f"data-changed-{table._meta.label}")


def register_zones(model) -> None:
    """The zone model (the organisation's): its names are cached, and a save re-ranks the indicators."""
    _registry.zones = model
    register(model, REFERENCE, deleted_with_data=True)


def scope_of_model(model) -> str | None:
    """The scope a set-based write of `model`'s rows changes: its constant scope when it has one that names no
    row (the indicators', none), else every zone's."""
    rule = _registry.rules.get(model._meta.label)
    return rule if rule in (INDICATORS, NO_FIGURES) else None


def scope_of(instance) -> int | str | PlanTasks | None:
    """The scope whose figures alone a write of `instance` changes, as its app registered it: its plan's
    tasks, its zone's projects, INDICATORS, REFERENCE for a unit, a zone or a calendar day, NO_FIGURES when no
    cached figure reads it, or None when it may change any zone's or when the zone cannot be told."""
    rule = _registry.rules.get(instance._meta.label)
    return rule(instance) if callable(rule) else rule


def uncounted(scope):
    """`scope` for a write that changes nothing the task counts read (see `PlanTasks`)."""
    return replace(scope, counts=False) if isinstance(scope, PlanTasks) else scope


def loaded(instance, relation: str):
    """The related object when it was read with `instance` (select_related, or assigned); else None: a scope
    function uses what a service already read, so a service write asks the database nothing more."""
    return instance._state.fields_cache.get(relation)


def stored(rows, column: str):
    """The value of `column` of the first of `rows` (a queryset), as stored."""
    return rows.values_list(column, flat=True).first()


def zone_left(sender, instance, **_signal_kwargs) -> None:
    """Before a registered model with a `stored_scope` is saved: the scope it is stored under changes too (the
    admin may move a plan, a task or a project to another zone)."""
    if instance.pk is None:
        return
    scope = _registry.stored[instance._meta.label](type(instance).objects.filter(pk=instance.pk))
    if scope is not None:
        data_changed(scope)


def model_changed(sender, instance=None, signal=None, **_signal_kwargs) -> None:
    """Receiver of the registered models' save, delete and many-to-many signals."""
    if instance is not None and _registry.zones is not None and isinstance(instance, _registry.zones):
        cache.delete(ZONES_KEY)  # names and peers: indicators rank zones
        transaction.on_commit(lambda: cache.delete(ZONES_KEY))
        data_changed(INDICATORS)
    scope = scope_of(instance) if instance is not None else None
    if scope == REFERENCE and signal is not post_save and instance._meta.label in _registry.deleted_with_data:
        # a unit deleted with its task links, a zone with its plans, or tasks linked from a unit's side
        scope = None
        # (`unit.led_tasks.add(…)`): counts of any zone change
    data_changed(scope)
