"""The one domain exception services raise besides ValidationError and PermissionDenied."""


class VersionConflict(Exception):
    """The object changed since the client read it (optimistic locking)."""

    def __init__(self, *, current_version: int | None):
        self.current_version = current_version
        super().__init__(f"The object was changed by someone else; its current version is {current_version}.")
