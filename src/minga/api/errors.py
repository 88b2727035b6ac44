"""Exception handlers: every API error is JSON ``{"detail": …, "hint": …}`` (+ ``errors`` for invalid data)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from minga.core.errors import ImportRejected, MingaError, NotFound, PermissionDenied, ValidationFailed

TOKEN_HINT = "Send 'Authorization: Bearer <token>'; an administrator issues one with `minga token USER`."
#: request parts ninja names first in an error location; for a body the parameter name follows
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}


def minga_error(api: NinjaAPI, request: HttpRequest, exc: MingaError) -> HttpResponse:
    status = 400
    body: dict[str, Any] = {"detail": exc.message, "hint": exc.hint}
    if isinstance(exc, PermissionDenied):
        status = 403
    elif isinstance(exc, NotFound):
        status = 404
    elif isinstance(exc, ValidationFailed):
        status, body["errors"] = 422, exc.errors
    elif isinstance(exc, ImportRejected):
        status, body["rejected"] = 422, [{"line": line, "reason": reason} for line, reason in exc.rejects]
    return api.create_response(request, body, status=status)


def unauthenticated(api: NinjaAPI, request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    sent = bool(request.headers.get("Authorization"))
    detail = "Invalid, revoked or inactive API token." if sent else "Authentication required."
    response = api.create_response(request, {"detail": detail, "hint": TOKEN_HINT}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="minga"'
    return response


def http_error(api: NinjaAPI, request: HttpRequest, exc: HttpError) -> HttpResponse:
    """ninja's own errors (an unreadable body, a throttled client…), with a hint like ours."""
    hint = "Send a JSON body with 'Content-Type: application/json'." if exc.status_code == 400 else ""
    return api.create_response(request, {"detail": str(exc), "hint": hint}, status=exc.status_code)


def field_name(loc: list[Any] | tuple[Any, ...]) -> str:
    """("body", "payload", "lat") → "lat"; ("query", "limit") → "limit"; ("body", "payload") → "body"."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in _SOURCES:
        source, parts = parts[0], parts[1:]
        if source == "body":
            parts = parts[1:]
        if not parts:
            return source
    return ".".join(parts) or "request"


def invalid_request(api: NinjaAPI, request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(field_name(error.get("loc", ())), []).append(str(error.get("msg", "invalid")))
    summary = "; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items())
    body = {
        "detail": f"Invalid data: {summary}",
        "hint": "Correct the fields named and try again; /api/v1/docs describes each one.",
        "errors": errors,
    }
    return api.create_response(request, body, status=422)


def register(api: NinjaAPI) -> None:
    """Install the handlers on ``api``."""
    handlers: list[tuple[type[Exception], Any]] = [
        (MingaError, minga_error),
        (AuthenticationError, unauthenticated),
        (HttpError, http_error),
        (NinjaValidationError, invalid_request),
    ]
    for exc_class, handler in handlers:
        api.add_exception_handler(exc_class, partial(handler, api))
