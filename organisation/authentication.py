"""API tokens (django-rest-knox's model): hashed, expiring, and dropped when their user's password changes.

A token is stored only as its SHA-512 digest (knox's primary key), so a copy of the database gives no usable
token. Authentication reads the token's user, and the user's roles with it, in one written-out statement keyed
on that digest: knox's own `TokenAuthentication` reads the token and its user with the ORM and then the roles
again (three round trips against one; the ORM's query building cost more than the database's answer here).
"""

from datetime import UTC

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from knox.crypto import hash_token
from knox.models import AuthToken
from knox.settings import knox_settings
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from organisation.roles import remember_roles, role_rows_sql


def _user_of_token_sql() -> str:
    """The token's user and its expiry, once for each of its memberships and zone roles (or once with none),
    with `role_kind` and `role_value` (see `organisation.roles.role_rows_sql`)."""
    user, quote = get_user_model()._meta, connection.ops.quote_name
    token, user_id = quote(AuthToken._meta.db_table), quote("user_id")
    return (
        f"SELECT u.*, t.{quote('expiry')} AS token_expiry, r.{quote('kind')} AS role_kind, "  # noqa: S608
        f"r.{quote('value')} AS role_value "
        f"FROM {quote(user.db_table)} u JOIN {token} t ON t.{user_id} = u.{quote(user.pk.column)} "
        f"LEFT JOIN ({role_rows_sql()}) r ON r.{user_id} = u.{quote(user.pk.column)} "
        f"WHERE t.{quote('digest')} = %s"
    )


class QuickTokenAuthentication(TokenAuthentication):
    keyword = knox_settings.AUTH_HEADER_PREFIX

    def authenticate_credentials(self, key):
        rows = list(get_user_model().objects.raw(_user_of_token_sql(), [hash_token(key)]))
        if not rows:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        user = rows[0]
        expiry = user.token_expiry
        if isinstance(expiry, str):  # SQLite through a raw query: UTC, without its zone
            expiry = parse_datetime(expiry)
        if expiry is not None and timezone.is_naive(expiry):
            expiry = expiry.replace(tzinfo=UTC)
        if expiry is not None and expiry < timezone.now():
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        remember_roles(user, [(row.role_kind, row.role_value) for row in rows if row.role_kind is not None])
        return user, key


def file_reader(request):
    """The person asking for a file: the session's, or the API token's (download links are handed out by the
    API too). An anonymous client is refused here with 403, not sent to the login page."""
    if not request.user.is_authenticated:
        try:
            signed = QuickTokenAuthentication().authenticate(request)
        except AuthenticationFailed:
            signed = None
        if signed is None:
            raise PermissionDenied
        request.user = signed[0]
    return request.user
