"""Shared pieces of the REST API: one error shape, parsing limits, pagination, roles and throttles.

Every refusal has the same JSON body::

    {"status": 404, "code": "not_found", "message": "No claim 7.", "fields": {}}

`fields` maps an input field to its messages for a 400; it is empty otherwise.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import JSONParser
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from articles.parsing import IngestError
from claims.workflow import TransitionNotAllowed

if TYPE_CHECKING:
    # Imported for annotations only: rest_framework.views reads these settings while it loads.
    from rest_framework.views import APIView

# The largest id the database keys hold (a signed 64-bit integer): a bigger one is a 404, not an
# overflow inside the driver.
MAX_ID = 2**63 - 1


class Conflict409(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "transition_not_allowed"
    default_detail = "This move is not allowed from the object's current state."


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"
    default_detail = "The request body is too large."


def error_body(status_code: int, code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict[str, Any]:
    return {"status": status_code, "code": code, "message": message, "fields": fields or {}}


def _flatten(detail: Any) -> list[str]:
    if isinstance(detail, dict):
        return [f"{key}: {message}" for key, value in detail.items() for message in _flatten(value)]
    if isinstance(detail, list):
        return [message for item in detail for message in _flatten(item)]
    return [str(detail)]


def _field_errors(detail: Any) -> tuple[str, dict[str, list[str]]]:
    """A message and per-field messages out of DRF's nested error detail."""
    if isinstance(detail, dict):
        general_key = api_settings.NON_FIELD_ERRORS_KEY
        fields = {str(key): _flatten(value) for key, value in detail.items() if key != general_key}
        general = _flatten(detail.get(api_settings.NON_FIELD_ERRORS_KEY, []))
        message = " ".join(general) or "The input is not valid: " + "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in fields.items()
        )
        return message, fields
    return " ".join(_flatten(detail)), {}


def _translate(exc: Exception) -> exceptions.APIException | None:
    """Domain and Django exceptions as the API exceptions they mean."""
    if isinstance(exc, TransitionNotAllowed):
        return Conflict409(str(exc))
    if isinstance(exc, IngestError):
        if "over the limit" in exc.message:
            return PayloadTooLarge(exc.message)
        return exceptions.ValidationError({"body" if "body" in exc.message else api_settings.NON_FIELD_ERRORS_KEY:
                                           [exc.message]})
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return exceptions.ValidationError({key: [str(m) for e in errors for m in e.messages]
                                               for key, errors in exc.error_dict.items()})
        return exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: exc.messages})
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, Http404):
        return exceptions.NotFound(str(exc) or None)
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge(str(exc))
    return None


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: every handled error in the one JSON shape.

    Anything not recognised is left to Django (a 500 and a logged traceback): that is a bug, not
    something a client should be told about.
    """
    translated = exc if isinstance(exc, exceptions.APIException) else _translate(exc)
    if translated is None:
        return None
    headers: dict[str, str] = {}
    if getattr(translated, "auth_header", None):
        headers["WWW-Authenticate"] = translated.auth_header  # type: ignore[attr-defined]
    if getattr(translated, "wait", None):
        headers["Retry-After"] = "%d" % translated.wait  # type: ignore[attr-defined]
    codes = translated.get_codes()
    code = codes if isinstance(codes, str) else ("invalid" if translated.status_code == 400 else "error")
    if isinstance(translated, exceptions.ValidationError):
        message, fields = _field_errors(translated.detail)
    else:
        message, fields = " ".join(_flatten(translated.detail)), {}
    _rollback_request_transaction(context.get("view"))
    return Response(error_body(translated.status_code, code, message, fields), status=translated.status_code,
                    headers=headers)


def _rollback_request_transaction(view: Any) -> None:
    """Mark the request's transaction (ATOMIC_REQUESTS) for rollback, as DRF does, but not for a
    view that runs outside it: there, any open atomic block belongs to someone else."""
    from django.db import connections

    excluded = getattr(getattr(type(view), "dispatch", None), "_non_atomic_requests", set())
    for connection in connections.all(initialized_only=True):
        if (connection.settings_dict["ATOMIC_REQUESTS"] and connection.in_atomic_block
                and connection.alias not in excluded):
            connection.set_rollback(True)


def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any path under /api/v1/ that names no endpoint (or an id that is not a number)."""
    return JsonResponse(error_body(404, "not_found", f"No endpoint at {request.path}."), status=404)


class ErrorSerializer(serializers.Serializer):
    """The body of every error response (documented in the schema)."""

    status = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


