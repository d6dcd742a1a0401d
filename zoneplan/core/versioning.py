"""Optimistic locking: a write names the version it read; a compare-and-swap makes exactly one writer win."""

from django.db import models
from django.db.models import F

from zoneplan.core.exceptions import VersionConflict


def claim_version(*, model: type[models.Model], pk: int, expected_version: int) -> int:
    """Bump the row's version if it still is `expected_version`; raise VersionConflict otherwise.

    Call inside the writing transaction: on PostgreSQL the UPDATE holds the row lock until commit,
    so a concurrent writer with the same expected version re-reads and matches no row.
    """
    claimed = model.objects.filter(pk=pk, version=expected_version).update(version=F("version") + 1)
    if not claimed:
        current = model.objects.filter(pk=pk).values_list("version", flat=True).first()
        raise VersionConflict(current_version=current)
    return expected_version + 1
