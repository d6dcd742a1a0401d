"""The domain exceptions services raise besides ValidationError and PermissionDenied."""

from django.core.exceptions import ValidationError


class VersionConflict(Exception):
    """The object changed since the client read it (optimistic locking)."""

    def __init__(self, *, current_version: int | None):
        self.current_version = current_version
        super().__init__(f"The object was changed by someone else; its current version is {current_version}.")


class LimitReached(ValidationError):
    """A person asked for more than a limit allows for now (files being made, files an hour): 429 in the API,
    the message on the page (a ValidationError, so pages that show those show it)."""
