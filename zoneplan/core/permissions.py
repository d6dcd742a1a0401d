"""The one way services check a permission on an object."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def ensure_perm(actor, perm: str, obj=None) -> None:
    """Raise PermissionDenied unless `actor` holds `perm` on `obj` (rules predicates, superusers pass)."""
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You are not allowed to do this."))
