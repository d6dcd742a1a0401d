"""Turn the service layer's exceptions into API answers: 400 with field messages, 403, 409."""

from django.core.exceptions import NON_FIELD_ERRORS as DJANGO_NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from zoneplan.core.exceptions import LimitReached, VersionConflict

NON_FIELD_ERRORS = api_settings.NON_FIELD_ERRORS_KEY


def exception_handler(exc, context):
    if isinstance(exc, LimitReached):
        return Response({"detail": " ".join(exc.messages)}, status=status.HTTP_429_TOO_MANY_REQUESTS)
    if isinstance(exc, VersionConflict):
        return Response(
            {"detail": str(exc), "current_version": exc.current_version},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
        if DJANGO_NON_FIELD_ERRORS in detail:
            detail[NON_FIELD_ERRORS] = detail.pop(DJANGO_NON_FIELD_ERRORS)
        exc = ValidationError(detail=detail)
    return drf_exception_handler(exc, context)