# --- parsing ---------------------------------------------------------------------------------

class LimitedJSONParser(JSONParser):
    """JSON with a cap on the request size (DRF reads the stream itself, so Django's
    DATA_UPLOAD_MAX_MEMORY_SIZE never applies), and nesting too deep for the decoder answered as a
    parse error rather than a RecursionError."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: dict[str, Any] | None = None) -> Any:
        limit = settings.TALLY_API_MAX_REQUEST_BYTES
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise PayloadTooLarge(f"The request body is over the limit of {limit:,} bytes.")
        try:
            return json.loads(raw.decode((parser_context or {}).get("encoding") or settings.DEFAULT_CHARSET),
                              parse_constant=_refuse_constant)
        except RecursionError:
            raise exceptions.ParseError("JSON parse error - nested too deeply.") from None
        except ValueError as error:
            raise exceptions.ParseError(f"JSON parse error - {error}") from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


# --- pagination ------------------------------------------------------------------------------

class Cursor(CursorPagination):
    """Cursor pagination for the big lists: no COUNT, no OFFSET scan, stable under inserts.

    Views set `ordering` (first field non-null, so a cursor position is always a value; rows that
    share a position are told apart by an offset, so the first field should be close to unique).
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "-id"

    def get_ordering(self, request: Request, queryset: Any, view: APIView) -> tuple[str, ...]:
        # DRF takes a view's `ordering` only through an OrderingFilter; a view without one would
        # page by the class's "-id" whatever it declares.
        if not any(hasattr(backend, "get_ordering") for backend in getattr(view, "filter_backends", [])):
            ordering = getattr(view, "ordering", None) or self.ordering
            return (ordering,) if isinstance(ordering, str) else tuple(ordering)
        return super().get_ordering(request, queryset, view)

    def paginate_queryset(self, queryset: Any, request: Request, view: APIView | None = None) -> list[Any] | None:
        try:
            return super().paginate_queryset(queryset, request, view)
        except (ValueError, DjangoValidationError):
            # A cursor whose position is not a value of the ordering field ("p=abc" for an id):
            # the field's conversion refuses it while the page is read.
            if request.query_params.get(self.cursor_query_param) is None:
                raise
            raise exceptions.NotFound(self.invalid_cursor_message) from None


def capped(queryset: Any, limit: int) -> tuple[list[Any], bool]:
    """The first `limit` rows of a nested list, and whether there are more (one query)."""
    rows = list(queryset[: limit + 1])
    return rows[:limit], len(rows) > limit


# --- roles -----------------------------------------------------------------------------------

def has_permission(codename: str) -> type[BasePermission]:
    """A permission class that lets a user through when they hold `codename` (through a role).

    Anonymous users get 401 (so a client knows to authenticate); users without it get 403.
    """

    class HasPermission(BasePermission):
        message = f"Your role does not allow this (it needs the permission {codename})."

        def has_permission(self, request: Request, view: APIView) -> bool:
            user = request.user
            if not (user and user.is_authenticated):
                raise exceptions.NotAuthenticated()
            return bool(user.has_perm(codename))

    HasPermission.__name__ = f"Has_{codename.replace('.', '_')}"
    return HasPermission


# Every role (reviewer, editor, admin) can read everything.
CanRead = has_permission("claims.view_claim")
CanReview = has_permission("claims.change_conflict")
CanPublish = has_permission("claims.publish_review")
CanIngest = has_permission("articles.add_article")
CanManageSources = has_permission("articles.change_source")
CanManageUsers = has_permission("auth.change_user")


class ReadOrManageSources(BasePermission):
    """Reads for every role, writes for admins."""

    message = "Only an admin can change sources."

    def has_permission(self, request: Request, view: APIView) -> bool:
        needed = CanRead if request.method in ("GET", "HEAD", "OPTIONS") else CanManageSources
        return needed().has_permission(request, view)


# --- throttling ------------------------------------------------------------------------------

class WriteThrottle(SimpleRateThrottle):
    """Limits writes (POST, PUT, PATCH, DELETE) per user, or per address for anonymous callers;
    reads are not throttled. The rate is REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["write"]
    (TALLY_API_WRITE_RATE), read on each request so that a changed setting applies at once.

    Counts live in the default cache: per process with the local-memory cache, shared with a
    shared cache (Redis) configured as default.
    """

    scope = "write"

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request: Request, view: APIView) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        self.rate = self.get_rate()
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request: Request, view: APIView) -> str:
        ident = request.user.pk if request.user and request.user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}

