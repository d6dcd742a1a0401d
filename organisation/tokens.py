"""Issuing and revoking API tokens (django-rest-knox's hashed, expiring tokens), and revoking them all when a
person's password changes."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from knox.crypto import hash_token
from knox.models import AuthToken
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from zoneplan.core.api.throttling import TokenThrottle


def issue_token(user) -> tuple[str, object]:
    """A new token for `user` (its text, shown once) and when it expires."""
    instance, token = AuthToken.objects.create(user=user)
    return token, instance.expiry


def password_changed(sender, instance, **kwargs) -> None:
    """pre_save of a user: a new password revokes every API token of the user (as it ends other sessions)."""
    if instance.pk is None or kwargs.get("raw"):
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "password" not in update_fields:
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if stored is not None and stored != instance.password:
        AuthToken.objects.filter(user_id=instance.pk).delete()


class TokenCredentials(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class ObtainTokenView(APIView):
    """`POST /api/v1/auth/token/` with `username` and `password`: a token valid for REST_KNOX's TOKEN_TTL.
    Throttled per address; failures count towards the login lock-out (django-axes) as the login page's do.
    `DELETE`: revoke the token the request is signed with (signed in by session: every token of the user)."""

    throttle_classes = [TokenThrottle]

    def _revoking(self) -> bool:
        """Only revoking needs a signed request (no request: the schema is being generated, which documents
        it); any other method is a sign-in or answered 405."""
        request = getattr(self, "request", None)
        return request is None or request.method == "DELETE"

    def get_authenticators(self):
        return super().get_authenticators() if self._revoking() else []

    def get_permissions(self):
        return [IsAuthenticated()] if self._revoking() else []

    @extend_schema(
        request=TokenCredentials,
        responses={
            200: inline_serializer(
                "IssuedToken", {"token": serializers.CharField(), "expiry": serializers.DateTimeField()}
            ),
            400: None,
            429: None,
        },
    )
    def post(self, request):
        credentials = TokenCredentials(data=request.data)
        credentials.is_valid(raise_exception=True)
        user = authenticate(request._request, **credentials.validated_data)
        if user is None or not user.is_active:
            raise exceptions.ValidationError(
                {"non_field_errors": [_("Unable to log in with provided credentials.")]}
            )
        token, expiry = issue_token(user)
        return Response({"token": token, "expiry": expiry}, status=status.HTTP_200_OK)

    @extend_schema(request=None, responses={204: None, 401: None})
    def delete(self, request):
        tokens = AuthToken.objects.filter(user=request.user)
        if isinstance(request.auth, str):
            tokens = tokens.filter(digest=hash_token(request.auth))
        tokens.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
