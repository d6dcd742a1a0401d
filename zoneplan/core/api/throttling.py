"""API throttling with the rates read from `settings.API_THROTTLE_RATES` at each request (DRF binds its rates
when the module is imported), counted in the cache that every web process shares. A throttled client gets 429
with Retry-After."""

from django.conf import settings
from rest_framework import throttling


class _SettingsRate:
    def get_rate(self):
        return settings.API_THROTTLE_RATES[self.scope]


class AnonThrottle(_SettingsRate, throttling.AnonRateThrottle):
    pass


class UserThrottle(_SettingsRate, throttling.UserRateThrottle):
    pass


class TokenThrottle(_SettingsRate, throttling.AnonRateThrottle):
    """Asking for a token with a password: per address, signed in or not (against guessing passwords)."""

    scope = "token"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
