"""Caching of computed figures (the dashboards) that is never stale.

Every cached value is keyed on the *data version*: a random token replaced after each committed write —
from the history helpers, which every service write and job goes through (`QuerySet.update()` included),
and from model save/delete signals of the domain apps (the admin, fixtures). The token is replaced at the write
and again after the transaction commits, so a reader can never store figures computed before the commit
under the version that follows it; a random token (not a counter) cannot be lost between two writers.
"""

from collections.abc import Callable
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction

KEY = "zoneplan:data-version"
TIMEOUT = 15 * 60


def data_version() -> str:
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, uuid4().hex, None)
        version = cache.get(KEY)
    return version


def data_changed(**_signal_kwargs) -> None:
    """Call after a write: the data version changes now and again when the surrounding transaction commits
    (what a reader caches in between is keyed on the intermediate version, never used after the commit)."""
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    cache.set(KEY, uuid4().hex, None)


def cached(name: str, parts: tuple, compute: Callable[[], object]):
    """`compute()`, or its value from the cache for the current data version and these `parts`."""
    key = f"zoneplan:{name}:{data_version()}:" + ":".join(str(part) for part in parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
