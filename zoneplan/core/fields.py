"""Model fields that many models declare the same way."""

from django.conf import settings
from django.db import models


def actor_field(verbose_name) -> models.ForeignKey:
    """The user who did something (wrote, reviewed, replied); kept as empty when the account is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
