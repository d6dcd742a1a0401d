"""Reading the version a client based its write on: a `version` field or an If-Match header."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError


def expected_version(request) -> int:
    """The version the client read; a write without one could silently overwrite someone else's."""
    raw = request.data.get("version") if hasattr(request.data, "get") else None
    if raw in (None, ""):
        raw = request.headers.get("If-Match", "").removeprefix("W/").strip('"') or None
    if raw is None:
        raise ValidationError(
            {"version": [_("Send the version you read (the version field or an If-Match header).")]}
        )
    try:
        version = int(raw)
    except (TypeError, ValueError):
        raise ValidationError({"version": [_("A valid integer is required.")]}) from None
    if version < 1:
        raise ValidationError({"version": [_("A valid integer is required.")]})
    return version


def etag(version: int) -> str:
    return f'"{version}"'
