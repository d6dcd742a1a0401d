"""The Redis cache backend that keeps one redis-py client per connection pool, against the real Redis."""

import pytest
from django.conf import settings
from django.core.cache import caches

from zoneplan.core.rediscache import ZonePlanRedisCache

pytestmark = pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (set in CI)")


def test_the_configured_cache_is_the_client_keeping_backend():
    assert isinstance(caches["default"], ZonePlanRedisCache)


def test_one_client_serves_every_call_and_the_cache_works_through_it():
    cache = ZonePlanRedisCache(settings.REDIS_URL, {"KEY_PREFIX": "test-rediscache"})
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    cache.set("a", {"figure": 1}, 60)
    cache.set_many({"b": 2, "c": 3}, 60)
    assert cache.get("a") == {"figure": 1}
    assert cache.get_many(["a", "b", "c", "missing"]) == {"a": {"figure": 1}, "b": 2, "c": 3}
    assert cache.add("b", 5) is False and cache.incr("b") == 3
    cache.delete_many(["a", "b", "c"])
    assert cache.get_many(["a", "b", "c"]) == {}
    assert cache._cache.get_client() is client
